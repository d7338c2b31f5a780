/**
 * `npm run user -- create --username admin --role admin [--scope CODE] [--name 显示名]`: creates an
 * account in the configured database (DATABASE_URL, or the embedded one). The password is read from
 * stdin when piped (`echo 'secret-password' | npm run user -- create ...`), else one is generated and
 * printed once. `npm run user -- list` lists the accounts; `npm run user -- reset --username NAME`
 * sets a new password the same way.
 */
import { parseArgs } from 'node:util';
import { generatePassword } from '../server/auth/passwords';
import { ROLES, type Role } from '../server/auth/principal';
import { changeUserAccount, createUserAccount } from '../server/auth/user-admin';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/open';
import { ProblemError } from '../server/problem';
import { getLoginCandidate, listUsers } from '../server/queries/users';

const USAGE = `Usage:
  npm run user -- create --username NAME --role ${ROLES.join('|')} [--scope GRID_CODE] [--name DISPLAY_NAME]
  npm run user -- reset --username NAME
  npm run user -- list
The password is read from stdin when piped; otherwise a random one is generated and printed once.`;

async function readStdinPassword(): Promise<string | undefined> {
  if (process.stdin.isTTY) return undefined;
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  const password = text.replace(/\r?\n$/, '');
  return password.length > 0 ? password : undefined;
}

/** The CLI acts as the system, not as a logged-in admin. */
const SYSTEM = { userId: null, username: 'cli', displayName: 'CLI', role: 'admin' as Role, scopeCode: null };

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      scope: { type: 'string' },
      name: { type: 'string' },
    },
  });
  const command = positionals[0];
  if (command !== 'create' && command !== 'reset' && command !== 'list') {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const { db } = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
    log: () => {},
  });
  try {
    if (command === 'list') {
      for (const u of await listUsers(db)) {
        console.log(
          `${u.id}\t${u.username}\t${u.role}\t${u.scopeCode ?? '-'}\t${u.disabled ? 'disabled' : 'active'}`,
        );
      }
      return 0;
    }
    const username = values.username?.trim().toLowerCase();
    if (!username) throw new Error('--username is required.');
    const stdinPassword = await readStdinPassword();
    if (command === 'create') {
      const role = values.role as Role | undefined;
      if (!role || !ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}.`);
      const { user, generatedPassword } = await createUserAccount(db, {
        username,
        displayName: values.name,
        role,
        scopeCode: values.scope ?? null,
        password: stdinPassword,
      });
      console.log(`Created ${user.username} (${user.role}, scope ${user.scopeCode ?? 'whole district'}).`);
      if (generatedPassword) console.log(`Password (shown only now): ${generatedPassword}`);
      return 0;
    }
    const found = await getLoginCandidate(db, username);
    if (!found) throw new Error(`No user ${username}.`);
    const password = stdinPassword ?? generatePassword();
    await changeUserAccount(db, SYSTEM, found.id, { password, disabled: false });
    console.log(
      `New password for ${username}${stdinPassword ? ' set from stdin' : ` (shown only now): ${password}`}. Its sessions ended.`,
    );
    return 0;
  } catch (err) {
    const message =
      err instanceof ProblemError ? err.message : err instanceof Error ? err.message : String(err);
    console.error(`Failed: ${message}`);
    return 1;
  } finally {
    await db.close();
  }
}

main().then((code) => process.exit(code));
