import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends';
import { createTestApp } from '../support/test-app';
import { openTestDb, type TestDb } from '../support/test-db';
import { type App, boxPolygon, createPlannerFixture, issuesOf, json, newDraft, send } from './support';

type Problem = { status: number; type: string; detail: string; currentRevision?: number; reason?: string };

describe.each(testBackends())('boundary drafts: edits and validation (%s)', (backend) => {
  let t: TestDb;
  let app: App;
  beforeAll(async () => {
    t = await openTestDb(backend, 'empty');
    await createPlannerFixture(t.db);
    app = createTestApp(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists versions and creates a draft copying the published grids', async () => {
    const { id, rev } = await newDraft(app);
    expect(Object.keys(rev).sort()).toEqual(['C1', 'C1-1', 'C1-2', 'C2', 'C2-1', 'C2-2', 'S1']);
    const { versions } = await json<{ versions: { id: number; status: string; gridCount: number }[] }>(
      await app.request('/api/versions'),
    );
    expect(versions.find((v) => v.id === id)).toMatchObject({ status: 'draft', gridCount: 7 });
    expect(versions.filter((v) => v.status === 'published')).toHaveLength(1);
  });

  it('a clean draft has no blocking issue; the unstaffed grid is a warning', async () => {
    const { id } = await newDraft(app);
    const report = await issuesOf(app, id);
    expect(report.blocking).toBe(0);
    expect(report.issues).toEqual([
      expect.objectContaining({ kind: 'unstaffed', severity: 'warning', gridCodes: ['C2-2'] }),
    ]);
  });

  it('refuses a bowtie, a foreign CRS, an open ring and a geometry outside the parent with 422', async () => {
    const { id, rev } = await newDraft(app);
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
    const foreign = {
      ...boxPolygon([113.8, 27.6, 113.85, 27.65]),
      crs: { type: 'name', properties: { name: 'EPSG:3857' } },
    };
    const open = {
      type: 'Polygon',
      coordinates: [
        [
          [113.8, 27.6],
          [113.85, 27.6],
          [113.85, 27.65],
          [113.8, 27.65],
        ],
      ],
    };
    const outside = boxPolygon([113.8, 27.6, 113.95, 27.65]);
    const expected: [unknown, RegExp][] = [
      [bowtie, /Self-intersection/],
      [foreign, /EPSG:3857/],
      [open, /closed|4/],
      [outside, /outside its parent/],
    ];
    for (const [geometry, detail] of expected) {
      const res = await send(app, 'PATCH', `/api/versions/${id}/grids/C1-1`, {
        revision: rev['C1-1'],
        geometry,
      });
      expect(res.status).toBe(422);
      expect((await json<Problem>(res)).detail).toMatch(detail);
    }
  });

  it('a stale revision answers 409 with the current revision', async () => {
    const { id, rev } = await newDraft(app);
    const first = await send(app, 'PATCH', `/api/versions/${id}/grids/C1-1`, {
      revision: rev['C1-1'],
      name: '新名',
    });
    expect(first.status).toBe(200);
    expect(await json(first)).toEqual({ code: 'C1-1', revision: 2 });
    const stale = await send(app, 'PATCH', `/api/versions/${id}/grids/C1-1`, {
      revision: rev['C1-1'],
      name: '另名',
    });
    expect(stale.status).toBe(409);
    expect(await json<Problem>(stale)).toMatchObject({ currentRevision: 2 });
  });

  it('of two concurrent edits with the same revision exactly one applies; the other gets 409', async () => {
    const { id, rev } = await newDraft(app);
    const patch = (name: string) =>
      send(app, 'PATCH', `/api/versions/${id}/grids/C2-1`, { revision: rev['C2-1'], name });
    const results = await Promise.all([patch('甲'), patch('乙')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('moves a shared edge atomically with the batch endpoint and stays clean', async () => {
    const { id, rev } = await newDraft(app);
    const updates = [
      { code: 'C1-1', revision: rev['C1-1'], geometry: boxPolygon([113.8, 27.6, 113.85, 27.66]) },
      { code: 'C1-2', revision: rev['C1-2'], geometry: boxPolygon([113.8, 27.66, 113.85, 27.7]) },
    ];
    const res = await send(app, 'PATCH', `/api/versions/${id}/grids`, { updates });
    expect(res.status).toBe(200);
    expect((await issuesOf(app, id)).blocking).toBe(0);
    // One stale revision in a batch leaves the whole batch unapplied.
    const again = await send(app, 'PATCH', `/api/versions/${id}/grids`, {
      updates: [
        { ...updates[0], revision: 2, geometry: boxPolygon([113.8, 27.6, 113.85, 27.67]) },
        updates[1],
      ],
    });
    expect(again.status).toBe(409);
    expect((await issuesOf(app, id)).blocking).toBe(0);
  });

  it('catches an overlap and a gap between siblings, with area and geometry', async () => {
    const { id, rev } = await newDraft(app);
    await send(app, 'PATCH', `/api/versions/${id}/grids/C1-1`, {
      revision: rev['C1-1'],
      geometry: boxPolygon([113.8, 27.6, 113.85, 27.66]),
    });
    await send(app, 'PATCH', `/api/versions/${id}/grids/C2-2`, {
      revision: rev['C2-2'],
      geometry: boxPolygon([113.85, 27.66, 113.9, 27.7]),
    });
    const { issues } = await issuesOf(app, id);
    const overlap = issues.find((i) => i.kind === 'overlap');
    const gap = issues.find((i) => i.kind === 'gap');
    expect(overlap).toMatchObject({ severity: 'error', gridCodes: ['C1-1', 'C1-2'] });
    // 0.05° × 0.01° at 27.655°N ≈ 4.93 km × 1.11 km.
    expect((overlap?.areaSquareMetres ?? 0) / 1e6).toBeCloseTo(5.47, 1);
    expect(gap).toMatchObject({ gridCodes: ['C2'], geometry: expect.objectContaining({ type: 'Polygon' }) });
    expect((gap?.areaSquareMetres ?? 0) / 1e6).toBeCloseTo(5.47, 1);
    // Both defects are 5.47 km², above even the largest tolerance accepted (1 km²).
    const loose = await json<{ blocking: number }>(
      await app.request(`/api/versions/${id}/issues?tolerance=1000000`),
    );
    expect(loose.blocking).toBe(2);
    expect((await app.request(`/api/versions/${id}/issues?tolerance=-1`)).status).toBe(400);
  });

  it('catches a child outside its shrunken parent, and an empty parent', async () => {
    const { id, rev } = await newDraft(app);
    await send(app, 'PATCH', `/api/versions/${id}/grids/C1`, {
      revision: rev.C1,
      geometry: boxPolygon([113.8, 27.6, 113.85, 27.69]),
    });
    await send(app, 'DELETE', `/api/versions/${id}/grids/C2-1?revision=${rev['C2-1']}`);
    await send(app, 'DELETE', `/api/versions/${id}/grids/C2-2?revision=${rev['C2-2']}`);
    const kinds = (await issuesOf(app, id)).issues.map((i) => `${i.kind}:${i.gridCodes.join('/')}`);
    expect(kinds).toEqual(expect.arrayContaining(['outside-parent:C1-2/C1', 'gap:S1', 'empty-parent:C2']));
  });

  it('splits a grid by a line in two; the larger part keeps the code', async () => {
    const { id, rev } = await newDraft(app);
    const line = {
      type: 'LineString',
      coordinates: [
        [113.83, 27.59],
        [113.83, 27.66],
      ],
    };
    const res = await send(app, 'POST', `/api/versions/${id}/grids/C1-1/split`, {
      revision: rev['C1-1'],
      line,
    });
    expect(res.status).toBe(201);
    expect(await json(res)).toEqual({
      kept: { code: 'C1-1', revision: 2 },
      created: { code: 'C1-1-2', revision: 1 },
    });
    const report = await issuesOf(app, id);
    expect(report.blocking).toBe(0);
    const miss = {
      type: 'LineString',
      coordinates: [
        [113.0, 27.0],
        [113.1, 27.1],
      ],
    };
    const refused = await send(app, 'POST', `/api/versions/${id}/grids/C1-2/split`, {
      revision: rev['C1-2'],
      line: miss,
    });
    expect(refused.status).toBe(422);
  });

  it('merges adjacent siblings and refuses non-siblings', async () => {
    const { id, rev } = await newDraft(app);
    const notSiblings = await send(app, 'POST', `/api/versions/${id}/grids/merge`, {
      grids: [
        { code: 'C1-1', revision: rev['C1-1'] },
        { code: 'C2-1', revision: rev['C2-1'] },
      ],
    });
    expect(notSiblings.status).toBe(422);
    const res = await send(app, 'POST', `/api/versions/${id}/grids/merge`, {
      grids: [
        { code: 'C2-1', revision: rev['C2-1'] },
        { code: 'C2-2', revision: rev['C2-2'] },
      ],
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ kept: { code: 'C2-1' }, removed: 'C2-2' });
    expect((await issuesOf(app, id)).blocking).toBe(0);
  });

  it('moves a grid only into a parent that contains it, renames, and adds into uncovered area', async () => {
    const { id, rev } = await newDraft(app);
    const move = await send(app, 'PATCH', `/api/versions/${id}/grids/C1-1`, {
      revision: rev['C1-1'],
      parentCode: 'C2',
    });
    expect(move.status).toBe(422);
    const shrink = await send(app, 'PATCH', `/api/versions/${id}/grids/C2-2`, {
      revision: rev['C2-2'],
      geometry: boxPolygon([113.85, 27.65, 113.9, 27.69]),
    });
    expect(shrink.status).toBe(200);
    const overlapping = {
      code: 'C2-3',
      name: '新网格',
      level: 3,
      parentCode: 'C2',
      geometry: boxPolygon([113.85, 27.68, 113.9, 27.7]),
    };
    expect((await send(app, 'POST', `/api/versions/${id}/grids`, overlapping)).status).toBe(422);
    const fits = { ...overlapping, geometry: boxPolygon([113.85, 27.69, 113.9, 27.7]) };
    expect((await send(app, 'POST', `/api/versions/${id}/grids`, fits)).status).toBe(201);
    expect((await issuesOf(app, id)).blocking).toBe(0);
  });

  it('edits and deletes only drafts', async () => {
    const { versions } = await json<{ versions: { id: number; status: string }[] }>(
      await app.request('/api/versions'),
    );
    const published = versions.find((v) => v.status === 'published')?.id;
    const edit = await send(app, 'PATCH', `/api/versions/${published}/grids/C1-1`, {
      revision: 1,
      name: 'x',
    });
    expect(edit.status).toBe(409);
    expect((await send(app, 'DELETE', `/api/versions/${published}`)).status).toBe(409);
    const { id } = await newDraft(app);
    expect((await send(app, 'DELETE', `/api/versions/${id}`)).status).toBe(204);
    expect((await app.request(`/api/versions/${id}`)).status).toBe(404);
  });
});
