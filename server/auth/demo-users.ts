import type { Db } from '../db/db';
import { countUsers, firstPublishedLevel3Grid } from '../queries/users';
import type { Role } from './principal';
import { createUserAccount } from './user-admin';

export type DemoAccount = { username: string; role: Role; scopeCode: string | null; password: string };

const DEMO_ROLES: readonly { username: string; displayName: string; role: Role }[] = [
  { username: 'leader', displayName: '街道领导', role: 'leader' },
  { username: 'planner', displayName: '网格规划员', role: 'planner' },
  { username: 'dispatcher', displayName: '调度员', role: 'dispatcher' },
  { username: 'worker', displayName: '网格员', role: 'worker' },
  { username: 'admin', displayName: '系统管理员', role: 'admin' },
];

/**
 * On the embedded demo database only: when no user exists, one account per role for the whole
 * district plus a grid worker scoped to one level-3 grid, each with a random password. Returns the
 * accounts created (to print once), or [] when there were users already.
 */
export async function ensureDemoUsers(db: Db): Promise<DemoAccount[]> {
  if ((await countUsers(db)) > 0) return [];
  const grid = await firstPublishedLevel3Grid(db);
  const wanted = [
    ...DEMO_ROLES.map((r) => ({ ...r, scopeCode: null as string | null })),
    ...(grid
      ? [
          {
            username: 'worker-grid',
            displayName: `网格员（${grid.name}）`,
            role: 'worker' as Role,
            scopeCode: grid.code,
          },
        ]
      : []),
  ];
  const made: DemoAccount[] = [];
  for (const w of wanted) {
    const { user, generatedPassword } = await createUserAccount(db, w);
    made.push({
      username: user.username,
      role: user.role,
      scopeCode: user.scopeCode,
      password: generatedPassword as string,
    });
  }
  return made;
}

/** The lines printed once at first start. */
export function describeDemoAccounts(accounts: readonly DemoAccount[]): string[] {
  if (accounts.length === 0) return [];
  return [
    'Demo accounts (shown only now; change them or create your own with `npm run user`):',
    ...accounts.map(
      (a) =>
        `  ${a.username.padEnd(12)} ${a.role.padEnd(10)} ${(a.scopeCode ?? 'whole district').padEnd(16)} ${a.password}`,
    ),
  ];
}
