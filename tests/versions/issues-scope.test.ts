import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db';
import { DEFAULT_TOLERANCE_SQUARE_METRES } from '../../server/domain/boundary/tolerance';
import { buildReport } from '../../server/domain/boundary/validation-rules';
import { knownTopologyClean } from '../../server/queries/boundary-issues';
import { validateVersion } from '../../server/queries/boundary-validation';
import { testBackends } from '../support/backends';
import { createTilingFixture, type FixtureGrid, insertPublishedVersion } from '../support/fixtures';
import { createTestApp } from '../support/test-app';
import { openTestDb, type TestDb } from '../support/test-db';
import { type App, boxPolygon, json, newDraft, send } from './support';

/**
 * `GET /api/versions/:id/issues` answers from what a draft changed against the published version once
 * that is known clean (#8). These tests compare each answer with validating every grid of the draft.
 */
type Box = [number, number, number, number];
type Edit = (app: App, id: number, rev: Record<string, number>) => Promise<void>;
type Report = { issues: { kind: string; gridCodes: string[] }[] };

/**
 * S1 split into C1 (west) and C2 (east); C1 holds a 2 × 2 lattice of unit grids around the interior
 * vertex (113.825, 27.65), C2 a south and a north grid.
 */
function createLatticeFixture(): FixtureGrid[] {
  const unit = (code: string, parentCode: string, box: Box): FixtureGrid => ({
    code,
    name: `网格${code}`,
    level: 3,
    parentCode,
    box,
  });
  return [
    { code: 'S1', name: '测试街道', level: 1, parentCode: null, box: [113.8, 27.6, 113.9, 27.7] },
    { code: 'C1', name: '甲社区', level: 2, parentCode: 'S1', box: [113.8, 27.6, 113.85, 27.7] },
    { code: 'C2', name: '乙村', level: 2, parentCode: 'S1', box: [113.85, 27.6, 113.9, 27.7] },
    unit('C1-1', 'C1', [113.8, 27.6, 113.825, 27.65]),
    unit('C1-2', 'C1', [113.825, 27.6, 113.85, 27.65]),
    unit('C1-3', 'C1', [113.8, 27.65, 113.825, 27.7]),
    unit('C1-4', 'C1', [113.825, 27.65, 113.85, 27.7]),
    unit('C2-1', 'C2', [113.85, 27.6, 113.9, 27.65]),
    unit('C2-2', 'C2', [113.85, 27.65, 113.9, 27.7]),
  ];
}

/** The box's ring with its corner at `from` moved to `to`. */
function movedCorner(box: Box, from: [number, number], to: [number, number]) {
  const polygon = boxPolygon(box);
  const ring = polygon.coordinates[0]?.map((p) => (p[0] === from[0] && p[1] === from[1] ? to : p));
  return { type: 'Polygon' as const, coordinates: [ring] };
}

async function ok(res: Response | Promise<Response>): Promise<void> {
  const r = await res;
  if (r.status >= 300) throw new Error(`edit answered ${r.status}: ${await r.text()}`);
}

const patch = (app: App, id: number, code: string, revision: number | undefined, box: Box) =>
  ok(send(app, 'PATCH', `/api/versions/${id}/grids/${code}`, { revision, geometry: boxPolygon(box) }));

