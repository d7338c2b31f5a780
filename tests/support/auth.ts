import { SESSION_COOKIE } from '../../server/auth/cookie';
import { hashPassword } from '../../server/auth/passwords';
import type { Role } from '../../server/auth/principal';
import { newToken, tokenHash } from '../../server/auth/tokens';
import { insertSession } from '../../server/queries/sessions';
import { getLoginCandidate, insertUser, updateUser } from '../../server/queries/users';
import type { TestDb } from './test-db';

/** bcrypt cost for test accounts: cheap, the login code reads the cost from the hash. */
const TEST_ROUNDS = 4;
/** Harness sessions outlive any test clock (the server only ever extends an expiry). */
const FAR_FUTURE = new Date('2099-01-01T00:00:00Z');

export const TEST_PASSWORD = 'test-password-123';

/** Creates a user (password `TEST_PASSWORD` unless given). */
export async function createUser(
  t: TestDb,
  u: { username: string; role: Role; scopeCode: string | null; password?: string; displayName?: string },
): Promise<{ id: number }> {
  const user = await insertUser(t.db, {
    username: u.username,
    displayName: u.displayName ?? u.username,
    role: u.role,
    scopeCode: u.scopeCode,
    passwordHash: await hashPassword(u.password ?? TEST_PASSWORD, TEST_ROUNDS),
  });
  return { id: user.id };
}

/** `test-<role>[-<scope>]`, lower-cased to fit the username rule. */
function defaultUsername(role: Role, scopeCode: string | null): string {
  const scope = scopeCode ? `-${scopeCode.toLowerCase().replace(/[^a-z0-9_.-]/g, '_')}` : '';
  return `test-${role}${scope}`.slice(0, 40);
}

/**
 * Headers of a logged-in session (`cookie` + `x-csrf-token`) for a user of this role and scope,
 * created on demand (an existing harness user of that name gets this role and scope). The session
 * row is inserted directly: no password hashing per test.
 */
export async function sessionHeaders(
  t: TestDb,
  user: { role: Role; scopeCode: string | null; username?: string },
): Promise<Record<string, string>> {
  const username = user.username ?? defaultUsername(user.role, user.scopeCode);
  const found = await getLoginCandidate(t.db, username);
  let userId: number;
  if (!found) {
    userId = (await createUser(t, { username, role: user.role, scopeCode: user.scopeCode })).id;
  } else {
    userId = found.id;
    if (found.role !== user.role || found.scopeCode !== user.scopeCode || found.disabled) {
      await updateUser(t.db, userId, { role: user.role, scopeCode: user.scopeCode, disabled: false });
    }
  }
  const token = newToken();
  const csrfToken = newToken();
  await insertSession(t.db, {
    tokenHash: tokenHash(token),
    userId,
    csrfToken,
    now: new Date('2000-01-01T00:00:00Z'),
    expiresAt: FAR_FUTURE,
  });
  return { cookie: `${SESSION_COOKIE}=${token}`, 'x-csrf-token': csrfToken };
}
