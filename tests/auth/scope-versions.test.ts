import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../cases/case-fixtures';
import { testBackends } from '../support/backends';
import { openTestDb, type TestDb } from '../support/test-db';
import { type ScopeWorld, seedScopeWorld } from './scope-fixture';

type Headers = Record<string, string>;

describe.each(testBackends())('scope on boundary edits (%s)', (backend) => {
  let t: TestDb;
  let w: ScopeWorld;
  let scoped: Headers;
  let district: Headers;
  let draftId: number;
  const send = (method: string, path: string, headers: Headers, body?: unknown) =>
    w.api.app.request(path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const revisionOf = async (code: string) => {
    const [row] = await t.db.query<{ revision: number }>(
      'SELECT revision FROM grid WHERE version_id = $1 AND code = $2',
      [draftId, code],
    );
    return Number(row?.revision);
  };

  beforeAll(async () => {
    t = await openTestDb(backend, 'empty');
    w = await seedScopeWorld(t);
    scoped = await w.as('planner', 'C1');
    district = await w.as('planner', null);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('whole-version operations need a district-wide planner', async () => {
    const refused = await postJson(w.api.app, '/api/versions', { name: 'scoped draft' }, scoped);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { type: string }).type).toMatch(/district-planner-required$/);
    const created = await postJson(w.api.app, '/api/versions', { name: 'district draft' }, district);
    expect(created.status).toBe(201);
    draftId = ((await created.json()) as { id: number }).id;
    expect((await send('POST', `/api/versions/${draftId}/publish`, scoped)).status).toBe(403);
    expect((await send('DELETE', `/api/versions/${draftId}`, scoped)).status).toBe(403);
  });

  it('a scoped planner edits grids of its subtree only', async () => {
    const rename = async (code: string, headers: Headers, extra: Record<string, unknown> = {}) =>
      send('PATCH', `/api/versions/${draftId}/grids/${code}`, headers, {
        revision: await revisionOf(code),
        name: `${code} renamed`,
        ...extra,
      });
    expect((await rename('C2-1', scoped)).status).toBe(403);
    // C1-3 looks like C1's but belongs to C3: refused.
    expect((await rename('C1-3', scoped)).status).toBe(403);
    // Moving an own grid under a parent outside the scope is refused too.
    expect((await rename('C1-2', scoped, { parentCode: 'C2' })).status).toBe(403);
    expect((await rename('C1-1', scoped)).status).toBe(200);
    const batch = await send('PATCH', `/api/versions/${draftId}/grids`, scoped, {
      updates: [{ code: 'C2-2', revision: await revisionOf('C2-2'), name: 'x' }],
    });
    expect(batch.status).toBe(403);
    const merge = await postJson(
      w.api.app,
      `/api/versions/${draftId}/grids/merge`,
      {
        grids: [
          { code: 'C1-2', revision: 1 },
          { code: 'C2-2', revision: 1 },
        ],
      },
      scoped,
    );
    expect(merge.status).toBe(403);
    const [row] = await t.db.query<{ name: string }>(
      `SELECT name FROM grid WHERE version_id = $1 AND code = 'C2-1'`,
      [draftId],
    );
    expect(row?.name).not.toContain('renamed');
    // The district planner edits anywhere.
    expect((await rename('C2-1', district)).status).toBe(200);
  });
});
