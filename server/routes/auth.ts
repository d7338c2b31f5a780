import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { auditContextOf } from '../auth/audit-context';
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from '../auth/cookie';
import { verifyAgainstDummy, verifyPassword } from '../auth/passwords';
import { principalOf } from '../auth/principal';
import { createLoginLimiter } from '../auth/rate-limit';
import { openSession } from '../auth/session-store';
import { tokenHash } from '../auth/tokens';
import type { Db } from '../db/db';
import { ProblemError } from '../problem';
import { recordAudit } from '../queries/audit';
import { deleteSession } from '../queries/sessions';
import { getLoginCandidate } from '../queries/users';
import { validate } from '../validation';

export type AuthRouteDeps = { db: Db; now?: () => Date; sessionTtlMs: number; secureCookies: boolean };

const LoginBody = z.strictObject({
  username: z.string().trim().toLowerCase().min(1).max(40),
  password: z.string().min(1).max(200),
});

function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}

/** An audit row of a login (attempt), with the user as the actor. */
async function auditLogin(
  db: Db,
  c: Context,
  user: { id: number; username: string; role: string },
  action: 'user.login' | 'user.login-failed',
): Promise<void> {
  await recordAudit(db, {
    actor: { userId: user.id, username: user.username, role: user.role },
    action,
    entityType: 'app_user',
    entityId: user.id,
    before: null,
    after: null,
    request: auditContextOf(c, user.username).request,
  });
}

/** `/api/auth`: log in (cookie session + CSRF token), log out, who am I. */
export function authRoutes(deps: AuthRouteDeps) {
  // One limiter per app: tests and instances do not share counts through module state.
  const limiter = createLoginLimiter();
  const nowOf = () => deps.now?.() ?? new Date();
  return new Hono()
    .post('/login', validate('json', LoginBody), async (c) => {
      const { username, password } = c.req.valid('json');
      const key = `${username}|${clientAddress(c)}`;
      const now = nowOf();
      const wait = limiter.retryAfterSeconds(key, now.getTime());
      if (wait > 0) {
        c.header('Retry-After', String(wait));
        throw new ProblemError(
          429,
          'too-many-logins',
          `Too many failed logins for ${username}. Wait ${Math.ceil(wait / 60)} minutes, or ask an admin to reset the password.`,
          { retryAfterSeconds: wait },
        );
      }
      const user = await getLoginCandidate(deps.db, username);
      const ok = user
        ? await verifyPassword(password, user.passwordHash)
        : await verifyAgainstDummy(password);
      if (!user || !ok || user.disabled) {
        limiter.recordFailure(key, now.getTime());
        // Failures against a real account are audited (unknown names are not: no log flooding).
        if (user) await auditLogin(deps.db, c, user, 'user.login-failed');
        throw new ProblemError(
          401,
          'invalid-credentials',
          'Wrong username or password, or the account is disabled. Check both and try again.',
        );
      }
      limiter.reset(key);
      const session = await deps.db.transaction(async (tx) => {
        const opened = await openSession(tx, user.id, now, deps.sessionTtlMs);
        await auditLogin(tx, c, user, 'user.login');
        return opened;
      });
      writeSessionCookie(c, session.token, deps.secureCookies);
      const principal = {
        userId: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        scopeCode: user.scopeCode,
      };
      return c.json({ principal, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() });
    })
    .post('/logout', async (c) => {
      const token = readSessionCookie(c);
      const principal = principalOf(c);
      await deps.db.transaction(async (tx) => {
        if (token) await deleteSession(tx, tokenHash(token));
        await recordAudit(tx, {
          ...auditContextOf(c),
          action: 'user.logout',
          entityType: 'app_user',
          entityId: principal.userId ?? principal.username,
          before: null,
          after: null,
        });
      });
      clearSessionCookie(c, deps.secureCookies);
      return c.body(null, 204);
    })
    .get('/session', (c) => {
      const principal = principalOf(c);
      const csrfToken = c.get('csrfToken' as never) as string;
      return c.json({ principal, csrfToken });
    });
}
