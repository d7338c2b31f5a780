import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { createUser, sessionHeaders } from '../support/auth';
import { testBackends } from '../support/backends';
import { openTestDb, type TestDb } from '../support/test-db';

const HOUR = 3_600_000;
const START = new Date('2026-11-20T08:00:00Z');
const PASSWORD = 'correct-horse-battery';

function clock(start: Date) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
    set(d: Date) {
      now = d;
    },
  };
}

type App = ReturnType<typeof createApp>;

function login(app: App, username: string, password: string, url = 'http://localhost/api/auth/login') {
  return app.request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

/** `name=value` of the session cookie a response sets. */
function cookieOf(res: Response): string {
  const raw = res.headers.get('set-cookie') ?? '';
  return raw.split(';')[0] ?? '';
}

describe.each(testBackends())('login, sessions and CSRF (%s)', (backend) => {
  let t: TestDb;
  const time = clock(START);
  let app: App;

  beforeAll(async () => {
    t = await openTestDb(backend, 'empty');
    app = createApp(
      { db: t.db, capabilities: t.capabilities, district: { code: '360302', name: '安源区' }, now: time.now },
      { onUnexpected: (err) => console.error(err) },
    );
    await createUser(t, { username: 'leader-wang', role: 'leader', scopeCode: null, password: PASSWORD });
    await createUser(t, { username: 'admin-zhao', role: 'admin', scopeCode: null, password: PASSWORD });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('logs in with an HttpOnly SameSite=Lax cookie and returns the principal and a CSRF token', async () => {
    time.set(START);
    const res = await login(app, 'leader-wang', PASSWORD);
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^gridsight_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Secure');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.principal).toEqual({
      userId: expect.any(Number),
      username: 'leader-wang',
      displayName: 'leader-wang',
      role: 'leader',
      scopeCode: null,
    });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(body)).not.toContain('$2');

    const session = await app.request('/api/auth/session', { headers: { cookie: cookieOf(res) } });
    expect(session.status).toBe(200);
    expect(await session.json()).toEqual({ principal: body.principal, csrfToken: body.csrfToken });

    // Only the SHA-256 of the token is stored.
    const token = cookieOf(res).split('=')[1] as string;
    const rows = await t.db.query<{ token_hash: string }>('SELECT token_hash FROM app_session');
    expect(rows.some((r) => r.token_hash.includes(token))).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });

  it('marks the cookie Secure over TLS and with secureCookies', async () => {
    const tls = await login(app, 'leader-wang', PASSWORD, 'https://gridsight.example/api/auth/login');
    expect(tls.headers.get('set-cookie')).toContain('Secure');
    const proxied = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ username: 'leader-wang', password: PASSWORD }),
    });
    expect(proxied.headers.get('set-cookie')).toContain('Secure');
    const strict = createApp(
      {
        db: t.db,
        capabilities: t.capabilities,
        district: { code: '360302', name: '安源区' },
        secureCookies: true,
      },
      {},
    );
    expect((await login(strict, 'leader-wang', PASSWORD)).headers.get('set-cookie')).toContain('Secure');
  });

  it('answers 401 problem for a wrong password, an unknown user and no session', async () => {
    const wrong = await login(app, 'leader-wang', 'wrong-password');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
    expect(((await wrong.json()) as { type: string }).type).toMatch(/invalid-credentials$/);
    expect((await login(app, 'nobody-here', 'whatever-long')).status).toBe(401);
    expect((await app.request('/api/auth/session')).status).toBe(401);
    const anon = await app.request('/api/cases');
    expect(anon.status).toBe(401);
    expect(((await anon.json()) as { detail: string }).detail).toContain('POST /api/auth/login');
  });

  it('requires X-CSRF-Token equal to the session token on unsafe methods', async () => {
    const res = await login(app, 'admin-zhao', PASSWORD);
    const cookie = cookieOf(res);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const create = (headers: Record<string, string>) =>
      app.request('/api/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, ...headers },
        body: JSON.stringify({
          username: `w-${Math.random().toString(36).slice(2, 8)}`,
          role: 'worker',
          password: PASSWORD,
        }),
      });
    const missing = await create({});
    expect(missing.status).toBe(403);
    expect(((await missing.json()) as { type: string }).type).toMatch(/csrf-token-missing$/);
    expect((await create({ 'x-csrf-token': 'x'.repeat(43) })).status).toBe(403);
    expect((await create({ 'x-csrf-token': csrfToken })).status).toBe(201);
    // Safe methods need no token.
    expect((await app.request('/api/users', { headers: { cookie } })).status).toBe(200);
  });

  it('logs out: the session row is deleted and the cookie cleared', async () => {
    const res = await login(app, 'leader-wang', PASSWORD);
    const cookie = cookieOf(res);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const before = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_session');
    const out = await app.request('/api/auth/logout', {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/gridsight_session=;.*Max-Age=0/);
    const after = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_session');
    expect(after[0]?.n).toBe((before[0]?.n ?? 0) - 1);
    expect((await app.request('/api/auth/session', { headers: { cookie } })).status).toBe(401);
    const audited = await t.db.query<{ action: string; actor_name: string }>(
      "SELECT action, actor_name FROM audit_log WHERE entity_type = 'app_user' ORDER BY id",
    );
    const actions = audited.map((r) => `${r.action} ${r.actor_name}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'user.login leader-wang',
        'user.login-failed leader-wang',
        'user.logout leader-wang',
        'user.create admin-zhao',
      ]),
    );
  });

  it('ends a session 12 hours after its last use, sliding with each use', async () => {
    time.set(START);
    const cookie = cookieOf(await login(app, 'leader-wang', PASSWORD));
    const session = () => app.request('/api/auth/session', { headers: { cookie } });
    time.advance(11 * HOUR);
    expect((await session()).status).toBe(200);
    time.advance(11 * HOUR); // 22 h after login, 11 h after the last use
    expect((await session()).status).toBe(200);
    time.advance(12 * HOUR + 1000);
    expect((await session()).status).toBe(401);
  });

  it('limits failed logins to 5 per username and address in 15 minutes (429 with Retry-After)', async () => {
    time.set(START);
    await createUser(t, { username: 'planner-liu', role: 'planner', scopeCode: null, password: PASSWORD });
    for (let i = 0; i < 5; i++) expect((await login(app, 'planner-liu', 'wrong-password')).status).toBe(401);
    const limited = await login(app, 'planner-liu', PASSWORD);
    expect(limited.status).toBe(429);
    const retry = Number(limited.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    // Another username is not affected; another app (instance) counts on its own.
    expect((await login(app, 'leader-wang', PASSWORD)).status).toBe(200);
    time.advance(15 * 60_000 + 1000);
    expect((await login(app, 'planner-liu', PASSWORD)).status).toBe(200);
  });

  it('refuses a disabled account and ends its sessions', async () => {
    const { id } = await createUser(t, {
      username: 'worker-off',
      role: 'worker',
      scopeCode: null,
      password: PASSWORD,
    });
    const cookie = cookieOf(await login(app, 'worker-off', PASSWORD));
    const admin = await sessionHeaders(t, { role: 'admin', scopeCode: null });
    const patch = await app.request(`/api/users/${id}`, {
      method: 'PATCH',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ disabled: true }),
    });
    expect(patch.status).toBe(200);
    expect((await app.request('/api/auth/session', { headers: { cookie } })).status).toBe(401);
    expect((await login(app, 'worker-off', PASSWORD)).status).toBe(401);
  });
});

describe.each(testBackends())('user management (%s)', (backend) => {
  let t: TestDb;
  let app: App;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await openTestDb(backend, 'demo');
    app = createApp(
      { db: t.db, capabilities: t.capabilities, district: { code: '360302', name: '安源区' } },
      {},
    );
    admin = await sessionHeaders(t, { role: 'admin', scopeCode: null, username: 'admin-root' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const send = (method: string, path: string, body: unknown, headers = admin) =>
    app.request(path, {
      method,
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('creates users (generating a password when none is given), never returning hashes', async () => {
    const short = await send('POST', '/api/users', {
      username: 'w-short',
      role: 'worker',
      password: 'short',
    });
    expect(short.status).toBe(400);
    const [grid] = await t.db.query<{ code: string }>(
      'SELECT code FROM grid WHERE level = 3 ORDER BY code LIMIT 1',
    );
    const made = await send('POST', '/api/users', {
      username: 'Worker-Chen',
      displayName: '陈网格员',
      role: 'worker',
      scopeCode: grid?.code,
    });
    expect(made.status).toBe(201);
    const body = (await made.json()) as { user: Record<string, unknown>; generatedPassword: string };
    expect(body.user).toMatchObject({
      username: 'worker-chen',
      role: 'worker',
      scopeCode: grid?.code,
      disabled: false,
    });
    expect(body.generatedPassword.length).toBeGreaterThanOrEqual(16);
    expect((await send('POST', '/api/users', { username: 'worker-chen', role: 'worker' })).status).toBe(409);
    expect(
      (await send('POST', '/api/users', { username: 'w-nogrid', role: 'worker', scopeCode: 'NOPE' })).status,
    ).toBe(400);

    const logged = await login(app, 'worker-chen', body.generatedPassword);
    expect(logged.status).toBe(200);

    const list = await app.request('/api/users', { headers: admin });
    const text = await list.text();
    expect(text).toContain('worker-chen');
    expect(text).not.toMatch(/password|\$2[aby]\$/i);
  });

  it('changes role, scope and password; a change ends the sessions; admins cannot lock themselves out', async () => {
    const made = await send('POST', '/api/users', {
      username: 'disp-sun',
      role: 'dispatcher',
      password: PASSWORD,
    });
    const { user } = (await made.json()) as { user: { id: number } };
    const cookie = cookieOf(await login(app, 'disp-sun', PASSWORD));
    const changed = await send('PATCH', `/api/users/${user.id}`, {
      role: 'leader',
      password: 'another-password-1',
    });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { user: { role: string } }).user.role).toBe('leader');
    expect((await app.request('/api/auth/session', { headers: { cookie } })).status).toBe(401);
    expect((await login(app, 'disp-sun', PASSWORD)).status).toBe(401);
    expect((await login(app, 'disp-sun', 'another-password-1')).status).toBe(200);
    expect((await send('PATCH', `/api/users/${user.id}`, { password: 'short' })).status).toBe(400);
    expect((await send('PATCH', '/api/users/999999', { disabled: true })).status).toBe(404);

    const [me] = await t.db.query<{ id: number }>("SELECT id FROM app_user WHERE username = 'admin-root'");
    expect((await send('PATCH', `/api/users/${me?.id}`, { disabled: true })).status).toBe(409);
    expect((await send('PATCH', `/api/users/${me?.id}`, { role: 'leader' })).status).toBe(409);
  });

  it('refuses user management to every other role (403)', async () => {
    for (const role of ['leader', 'planner', 'dispatcher', 'worker'] as const) {
      const headers = await sessionHeaders(t, { role, scopeCode: null });
      expect((await app.request('/api/users', { headers })).status).toBe(403);
      expect(
        (await send('POST', '/api/users', { username: `x-${role}`, role: 'admin' }, headers)).status,
      ).toBe(403);
    }
  });

  it('checks case actions against the role: a worker may not accept, a dispatcher may not visit', async () => {
    const [c] = await t.db.query<{ id: number }>(
      "SELECT id FROM cases WHERE status = 'reported' ORDER BY id LIMIT 1",
    );
    const worker = await sessionHeaders(t, { role: 'worker', scopeCode: null });
    const accept = await send('POST', `/api/cases/${c?.id}/transitions`, { action: 'accept' }, worker);
    expect(accept.status).toBe(403);
    expect(((await accept.json()) as { type: string }).type).toMatch(/action-not-allowed$/);
    const dispatcher = await sessionHeaders(t, { role: 'dispatcher', scopeCode: null });
    expect(
      (await send('POST', `/api/cases/${c?.id}/transitions`, { action: 'accept' }, dispatcher)).status,
    ).toBe(200);
    const visit = await send(
      'POST',
      `/api/cases/${c?.id}/transitions`,
      { action: 'visit', satisfaction: 5 },
      dispatcher,
    );
    expect(visit.status).toBe(403);
    const leader = await sessionHeaders(t, { role: 'leader', scopeCode: null });
    expect(
      (
        await send(
          'POST',
          `/api/cases/${c?.id}/transitions`,
          { action: 'dispatch', department: 'housing' },
          leader,
        )
      ).status,
    ).toBe(403);
  });
});
