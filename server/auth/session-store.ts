import type { Db } from '../db/db';
import { type ActiveSession, getActiveSession, insertSession, slideSession } from '../queries/sessions';
import { newToken, tokenHash } from './tokens';

/** Sessions live 12 hours after their last use unless GRIDSIGHT_SESSION_HOURS says otherwise. */
export const DEFAULT_SESSION_TTL_MS = 12 * 3_600_000;
/** A session's expiry is slid at most once a minute, so reads do not each write a row. */
const SLIDE_EVERY_MS = 60_000;

export type NewSessionTokens = { token: string; csrfToken: string; expiresAt: Date };

export async function openSession(
  db: Db,
  userId: number,
  now: Date,
  ttlMs: number,
): Promise<NewSessionTokens> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + ttlMs);
  await insertSession(db, { tokenHash: tokenHash(token), userId, csrfToken, now, expiresAt });
  return { token, csrfToken, expiresAt };
}

/** The live session of a cookie token, its expiry slid to `now + ttl`; null when expired or unknown. */
export async function resumeSession(
  db: Db,
  token: string,
  now: Date,
  ttlMs: number,
): Promise<ActiveSession | null> {
  const hash = tokenHash(token);
  const session = await getActiveSession(db, hash, now);
  if (!session) return null;
  if (now.getTime() - session.lastSeen.getTime() >= SLIDE_EVERY_MS) {
    // Sliding never shortens a session.
    const expiresAt = new Date(Math.max(now.getTime() + ttlMs, session.expiresAt.getTime()));
    await slideSession(db, hash, now, expiresAt);
    return { ...session, lastSeen: now, expiresAt };
  }
  return session;
}