/** Each draft through the planner's API, and the topology issues it must show. */
const DRAFTS: [string, Edit, string[]][] = [
  [
    'a shared interior vertex moved (four grids reshaped, still a tiling)',
    (app, id, rev) => {
      const from: [number, number] = [113.825, 27.65];
      const to: [number, number] = [113.831, 27.6555];
      const boxes: [string, Box][] = [
        ['C1-1', [113.8, 27.6, 113.825, 27.65]],
        ['C1-2', [113.825, 27.6, 113.85, 27.65]],
        ['C1-3', [113.8, 27.65, 113.825, 27.7]],
        ['C1-4', [113.825, 27.65, 113.85, 27.7]],
      ];
      const updates = boxes.map(([code, box]) => ({
        code,
        revision: rev[code],
        geometry: movedCorner(box, from, to),
      }));
      return ok(send(app, 'PATCH', `/api/versions/${id}/grids`, { updates }));
    },
    [],
  ],
  [
    'a grid split in two',
    (app, id, rev) =>
      ok(
        send(app, 'POST', `/api/versions/${id}/grids/C2-1/split`, {
          revision: rev['C2-1'],
          line: {
            type: 'LineString',
            coordinates: [
              [113.87, 27.59],
              [113.87, 27.66],
            ],
          },
        }),
      ),
    [],
  ],
  [
    'two grids merged',
    (app, id, rev) =>
      ok(
        send(app, 'POST', `/api/versions/${id}/grids/merge`, {
          grids: [
            { code: 'C1-1', revision: rev['C1-1'] },
            { code: 'C1-2', revision: rev['C1-2'] },
          ],
        }),
      ),
    [],
  ],
  [
    'a grid added where another shrank',
    async (app, id, rev) => {
      await patch(app, id, 'C2-2', rev['C2-2'], [113.85, 27.65, 113.9, 27.69]);
      await ok(
        send(app, 'POST', `/api/versions/${id}/grids`, {
          code: 'C2-3',
          name: '新网格',
          level: 3,
          parentCode: 'C2',
          geometry: boxPolygon([113.85, 27.69, 113.9, 27.7]),
        }),
      );
    },
    [],
  ],
  [
    'a grid deleted (its parent keeps a gap)',
    (app, id, rev) => ok(send(app, 'DELETE', `/api/versions/${id}/grids/C2-2?revision=${rev['C2-2']}`)),
    ['gap:C2'],
  ],
  [
    'a grid grown over its sibling (overlap)',
    (app, id, rev) => patch(app, id, 'C1-1', rev['C1-1'], [113.8, 27.6, 113.825, 27.66]),
    ['overlap:C1-1/C1-3'],
  ],
  [
    'a grid shrunk (gap)',
    (app, id, rev) => patch(app, id, 'C1-1', rev['C1-1'], [113.8, 27.6, 113.825, 27.64]),
    ['gap:C1'],
  ],
  [
    'a parent shrunk under its children (outside parent, and a gap in the grandparent)',
    (app, id, rev) => patch(app, id, 'C1', rev.C1, [113.8, 27.6, 113.85, 27.69]),
    ['gap:S1', 'outside-parent:C1-3/C1', 'outside-parent:C1-4/C1'],
  ],
  [
    'several edits in two parents (overlap, gap, split)',
    async (app, id, rev) => {
      await patch(app, id, 'C1-4', rev['C1-4'], [113.825, 27.64, 113.85, 27.7]);
      await patch(app, id, 'C2-1', rev['C2-1'], [113.85, 27.6, 113.9, 27.64]);
      await ok(
        send(app, 'POST', `/api/versions/${id}/grids/C1-3/split`, {
          revision: rev['C1-3'],
          line: {
            type: 'LineString',
            coordinates: [
              [113.79, 27.67],
              [113.83, 27.67],
            ],
          },
        }),
      );
    },
    ['overlap:C1-2/C1-4', 'gap:C2'],
  ],
];

/** What validating every grid of the version answers, as the API would send it. */
async function wholeReport(db: Db, id: number, tolerance: number): Promise<unknown> {
  const report = buildReport(id, tolerance, await validateVersion(db, id, tolerance));
  return JSON.parse(JSON.stringify(report));
}

async function issuesAt(app: App, id: number, tolerance?: number): Promise<Report> {
  const query = tolerance === undefined ? '' : `?tolerance=${tolerance}`;
  return json<Report>(await app.request(`/api/versions/${id}/issues${query}`));
}

const topology = (r: Report) =>
  r.issues.filter((i) => i.kind !== 'unstaffed').map((i) => `${i.kind}:${i.gridCodes.join('/')}`);

const tolerance = DEFAULT_TOLERANCE_SQUARE_METRES;

