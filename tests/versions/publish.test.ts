import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends';
import { createTestApp } from '../support/test-app';
import { openTestDb, type TestDb } from '../support/test-db';
import { type App, boxPolygon, createPlannerFixture, json, newDraft, send } from './support';

type Publish = { versionId: number; retiredVersionId: number; changedGrids: number; casesReassigned: number };
type GridDetail = { grid: { bbox: number[]; versionId: number } };

/** A draft whose C1-1/C1-2 edge moved north from 27.65 to 27.66 (cases T-1, T-2 at 27.655 change grid). */
async function draftWithMovedEdge(app: App): Promise<number> {
  const { id, rev } = await newDraft(app);
  const res = await send(app, 'PATCH', `/api/versions/${id}/grids`, {
    updates: [
      { code: 'C1-1', revision: rev['C1-1'], geometry: boxPolygon([113.8, 27.6, 113.85, 27.66]) },
      { code: 'C1-2', revision: rev['C1-2'], geometry: boxPolygon([113.8, 27.66, 113.85, 27.7]) },
    ],
  });
  expect(res.status).toBe(200);
  return id;
}

describe.each(testBackends())('boundary publish, history, diff, import/export (%s)', (backend) => {
  let t: TestDb;
  let app: App;
  let v1: number;
  beforeAll(async () => {
    t = await openTestDb(backend, 'empty');
    v1 = await createPlannerFixture(t.db);
    app = createTestApp(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('impact shows the moved cases before → after and a balance figure', async () => {
    const id = await draftWithMovedEdge(app);
    const impact = await json<{
      grids: {
        code: string;
        changes: string[];
        before: { cases90d: number };
        after: { cases90d: number; medianResponseMinutes: number };
      }[];
      balance: {
        draft: { maxDeviation: number };
        published: { maxDeviation: number };
        maxDeviationChange: number;
      };
    }>(await app.request(`/api/versions/${id}/impact`));
    const byCode = Object.fromEntries(impact.grids.map((g) => [g.code, g]));
    expect(byCode['C1-1']).toMatchObject({
      changes: ['geometry'],
      before: { cases90d: 1 },
      after: { cases90d: 3, medianResponseMinutes: 30 },
    });
    expect(byCode['C1-2']).toMatchObject({ before: { cases90d: 2 }, after: { cases90d: 0 } });
    // Workers: C1-1, C1-2, C2-1 one each. Published 1,2,1 → mean 4/3, max dev 2/3; draft 3,0,1 → dev 5/3.
    expect(impact.balance.published.maxDeviation).toBeCloseTo(0.67, 2);
    expect(impact.balance.draft.maxDeviation).toBeCloseTo(1.67, 2);
    expect(impact.balance.maxDeviationChange).toBeCloseTo(1, 2);
  });

  it('refuses to publish a draft with blocking issues', async () => {
    const { id, rev } = await newDraft(app);
    await send(app, 'PATCH', `/api/versions/${id}/grids/C1-1`, {
      revision: rev['C1-1'],
      geometry: boxPolygon([113.8, 27.6, 113.85, 27.64]),
    });
    const res = await send(app, 'POST', `/api/versions/${id}/publish`);
    expect(res.status).toBe(422);
    expect(await json(res)).toMatchObject({ blocking: 1 });
  });

  it('publishes: cases follow the new grids, reported grid stays, history and diff kept', async () => {
    const id = await draftWithMovedEdge(app);
    const before = new Date();
    await new Promise((r) => setTimeout(r, 20));
    const res = await send(app, 'POST', `/api/versions/${id}/publish`);
    expect(res.status).toBe(200);
    expect(await json<Publish>(res)).toMatchObject({
      versionId: id,
      retiredVersionId: v1,
      changedGrids: 2,
      casesReassigned: 2,
    });
    const cases = await t.db.query<{ code: string; grid_code: string; reported_grid_code: string }>(
      'SELECT code, grid_code, reported_grid_code FROM cases ORDER BY code',
    );
    expect(cases.map((c) => [c.code, c.grid_code, c.reported_grid_code])).toEqual([
      ['T-1', 'C1-1', 'C1-2'],
      ['T-2', 'C1-1', 'C1-2'],
      ['T-3', 'C1-1', 'C1-1'],
      ['T-4', 'C2-1', 'C2-1'],
    ]);
    const now = await json<GridDetail>(await app.request('/api/grids/C1-1'));
    expect(now.grid.bbox[3]).toBeCloseTo(27.66, 9);
    const then = await json<GridDetail>(
      await app.request(`/api/grids/C1-1?asOf=${encodeURIComponent(before.toISOString())}`),
    );
    expect(then.grid).toMatchObject({ versionId: v1 });
    expect(then.grid.bbox[3]).toBeCloseTo(27.65, 9);
    const level3Then = await json<{ features: unknown[] }>(
      await app.request(`/api/grids?level=3&asOf=${encodeURIComponent(before.toISOString())}`),
    );
    expect(level3Then.features).toHaveLength(4);
    expect((await app.request('/api/grids?level=3&asOf=2000-01-01')).status).toBe(404);
    const diff = await json<{
      added: unknown[];
      removed: unknown[];
      changed: { code: string; areaChangeSquareMetres: number }[];
    }>(await app.request(`/api/versions/${v1}/diff/${id}`));
    expect(diff.added).toEqual([]);
    expect(diff.changed.map((c) => c.code)).toEqual(['C1-1', 'C1-2']);
    expect(diff.changed[0]?.areaChangeSquareMetres).toBeGreaterThan(5e6);
    const versions = await json<{ versions: { id: number; status: string; retiredAt: string | null }[] }>(
      await app.request('/api/versions'),
    );
    expect(versions.versions.find((v) => v.id === v1)).toMatchObject({
      status: 'retired',
      retiredAt: expect.any(String),
    });
  });

  it('of two concurrent publishes of one draft exactly one succeeds; the other gets 409', async () => {
    const { id } = await newDraft(app);
    const results = await Promise.all([
      send(app, 'POST', `/api/versions/${id}/publish`),
      send(app, 'POST', `/api/versions/${id}/publish`),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('exports a version as GeoJSON and imports it back (dry run first) as an identical draft', async () => {
    const { versions } = await json<{ versions: { id: number; status: string }[] }>(
      await app.request('/api/versions'),
    );
    const published = versions.find((v) => v.status === 'published')?.id;
    const exported = await json<{ features: { properties: Record<string, unknown> }[] }>(
      await app.request(`/api/versions/${published}/export`),
    );
    expect(exported.features).toHaveLength(7);
    expect(Object.keys(exported.features[0]?.properties ?? {}).sort()).toEqual([
      'code',
      'households',
      'level',
      'name',
      'parentCode',
      'population',
    ]);
    const dry = await send(app, 'POST', '/api/versions/import?dryRun=true&name=round-trip', exported);
    expect(dry.status).toBe(200);
    expect(await json(dry)).toMatchObject({ saved: false, report: { blocking: 0 } });
    const real = await send(app, 'POST', '/api/versions/import?name=round-trip', exported);
    expect(real.status).toBe(201);
    const { version } = await json<{ version: { id: number; status: string; gridCount: number } }>(real);
    expect(version).toMatchObject({ status: 'draft', gridCount: 7 });
    const diff = await json<{ added: unknown[]; removed: unknown[]; changed: unknown[] }>(
      await app.request(`/api/versions/${published}/diff/${version.id}`),
    );
    expect(diff).toMatchObject({ added: [], removed: [], changed: [] });
  });

  it('reports a bowtie and an orphan on import and saves nothing', async () => {
    const bowtie = {
      type: 'Polygon',
      coordinates: [
        [
          [113.8, 27.6],
          [113.85, 27.65],
          [113.85, 27.6],
          [113.8, 27.65],
          [113.8, 27.6],
        ],
      ],
    };
    const feature = (code: string, level: number, parentCode: string | null, geometry: unknown) => ({
      type: 'Feature',
      geometry,
      properties: { code, name: code, level, parentCode },
    });
    const bad = { type: 'FeatureCollection', features: [feature('X1', 1, null, bowtie)] };
    const res = await send(app, 'POST', '/api/versions/import?dryRun=true', bad);
    expect(await json(res)).toMatchObject({
      saved: false,
      report: {
        issues: [
          expect.objectContaining({
            kind: 'invalid-geometry',
            message: expect.stringMatching(/Self-intersection/),
          }),
        ],
      },
    });
    const orphan = {
      type: 'FeatureCollection',
      features: [
        feature('X1', 1, null, boxPolygon([113.8, 27.6, 113.9, 27.7])),
        feature('X2', 3, 'NOPE', boxPolygon([113.8, 27.6, 113.9, 27.7])),
      ],
    };
    const refused = await send(app, 'POST', '/api/versions/import', orphan);
    expect(refused.status).toBe(422);
    const count = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM grid WHERE code = 'X1'");
    expect(count[0]?.n).toBe(0);
  });
});
