import { afterAll, beforeAll } from 'vitest';
import type { Backend, Db } from '../../server/db/db';
import { createTilingFixture, insertPublishedVersion } from '../support/fixtures';
import { createTestApp } from '../support/test-app';
import { openTestDb, type TestDb } from '../support/test-db';

export type App = ReturnType<typeof createTestApp>;
type Ring = [number, number][];

/** A GeoJSON polygon for a box [minLon, minLat, maxLon, maxLat]. */
export function boxPolygon([x0, y0, x1, y1]: [number, number, number, number]) {
  const ring: Ring = [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ];
  return { type: 'Polygon' as const, coordinates: [ring] };
}

/**
 * The tiling fixture plus one grid worker per level-3 grid but C2-2, and accepted cases at known
 * points: two just north of the C1-1/C1-2 edge (lat 27.655), so moving that edge north moves them.
 */
export async function createPlannerFixture(db: Db): Promise<number> {
  const id = await insertPublishedVersion(db, createTilingFixture(), 'v1');
  await db.query(
    `INSERT INTO staff (name, role, grid_code) VALUES ('甲', 'grid_worker', 'C1-1'), ('乙', 'grid_worker', 'C1-2'),
       ('丙', 'grid_worker', 'C2-1')`,
  );
  await db.query(
    `INSERT INTO case_category (code, name_zh, name_en) VALUES ('dispute', '矛盾纠纷', 'dispute') ON CONFLICT DO NOTHING`,
  );
  const points: [string, number, number, string, string][] = [
    ['T-1', 113.82, 27.655, 'C1-2', 'C1'],
    ['T-2', 113.83, 27.655, 'C1-2', 'C1'],
    ['T-3', 113.82, 27.62, 'C1-1', 'C1'],
    ['T-4', 113.87, 27.62, 'C2-1', 'C2'],
  ];
  for (const [code, lon, lat, grid, l2] of points) await insertCase(db, id, code, lon, lat, grid, l2);
  return id;
}

async function insertCase(
  db: Db,
  versionId: number,
  code: string,
  lon: number,
  lat: number,
  grid: string,
  l2: string,
) {
  await db.query(
    `INSERT INTO cases (code, source, category, priority, status, geom, grid_code, grid_l2_code, grid_l1_code,
                        reported_grid_code, reported_version_id, reported_at, due_at, accepted_at, updated_at)
     VALUES ($1, 'hotline', 'dispute', 'normal', 'accepted', ST_SetSRID(ST_MakePoint($2, $3), 4326), $4, $5, 'S1',
             $4, $6, now() - interval '10 days', now() + interval '1 day', now() - interval '10 days' + interval '30 minutes', now())`,
    [code, lon, lat, grid, l2, versionId],
  );
}

/**
 * For the enclosing `describe`: an empty database with the planner fixture published, and the app
 * over it. Read the fields inside tests (they are set once `beforeAll` has run).
 */
export function usePlannerFixture(backend: Backend): {
  readonly t: TestDb;
  readonly app: App;
  readonly publishedId: number;
} {
  let world: { t: TestDb; app: App; publishedId: number } | undefined;
  beforeAll(async () => {
    const t = await openTestDb(backend, 'empty');
    const publishedId = await createPlannerFixture(t.db);
    world = { t, app: createTestApp(t), publishedId };
  });
  afterAll(async () => {
    await world?.t.close();
  });
  const current = () => {
    if (!world) throw new Error('the planner fixture is not ready yet (use it inside a test)');
    return world;
  };
  return {
    get t() {
      return current().t;
    },
    get app() {
      return current().app;
    },
    get publishedId() {
      return current().publishedId;
    },
  };
}

export async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

export function send(app: App, method: string, path: string, body?: unknown): Promise<Response> {
  return Promise.resolve(
    app.request(path, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
}

export type GridFeature = {
  properties: { code: string; revision: number; parentCode: string | null; households: number };
};

/** A new draft of the published version; returns its id and each grid's revision. */
export async function newDraft(app: App): Promise<{ id: number; rev: Record<string, number> }> {
  const res = await send(app, 'POST', '/api/versions', { name: 'draft' });
  const { id } = await json<{ id: number }>(res);
  const grids = await json<{ features: GridFeature[] }>(await app.request(`/api/versions/${id}/grids`));
  return {
    id,
    rev: Object.fromEntries(grids.features.map((f) => [f.properties.code, f.properties.revision])),
  };
}

export type Issue = {
  kind: string;
  severity: string;
  gridCodes: string[];
  areaSquareMetres: number | null;
  geometry: unknown;
};
export type Report = { blocking: number; warnings: number; issues: Issue[] };

export async function issuesOf(app: App, id: number): Promise<Report> {
  return json<Report>(await app.request(`/api/versions/${id}/issues`));
}
