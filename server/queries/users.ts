/** `app_user`: the people who log in. Password hashes stay in this module and the login check. */
import type { Role } from '../auth/principal';
import type { Db } from '../db/db';

export type User = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  scopeCode: string | null;
  disabled: boolean;
  createdAt: string;
};

const USER_COLUMNS = `id, username, display_name AS "displayName", role, scope_code AS "scopeCode",
  disabled, created_at AS "createdAt"`;

export type NewUser = {
  username: string;
  displayName: string;
  role: Role;
  scopeCode: string | null;
  passwordHash: string;
};

export async function insertUser(db: Db, u: NewUser): Promise<User> {
  const rows = await db.query<User>(
    `INSERT INTO app_user (username, display_name, role, scope_code, password_hash)
     VALUES ($1, $2, $3, $4, $5) RETURNING ${USER_COLUMNS}`,
    [u.username, u.displayName, u.role, u.scopeCode, u.passwordHash],
  );
  return rows[0] as User;
}

export async function listUsers(db: Db): Promise<User[]> {
  return db.query<User>(`SELECT ${USER_COLUMNS} FROM app_user ORDER BY username`);
}

export async function getUser(db: Db, id: number): Promise<User | null> {
  const rows = await db.query<User>(`SELECT ${USER_COLUMNS} FROM app_user WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export async function countUsers(db: Db): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_user');
  return rows[0]?.n ?? 0;
}

/** The user and their password hash, for the login check only. */
export async function getLoginCandidate(
  db: Db,
  username: string,
): Promise<(User & { passwordHash: string }) | null> {
  const rows = await db.query<User & { passwordHash: string }>(
    `SELECT ${USER_COLUMNS}, password_hash AS "passwordHash" FROM app_user WHERE username = $1`,
    [username],
  );
  return rows[0] ?? null;
}

export type UserChange = {
  displayName?: string;
  role?: Role;
  /** `null` = whole district; omitted = unchanged. */
  scopeCode?: string | null;
  disabled?: boolean;
  passwordHash?: string;
};

/** Applies the given fields; returns the updated user or null when there is none with that id. */
export async function updateUser(db: Db, id: number, ch: UserChange): Promise<User | null> {
  const rows = await db.query<User>(
    `UPDATE app_user SET
       display_name = COALESCE($2, display_name),
       role = COALESCE($3, role),
       scope_code = CASE WHEN $4::boolean THEN $5 ELSE scope_code END,
       disabled = COALESCE($6, disabled),
       password_hash = COALESCE($7, password_hash)
     WHERE id = $1 RETURNING ${USER_COLUMNS}`,
    [
      id,
      ch.displayName ?? null,
      ch.role ?? null,
      ch.scopeCode !== undefined,
      ch.scopeCode ?? null,
      ch.disabled ?? null,
      ch.passwordHash ?? null,
    ],
  );
  return rows[0] ?? null;
}

/** Whether any boundary version has a grid with this code (a scope must name a real grid). */
export async function gridCodeExists(db: Db, code: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM grid WHERE code = $1 LIMIT 1', [code]);
  return rows.length > 0;
}

/** The first level-3 grid of the published version (the scope of the demo's grid-scoped worker). */
export async function firstPublishedLevel3Grid(db: Db): Promise<{ code: string; name: string } | null> {
  const rows = await db.query<{ code: string; name: string }>(
    `SELECT g.code, g.name FROM grid g JOIN boundary_version v ON v.id = g.version_id
     WHERE v.status = 'published' AND g.level = 3 ORDER BY g.code LIMIT 1`,
  );
  return rows[0] ?? null;
}
