/**
 * Reporters' personal data (#7, PIPL) on every surface: in full only in a case's detail for a
 * dispatcher in scope or the assigned worker (a worker scoped to a grid containing the case); masked
 * for other readers of the detail; absent or masked in lists, Open311, tiles, the audit log and the
 * import error report. Both backends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkImportRecord } from '../../server/import/case-import-row';
import { sessionHeaders } from '../support/auth';
import { testBackends } from '../support/backends';
import { TEST_NOW } from '../support/templates';
import { createTestApp } from '../support/test-app';
import { openTestDb, type TestDb } from '../support/test-db';

// biome-ignore lint/suspicious/noExplicitAny: bodies are checked field by field
type Json = Record<string, any>;

const NAME = '欧阳娜娜';
const PHONE = '13812345678';
const MASKED = { name: '欧阳**', phone: '138****5678' };

/** Slippy-map tile of a point. */
function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const rad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return [x, y];
}

describe.each(testBackends())('personal data of reporters (%s)', (backend) => {
  let t: TestDb;
  let app: ReturnType<typeof createTestApp>;
  let created: Json;
  let point: { lon: number; lat: number; grid: string; l2: string };
  const as = (role: Parameters<typeof sessionHeaders>[1]) => sessionHeaders(t, role);
  const read = async (path: string, headers: Record<string, string>) => {
    const res = await app.request(path, { headers });
    expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
    return res;
  };

  beforeAll(async () => {
    t = await openTestDb(backend, 'demo');
    app = createTestApp(t, () => TEST_NOW);
    const [c] = await t.db.query<{ lon: number; lat: number; grid: string; l2: string }>(
      `SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat, grid_code AS grid, grid_l2_code AS l2
       FROM cases ORDER BY id LIMIT 1`,
    );
    if (!c) throw new Error('demo data has no case');
    point = { ...c, lon: Number(c.lon), lat: Number(c.lat) };
    const dispatcher = await as({ role: 'dispatcher', scopeCode: null });
    const res = await app.request('/api/cases', {
      method: 'POST',
      headers: { ...dispatcher, 'content-type': 'application/json' },
      body: JSON.stringify({
        lon: point.lon,
        lat: point.lat,
        category: 'dispute',
        source: 'hotline',
        reporter: { name: NAME, phone: PHONE },
      }),
    });
    expect(res.status).toBe(201);
    created = (await res.json()) as Json;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('the dispatcher who took the call gets the reporter back in full', () => {
    expect(created.reporter).toEqual({ name: NAME, phone: PHONE });
  });

  it("a case's detail: full for a dispatcher and for the grid's worker, masked for everyone else", async () => {
    const detail = async (role: Parameters<typeof sessionHeaders>[1]) =>
      ((await (await read(`/api/cases/${created.id}`, await as(role))).json()) as Json).reporter;
    expect(await detail({ role: 'dispatcher', scopeCode: null })).toEqual({ name: NAME, phone: PHONE });
    expect(await detail({ role: 'dispatcher', scopeCode: point.l2, username: 'disp-l2' })).toEqual({
      name: NAME,
      phone: PHONE,
    });
    expect(await detail({ role: 'worker', scopeCode: point.grid, username: 'worker-own' })).toEqual({
      name: NAME,
      phone: PHONE,
    });
    // A district-wide worker account is nobody's assigned worker.
    expect(await detail({ role: 'worker', scopeCode: null, username: 'worker-all' })).toEqual(MASKED);
    expect(await detail({ role: 'leader', scopeCode: null })).toEqual(MASKED);
    expect(await detail({ role: 'planner', scopeCode: null })).toEqual(MASKED);
  });

  it('a transition answer follows the same rule', async () => {
    const res = await app.request(`/api/cases/${created.id}/transitions`, {
      method: 'POST',
      headers: { ...(await as({ role: 'dispatcher', scopeCode: null })), 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'accept' }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Json).reporter).toEqual({ name: NAME, phone: PHONE });
  });

  it('lists, Open311 and tiles never carry the name or the phone', async () => {
    const leader = await as({ role: 'leader', scopeCode: null });
    const dispatcher = await as({ role: 'dispatcher', scopeCode: null });
    const bodies = [
      await (await read(`/api/cases?grid=${point.grid}&limit=500`, dispatcher)).text(),
      await (await read(`/api/cases?limit=500`, leader)).text(),
      await (await read(`/open311/v2/requests.json`, dispatcher)).text(),
      await (await read(`/open311/v2/requests/${created.id}.json`, dispatcher)).text(),
    ];
    for (const body of bodies) {
      expect(body).not.toContain(PHONE);
      expect(body).not.toContain(NAME);
    }
    expect(bodies[0]).toContain(created.code);
    const [x, y] = tileOf(point.lon, point.lat, 16);
    const tile = await read(`/api/tiles/cases/16/${x}/${y}.mvt`, dispatcher);
    const bytes = Buffer.from(await tile.arrayBuffer());
    // Case points carry id, category, status, priority, overdue and report time (server/queries/tiles.ts).
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.includes(Buffer.from(PHONE))).toBe(false);
    expect(bytes.includes(Buffer.from(NAME))).toBe(false);
  });

  it('the audit log keeps the masked reporter only', async () => {
    const rows = await t.db.query<{ after: Json }>(
      `SELECT after FROM audit_log WHERE entity_type = 'case' AND entity_id = $1`,
      [String(created.id)],
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const r of rows) {
      expect(r.after.reporter).toEqual(MASKED);
      expect(JSON.stringify(r.after)).not.toContain(PHONE);
    }
  });

  it('the import error report names the field, not the personal data', () => {
    const check = checkImportRecord(
      1,
      {
        lon: 'x',
        lat: 27.6,
        category: 'nope',
        source: 'hotline',
        reporterName: NAME,
        reporterPhone: `${PHONE}#`,
      },
      TEST_NOW,
    );
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.reason).toMatch(/reporterPhone/);
    expect(check.reason).not.toContain(PHONE);
    expect(check.reason).not.toContain(NAME);
  });
});
