/** `app_session`: server-side login sessions, keyed by the SHA-256 (hex) of the cookie token. */
import type { Role } from '../auth/principal';
import type { Db } from '../db/db';

export type NewSession = {
  tokenHash: string;
  userId: number;
  csrfToken: string;
  now: Date;
  expiresAt: Date;
};

export async function insertSession(db: Db, s: NewSession): Promise<void> {
  await db.query(
    `INSERT INTO app_session (token_hash, user_id, csrf_token, created_at, expires_at, last_seen)
     VALUES ($1, $2, $3, $4, $5, $4)`,
    [s.tokenHash, s.userId, s.csrfToken, s.now, s.expiresAt],
  );
}

export type ActiveSession = {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  scopeCode: string | null;
  csrfToken: string;
  expiresAt: Date;
  lastSeen: Date;
};

/** The live session of a token hash: not expired at `now`, its user not disabled; null when none. */
export async function getActiveSession(db: Db, tokenHash: string, now: Date): Promise<ActiveSession | null> {
  const rows = await db.query<ActiveSession>(
    `SELECT u.id AS "userId", u.username, u.display_name AS "displayName", u.role, u.scope_code AS "scopeCode",
       s.csrf_token AS "csrfToken", s.expires_at AS "expiresAt", s.last_seen AS "lastSeen"
     FROM app_session s JOIN app_user u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > $2 AND NOT u.disabled`,
    [tokenHash, now],
  );
  const row = rows[0];
  return row ? { ...row, expiresAt: new Date(row.expiresAt), lastSeen: new Date(row.lastSeen) } : null;
}

/** Slides a session's expiry (sliding expiration on use). */
export async function slideSession(db: Db, tokenHash: string, now: Date, expiresAt: Date): Promise<void> {
  await db.query('UPDATE app_session SET last_seen = $2, expires_at = $3 WHERE token_hash = $1', [
    tokenHash,
    now,
    expiresAt,
  ]);
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM app_session WHERE token_hash = $1', [tokenHash]);
}

/** Ends every session of a user (disabled, role or password changed). */
export async function deleteUserSessions(db: Db, userId: number): Promise<void> {
  await db.query('DELETE FROM app_session WHERE user_id = $1', [userId]);
}

/** Removes expired sessions; returns how many. */
export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `WITH d AS (DELETE FROM app_session WHERE expires_at <= $1 RETURNING 1) SELECT count(*)::int AS n FROM d`,
    [now],
  );
  return rows[0]?.n ?? 0;
}