/** One database per backend: every draft is made from the published lattice and never published. */
describe.each(testBackends())('issues of a draft equal validating every grid (%s)', (backend) => {
  let t: TestDb;
  let app: App;
  let publishedId: number;
  beforeAll(async () => {
    t = await openTestDb(backend, 'empty');
    publishedId = await insertPublishedVersion(t.db, createLatticeFixture(), 'lattice');
    app = createTestApp(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(DRAFTS)('%s', async (_name, edit, expected) => {
    const { id, rev } = await newDraft(app);
    await edit(app, id, rev);
    const report = await issuesAt(app, id);
    expect(report).toEqual(await wholeReport(t.db, id, tolerance));
    expect(topology(report).sort()).toEqual([...expected].sort());
    // The answer came from what changed: the published version is now known clean.
    expect(await knownTopologyClean(t.db, publishedId, tolerance)).toBe(true);
    for (const other of [0, 0.5, 1e6]) {
      expect(await issuesAt(app, id, other)).toEqual(await wholeReport(t.db, id, other));
    }
  });

  it('the published version itself: the same answer as validating it whole', async () => {
    expect(await issuesAt(app, publishedId)).toEqual(await wholeReport(t.db, publishedId, tolerance));
  });
});

/** Each test writes what the database knows about the published version: one database each. */
describe.each(testBackends())('what issues trusts about the published version (%s)', (backend) => {
  let t: TestDb;
  let app: App;
  beforeEach(async () => {
    t = await openTestDb(backend, 'empty');
    app = createTestApp(t);
  });
  afterEach(async () => {
    await t?.close();
  });

  it('a published version with an overlap of its own: the draft answers it too, and nothing is recorded', async () => {
    const fixture = createTilingFixture().map((g) =>
      g.code === 'C2-1' ? { ...g, box: [113.85, 27.6, 113.9, 27.66] as Box } : g,
    );
    const publishedId = await insertPublishedVersion(t.db, fixture, 'overlapping');
    const { id, rev } = await newDraft(app);
    await patch(app, id, 'C1-1', rev['C1-1'], [113.8, 27.6, 113.85, 27.64]);
    const report = await issuesAt(app, id);
    expect(report).toEqual(await wholeReport(t.db, id, tolerance));
    expect(topology(report)).toEqual(['overlap:C2-1/C2-2', 'gap:C1']);
    expect(await knownTopologyClean(t.db, publishedId, tolerance)).toBe(false);
  });

  it('once known clean, unchanged grids are not validated again (the record is what answers)', async () => {
    const publishedId = await insertPublishedVersion(t.db, createTilingFixture(), 'clean');
    const { id, rev } = await newDraft(app);
    await patch(app, id, 'C1-1', rev['C1-1'], [113.8, 27.6, 113.85, 27.64]);
    expect(topology(await issuesAt(app, id))).toEqual(['gap:C1']);
    expect(await knownTopologyClean(t.db, publishedId, tolerance)).toBe(true);
    expect(await knownTopologyClean(t.db, publishedId, 0)).toBe(false);
    expect(topology(await issuesAt(app, id, 0))).toEqual(['gap:C1']);
    expect(await knownTopologyClean(t.db, publishedId, 0)).toBe(true);
    // Grids of a published version never change through the app; changed behind its back, in both the
    // published version and the draft, the shortcut no longer sees them: proof that it was taken.
    for (const version of [publishedId, id]) {
      await t.db.query(
        `UPDATE grid SET geom = ST_Multi(ST_MakeEnvelope(113.85, 27.6, 113.9, 27.66, 4326))
         WHERE version_id = $1 AND code = 'C2-1'`,
        [version],
      );
    }
    expect(topology(await issuesAt(app, id))).toEqual(['gap:C1']);
    expect(topology((await wholeReport(t.db, id, tolerance)) as Report)).toEqual([
      'overlap:C2-1/C2-2',
      'gap:C1',
    ]);
  });

  it('a publish over a clean version records the new one clean; over an unchecked one it does not', async () => {
    const v1 = await insertPublishedVersion(t.db, createTilingFixture(), 'v1');
    const first = await newDraft(app);
    await patch(app, first.id, 'C2-2', first.rev['C2-2'], [113.85, 27.65, 113.9, 27.69]);
    await ok(
      send(app, 'POST', `/api/versions/${first.id}/grids`, {
        code: 'C2-3',
        name: '新网格',
        level: 3,
        parentCode: 'C2',
        geometry: boxPolygon([113.85, 27.69, 113.9, 27.7]),
      }),
    );
    await ok(send(app, 'POST', `/api/versions/${first.id}/publish`));
    // v1 was never checked whole, so neither is the version published over it.
    expect(await knownTopologyClean(t.db, v1, tolerance)).toBe(false);
    expect(await knownTopologyClean(t.db, first.id, tolerance)).toBe(false);

    const second = await newDraft(app);
    await ok(
      send(app, 'PATCH', `/api/versions/${second.id}/grids`, {
        updates: [
          { code: 'C1-1', revision: second.rev['C1-1'], geometry: boxPolygon([113.8, 27.6, 113.85, 27.66]) },
          { code: 'C1-2', revision: second.rev['C1-2'], geometry: boxPolygon([113.8, 27.66, 113.85, 27.7]) },
        ],
      }),
    );
    expect(await issuesAt(app, second.id)).toEqual(await wholeReport(t.db, second.id, tolerance));
    expect(await knownTopologyClean(t.db, first.id, tolerance)).toBe(true);
    await ok(send(app, 'POST', `/api/versions/${second.id}/publish`));
    expect(await knownTopologyClean(t.db, second.id, tolerance)).toBe(true);
    expect(await knownTopologyClean(t.db, second.id, 0)).toBe(false);

    const third = await newDraft(app);
    await patch(app, third.id, 'C2-3', third.rev['C2-3'], [113.85, 27.685, 113.9, 27.7]);
    const report = await issuesAt(app, third.id);
    expect(report).toEqual(await wholeReport(t.db, third.id, tolerance));
    expect(topology(report)).toEqual(['overlap:C2-2/C2-3']);
  });
});
