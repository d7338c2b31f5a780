import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../cases/case-fixtures';
import { testBackends } from '../support/backends';
import { openTestDb, type TestDb } from '../support/test-db';
import { idsUnder, OPEN311_KEY, SCOPE_POINTS, type ScopeWorld, seedScopeWorld } from './scope-fixture';

type Item = { id: number; gridCode: string };

describe.each(testBackends())('scope on the case endpoints (%s)', (backend) => {
  let t: TestDb;
  let w: ScopeWorld;
  const get = async (path: string, headers: Record<string, string>) => w.api.app.request(path, { headers });
  const listIds = async (query: string, headers: Record<string, string>) => {
    const ids: number[] = [];
    let cursor: string | null = null;
    do {
      const sep = query ? '&' : '';
      const res = await get(`/api/cases?${query}${sep}limit=2${cursor ? `&cursor=${cursor}` : ''}`, headers);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: Item[]; nextCursor: string | null };
      ids.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    return ids.sort((a, b) => a - b);
  };

  beforeAll(async () => {
    t = await openTestDb(backend, 'empty');
    w = await seedScopeWorld(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists only the cases of the scope subtree, through every filter and keyset paging', async () => {
    const worker = await w.as('worker', 'C1-1');
    expect(await listIds('', worker)).toEqual(idsUnder(w, 'C1-1'));
    expect(await listIds('grid=C2-1', worker)).toEqual([]);
    expect(await listIds('grid=S1', worker)).toEqual(idsUnder(w, 'C1-1'));
    expect(await listIds('bbox=113.7,27.5,114.1,27.8', worker)).toEqual(idsUnder(w, 'C1-1'));
    expect(await listIds('bbox=113.85,27.6,113.9,27.65', worker)).toEqual([]);
    expect(await listIds('category=environment&status=reported', worker)).toEqual(idsUnder(w, 'C1-1'));
    expect(await listIds('priority=normal&source=patrol&overdue=false', worker)).toEqual(idsUnder(w, 'C1-1'));
    expect(await listIds('grid=C2-1', await w.as('leader', 'S1'))).toEqual(idsUnder(w, 'C2-1'));
  });

  it('a street leader sees its communities, a community leader not a grid coded like its own, the district all', async () => {
    expect(await listIds('', await w.as('leader', 'S1'))).toEqual(idsUnder(w, 'S1'));
    // C1-3 sits under C3 in street S2: a prefix match on "C1" would leak it.
    expect(await listIds('', await w.as('leader', 'C1'))).toEqual(idsUnder(w, 'C1'));
    expect(await listIds('', await w.as('leader', 'S2'))).toEqual(idsUnder(w, 'S2'));
    const all = await listIds('', await w.as('leader', null));
    expect(all).toEqual(idsUnder(w, null));
    const [row] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
    expect(all.length).toBe(row?.n);
  });

  it('answers 404 for a case outside the scope, the same answer as for a missing case', async () => {
    const worker = await w.as('worker', 'C1-1');
    const own = w.casesOf['C1-1']?.[0];
    const other = w.casesOf['C2-1']?.[0];
    expect((await get(`/api/cases/${own}`, worker)).status).toBe(200);
    const outside = await get(`/api/cases/${other}`, worker);
    const missing = await get('/api/cases/999999', worker);
    expect(outside.status).toBe(404);
    expect(missing.status).toBe(404);
    const [a, b] = [(await outside.json()) as { type: string }, (await missing.json()) as { type: string }];
    expect(a.type).toBe(b.type);
    expect((await get(`/api/cases/${other}`, await w.as('leader', 'S1'))).status).toBe(200);
    expect((await get(`/api/cases/${w.casesOf['C3-1']?.[0]}`, await w.as('leader', 'S1'))).status).toBe(404);
  });

  it('refuses moves of cases outside the scope with 403 and leaves them untouched', async () => {
    const other = w.casesOf['C2-1']?.[1] as number;
    const dispatcherA = await w.as('dispatcher', 'C1-1');
    const res = await postJson(
      w.api.app,
      `/api/cases/${other}/transitions`,
      { action: 'accept' },
      dispatcherA,
    );
    expect(res.status).toBe(403);
    expect(((await res.json()) as { type: string }).type).toMatch(/outside-scope$/);
    // For a scoped user an unknown id is refused the same way: no probing for ids in other grids.
    const unknown = await postJson(
      w.api.app,
      '/api/cases/999999/transitions',
      { action: 'accept' },
      dispatcherA,
    );
    expect(unknown.status).toBe(403);
    const [row] = await t.db.query<{ status: string; events: number }>(
      `SELECT status, (SELECT count(*)::int FROM case_event WHERE case_id = $1) AS events FROM cases WHERE id = $1`,
      [other],
    );
    expect(row).toEqual({ status: 'reported', events: 1 });
    const own = w.casesOf['C1-1']?.[2] as number;
    const ok = await postJson(w.api.app, `/api/cases/${own}/transitions`, { action: 'accept' }, dispatcherA);
    expect(ok.status).toBe(200);
    // The worker of A cannot resolve B's case either.
    const worker = await w.as('worker', 'C1-1');
    expect(
      (await postJson(w.api.app, `/api/cases/${other}/transitions`, { action: 'resolve' }, worker)).status,
    ).toBe(403);
  });

  it('lets a worker report points inside the scope only', async () => {
    const worker = await w.as('worker', 'C1-1');
    const body = { category: 'safety', source: 'patrol' };
    const outside = await postJson(
      w.api.app,
      '/api/cases',
      { ...body, ...SCOPE_POINTS['C2-2']?.[0] },
      worker,
    );
    expect(outside.status).toBe(403);
    const inside = await postJson(w.api.app, '/api/cases', { ...body, lon: 113.81, lat: 27.61 }, worker);
    expect(inside.status).toBe(201);
    const created = (await inside.json()) as Item;
    expect(created.gridCode).toBe('C1-1');
    (w.casesOf['C1-1'] as number[]).push(created.id);
    const [row] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases WHERE grid_code = 'C2-2'`,
    );
    expect(row?.n).toBe(SCOPE_POINTS['C2-2']?.length);
  });

  it('Open311 GET: a session is scoped, an API key reads the district', async () => {
    const worker = await w.as('worker', 'C1-1');
    const listed = await get('/open311/v2/requests.json', worker);
    expect(listed.status).toBe(200);
    const ids = ((await listed.json()) as { service_request_id: string }[]).map((r) =>
      Number(r.service_request_id),
    );
    expect(ids.sort((a, b) => a - b)).toEqual(idsUnder(w, 'C1-1'));
    expect((await get(`/open311/v2/requests/${w.casesOf['C2-1']?.[0]}.json`, worker)).status).toBe(404);
    expect((await get(`/open311/v2/requests/${w.casesOf['C1-1']?.[0]}.json`, worker)).status).toBe(200);
    const keyed = await w.api.app.request(`/open311/v2/requests.json?api_key=${OPEN311_KEY}`);
    expect(keyed.status).toBe(200);
    expect(((await keyed.json()) as unknown[]).length).toBe(idsUnder(w, null).length);
  });
});
