/**
 * Every HTTP call of the benchmark goes through `BenchClient.request` (and autocannon gets its headers
 * from `authHeaders`), so access control (#7) is handled in one place: a bench user per role is created
 * through the users query module, logs in via POST /api/auth/login, and each request carries its
 * session cookie plus the X-CSRF-Token on unsafe methods. Keep-alive: Node's fetch (undici) pools.
 */
import { hashPassword } from '../../server/auth/passwords';
import type { Role } from '../../server/auth/principal';
import type { Db } from '../../server/db/db';
import { getLoginCandidate, insertUser, updateUser } from '../../server/queries/users';

export const BENCH_PASSWORD = 'bench-password-8-city-scale';

export type Session = { cookie: string; csrf: string };

export type BenchResponse = {
  status: number;
  bytes: number;
  ms: number;
  body: Uint8Array;
  etag: string | null;
};

export type BenchClient = {
  base: string;
  /** Cookie (+ CSRF token and JSON type for unsafe methods) of the role's session. */
  authHeaders(role: Role, method?: string): Record<string, string>;
  request(
    role: Role,
    path: string,
    init?: { method?: string; json?: unknown; headers?: Record<string, string> },
  ): Promise<BenchResponse>;
};

/** Creates (or resets) `bench-<role>`, district-wide, with the bench password, via server/queries/users. */
async function ensureUser(db: Db, role: Role): Promise<string> {
  const username = `bench-${role}`;
  const passwordHash = await hashPassword(BENCH_PASSWORD, 4);
  const found = await getLoginCandidate(db, username);
  if (found) await updateUser(db, found.id, { role, scopeCode: null, disabled: false, passwordHash });
  else
    await insertUser(db, { username, displayName: `基准测试 ${role}`, role, scopeCode: null, passwordHash });
  return username;
}

async function login(base: string, username: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login of ${username} answered ${res.status}: ${await res.text()}`);
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('gridsight_session='));
  const body = (await res.json()) as { csrfToken: string };
  if (!setCookie) throw new Error(`login of ${username} set no session cookie`);
  return { cookie: setCookie.split(';')[0] as string, csrf: body.csrfToken };
}

export async function createBenchClient(base: string, db: Db, roles: readonly Role[]): Promise<BenchClient> {
  const sessions = new Map<Role, Session>();
  for (const role of roles) sessions.set(role, await login(base, await ensureUser(db, role)));
  const authHeaders = (role: Role, method = 'GET'): Record<string, string> => {
    const s = sessions.get(role);
    const unsafe = method !== 'GET' && method !== 'HEAD';
    return {
      ...(s ? { cookie: s.cookie } : {}),
      ...(s && unsafe ? { 'x-csrf-token': s.csrf } : {}),
      ...(unsafe ? { 'content-type': 'application/json' } : {}),
    };
  };
  return {
    base,
    authHeaders,
    async request(role, path, init = {}) {
      const method = init.method ?? 'GET';
      const started = performance.now();
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { ...authHeaders(role, method), ...init.headers },
        ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
      });
      const body = new Uint8Array(await res.arrayBuffer());
      const ms = performance.now() - started;
      return { status: res.status, bytes: body.length, ms, body, etag: res.headers.get('etag') };
    },
  };
}
