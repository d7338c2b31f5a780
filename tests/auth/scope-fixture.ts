import type { Role } from '../../server/auth/principal';
import { syncVocabulary } from '../../server/db/vocabulary';
import { type CaseTestApp, createCaseTestApp, createClock, postJson } from '../cases/case-fixtures';
import { sessionHeaders } from '../support/auth';
import { createTilingFixture, type FixtureGrid, insertPublishedVersion } from '../support/fixtures';
import type { TestDb } from '../support/test-db';

/**
 * The tiling fixture (street S1: communities C1, C2; grids C1-1, C1-2, C2-1, C2-2) plus a second
 * street S2 east of it with community C3 and two grids, one of them coded `C1-3`: a grid whose code
 * starts like C1's but whose parent is C3, so any prefix-based scope check shows up as a leak.
 *
 * Grid A = C1-1, grid B = C2-1 (same street, other community), grid C = C3-1 (other street).
 */
export function createScopeFixture(): FixtureGrid[] {
  return [
    ...createTilingFixture(),
    {
      code: 'S2',
      name: '第二街道',
      level: 1,
      parentCode: null,
      box: [113.9, 27.6, 114.0, 27.7],
      households: 800,
    },
    {
      code: 'C3',
      name: '丙社区',
      level: 2,
      parentCode: 'S2',
      box: [113.9, 27.6, 114.0, 27.7],
      households: 800,
    },
    {
      code: 'C3-1',
      name: '丙社区第1网格',
      level: 3,
      parentCode: 'C3',
      box: [113.9, 27.6, 114.0, 27.65],
      households: 400,
    },
    {
      code: 'C1-3',
      name: '丙社区第2网格',
      level: 3,
      parentCode: 'C3',
      box: [113.9, 27.65, 114.0, 27.7],
      households: 400,
    },
  ];
}

/** Case points per level-3 grid; A and B are close to their shared edge (lon 113.85) to share tiles. */
export const SCOPE_POINTS: Record<string, { lon: number; lat: number }[]> = {
  'C1-1': [
    { lon: 113.8495, lat: 27.62 },
    { lon: 113.849, lat: 27.621 },
    { lon: 113.82, lat: 27.63 },
  ],
  'C1-2': [{ lon: 113.83, lat: 27.68 }],
  'C2-1': [
    { lon: 113.8505, lat: 27.62 },
    { lon: 113.87, lat: 27.61 },
  ],
  'C2-2': [{ lon: 113.88, lat: 27.69 }],
  'C3-1': [{ lon: 113.95, lat: 27.62 }],
  'C1-3': [{ lon: 113.95, lat: 27.68 }],
};

/** Level-3 grids under each scope used by the tests (the published hierarchy, not the codes). */
export const SUBTREE_LEAVES: Record<string, string[]> = {
  'C1-1': ['C1-1'],
  'C2-1': ['C2-1'],
  C1: ['C1-1', 'C1-2'],
  S1: ['C1-1', 'C1-2', 'C2-1', 'C2-2'],
  S2: ['C3-1', 'C1-3'],
};

export const FIXTURE_NOW = new Date('2026-03-10T02:00:00Z');
export const OPEN311_KEY = 'scope-test-key';

export type ScopeWorld = {
  api: CaseTestApp;
  clock: ReturnType<typeof createClock>;
  /** Case ids per level-3 grid. */
  casesOf: Record<string, number[]>;
  as(role: Role, scopeCode: string | null): Promise<Record<string, string>>;
};

/** Publishes the fixture and reports every point through the API as a district-wide dispatcher. */
export async function seedScopeWorld(t: TestDb): Promise<ScopeWorld> {
  await syncVocabulary(t.db); // idempotent: the empty template may already hold it
  await insertPublishedVersion(t.db, createScopeFixture());
  const clock = createClock(FIXTURE_NOW);
  const api = createCaseTestApp(t, { now: clock.now, open311Keys: [OPEN311_KEY] });
  const dispatcher = await sessionHeaders(t, { role: 'dispatcher', scopeCode: null });
  const casesOf: Record<string, number[]> = {};
  for (const [grid, points] of Object.entries(SCOPE_POINTS)) {
    casesOf[grid] = [];
    for (const p of points) {
      const res = await postJson(
        api.app,
        '/api/cases',
        { ...p, category: 'environment', source: 'patrol' },
        dispatcher,
      );
      if (res.status !== 201) throw new Error(`seed intake ${res.status}: ${await res.text()}`);
      const body = (await res.json()) as { id: number; gridCode: string };
      if (body.gridCode !== grid) throw new Error(`point ${JSON.stringify(p)} landed in ${body.gridCode}`);
      casesOf[grid].push(body.id);
    }
  }
  return {
    api,
    clock,
    casesOf,
    as: (role, scopeCode) => sessionHeaders(t, { role, scopeCode }),
  };
}

/** Ids of the cases under a scope (null = every case). */
export function idsUnder(world: ScopeWorld, scope: string | null): number[] {
  const grids = scope === null ? Object.keys(SCOPE_POINTS) : (SUBTREE_LEAVES[scope] ?? []);
  return grids.flatMap((g) => world.casesOf[g] ?? []).sort((a, b) => a - b);
}
