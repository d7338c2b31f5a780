import type { Db } from '../db/db';
import { ProblemError } from '../problem';
import { recordAudit } from '../queries/audit';
import { deleteUserSessions } from '../queries/sessions';
import {
  getUser,
  gridCodeExists,
  insertUser,
  type User,
  type UserChange,
  updateUser,
} from '../queries/users';
import type { AuditContext } from './audit-context';
import { generatePassword, hashPassword, passwordProblem } from './passwords';
import type { Principal, Role } from './principal';

export type CreateUserInput = {
  username: string;
  displayName?: string | undefined;
  role: Role;
  scopeCode: string | null;
  password?: string | undefined;
};

function checkPassword(password: string): void {
  const why = passwordProblem(password);
  if (why) throw new ProblemError(400, 'weak-password', `The password needs ${why}. Choose a longer one.`);
}

async function checkScope(db: Db, scopeCode: string | null): Promise<void> {
  if (scopeCode !== null && !(await gridCodeExists(db, scopeCode))) {
    throw new ProblemError(
      400,
      'unknown-scope',
      `No grid has the code ${scopeCode}. Use a grid code, or null for the whole district.`,
    );
  }
}

/** Creates an account; without a password one is generated and returned (shown once, never stored in clear). */
export async function createUserAccount(
  db: Db,
  input: CreateUserInput,
  audit?: AuditContext,
): Promise<{ user: User; generatedPassword: string | null }> {
  if (input.password !== undefined) checkPassword(input.password);
  await checkScope(db, input.scopeCode);
  const generatedPassword = input.password === undefined ? generatePassword() : null;
  const passwordHash = await hashPassword(input.password ?? (generatedPassword as string));
  const user = await db.transaction(async (tx) => {
    const made = await insertUser(tx, {
      username: input.username,
      displayName: input.displayName ?? input.username,
      role: input.role,
      scopeCode: input.scopeCode,
      passwordHash,
    });
    if (audit) await auditUser(tx, audit, 'user.create', made, null, made);
    return made;
  });
  return { user, generatedPassword };
}

export type ChangeUserInput = Omit<UserChange, 'passwordHash'> & { password?: string | undefined };

/**
 * Changes an account. A change of role, scope, password or a disable ends the user's sessions, so
 * the new rights apply at once. Admins cannot lock themselves out (disable or demote their own account).
 */
export async function changeUserAccount(
  db: Db,
  by: Principal,
  id: number,
  input: ChangeUserInput,
  audit?: AuditContext,
): Promise<User> {
  const before = await getUser(db, id);
  if (!before) throw new ProblemError(404, 'user-not-found', `No user with id ${id}. Check the id.`);
  if (by.userId === id && (input.disabled === true || (input.role !== undefined && input.role !== by.role))) {
    throw new ProblemError(
      409,
      'self-lockout',
      'You cannot disable or demote your own account; ask another admin.',
    );
  }
  if (input.password !== undefined) checkPassword(input.password);
  if (input.scopeCode !== undefined) await checkScope(db, input.scopeCode);
  const { password, ...rest } = input;
  const change: UserChange = {
    ...rest,
    ...(password !== undefined ? { passwordHash: await hashPassword(password) } : {}),
  };
  return db.transaction(async (tx) => {
    const user = (await updateUser(tx, id, change)) as User;
    const endsSessions =
      input.role !== undefined ||
      input.scopeCode !== undefined ||
      input.disabled === true ||
      password !== undefined;
    if (endsSessions) await deleteUserSessions(tx, id);
    if (audit) {
      // The audit row says a password was reset, never what it is.
      const after = { ...user, ...(password !== undefined ? { passwordReset: true } : {}) };
      await auditUser(tx, audit, 'user.update', user, before, after);
    }
    return user;
  });
}

async function auditUser(
  tx: Db,
  audit: AuditContext,
  action: string,
  user: User,
  before: unknown,
  after: unknown,
): Promise<void> {
  await recordAudit(tx, {
    actor: audit.actor,
    action,
    entityType: 'app_user',
    entityId: user.id,
    before,
    after,
    request: audit.request,
  });
}
