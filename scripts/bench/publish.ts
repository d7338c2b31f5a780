/**
 * Boundary publish at city scale: a draft that changes ~1,000 level-3 grids by moving 250 shared
 * interior lattice vertices (each reshapes the 4 grids around it; the vertices lie inside level-2
 * blocks, so parents and tiling stay intact) in the dense centre, where reassignment moves the most
 * cases. Each vertex moves 30 % of the way to the centroid of the farther of two opposite cells, so
 * every run (also with --keep, on a database an earlier run published) is a real change.
 *
 * Timed twice: through the API (POST /api/versions, PATCH …/grids in batches, GET …/issues,
 * GET …/impact, POST …/publish as the planner) and through the query modules on the pool.
 */
import type { Db } from '../../server/db/db';
import { DEFAULT_MAX_VERTICES } from '../../server/domain/boundary/geometry-input';
import { DEFAULT_TOLERANCE_SQUARE_METRES } from '../../server/domain/boundary/tolerance';
import { type GridUpdate, updateGrids } from '../../server/queries/boundary-edits';
import { versionImpact } from '../../server/queries/boundary-impact';
import { validationReport } from '../../server/queries/boundary-issues';
import { publishVersion } from '../../server/queries/boundary-publish';
import { createDraftFrom, publishedVersionId } from '../../server/queries/versions';
import type { City } from './city';
import type { BenchClient } from './http';

const BATCH_VERTICES = 12;

type Pos = [number, number];
type Cell = { code: string; revision: number; ring: Pos[] };
type VertexMove = { cells: [string, string, string, string] };

export type PublishFigures = {
  changedGrids: number;
  casesReassigned: number;
  createDraftMs: number;
  editMs: number;
  editRequests: number;
  issuesMs: number;
  impactMs: number;
  publishMs: number;
  blocking: number;
};

export type PublishMeasurement = { api: PublishFigures; sql: PublishFigures | null };

/** The 250 (or `grids/4`) interior vertices nearest the centre, no two sharing a cell. */
export function chooseVertices(city: City, changedGrids: number): VertexMove[] {
  const candidates: { i: number; j: number; d: number }[] = [];
  const { cols, rows, colBands, rowBands } = city;
  for (let b = 0; b + 1 < rowBands.length; b++) {
    for (let a = 0; a + 1 < colBands.length; a++) {
      const i0 = colBands[a] as number;
      const i1 = colBands[a + 1] as number;
      const j0 = rowBands[b] as number;
      const j1 = rowBands[b + 1] as number;
      for (let j = j0 + 1; j < j1; j += 2) {
        for (let i = i0 + 1; i < i1; i += 2) {
          candidates.push({ i, j, d: (i - cols / 2) ** 2 + (j - rows / 2) ** 2 });
        }
      }
    }
  }
  candidates.sort((p, q) => p.d - q.d);
  const code = (i: number, j: number) => city.cellCodes[j * cols + i] as string;
  return candidates.slice(0, Math.ceil(changedGrids / 4)).map(({ i, j }) => ({
    cells: [code(i, j), code(i - 1, j), code(i - 1, j - 1), code(i, j - 1)],
  }));
}

const key = ([x, y]: Pos) => `${x},${y}`;

function centroid(ring: Pos[]): Pos {
  const pts = ring.slice(0, -1);
  return [pts.reduce((s, p) => s + p[0], 0) / pts.length, pts.reduce((s, p) => s + p[1], 0) / pts.length];
}

/** The four grids' new rings with their shared vertex moved. */
function moveVertex(cells: Cell[]): GridUpdate[] {
  const counts = new Map<string, number>();
  for (const c of cells) for (const p of new Set(c.ring.map(key))) counts.set(p, (counts.get(p) ?? 0) + 1);
  const shared = [...counts].find(([, n]) => n === cells.length)?.[0];
  if (!shared) throw new Error(`grids ${cells.map((c) => c.code).join(', ')} share no vertex`);
  const [vx, vy] = shared.split(',').map(Number) as Pos;
  const [a, , c] = cells as [Cell, Cell, Cell, Cell];
  const ca = centroid(a.ring);
  const cc = centroid(c.ring);
  const far = (ca[0] - vx) ** 2 + (ca[1] - vy) ** 2 > (cc[0] - vx) ** 2 + (cc[1] - vy) ** 2 ? ca : cc;
  const moved: Pos = [
    Math.round((vx + 0.3 * (far[0] - vx)) * 1e7) / 1e7,
    Math.round((vy + 0.3 * (far[1] - vy)) * 1e7) / 1e7,
  ];
  return cells.map((cell) => ({
    code: cell.code,
    revision: cell.revision,
    geometry: {
      type: 'Polygon' as const,
      coordinates: [cell.ring.map((p) => (key(p) === shared ? moved : p))],
    },
  }));
}

/** The current rings and revisions of the draft's grids (harness read, not an app query). */
async function readCells(db: Db, versionId: number, codes: string[]): Promise<Map<string, Cell>> {
  const rows = await db.query<{ code: string; revision: number; geojson: string }>(
    `SELECT code, revision, ST_AsGeoJSON(geom, 9) AS geojson FROM grid WHERE version_id = $1 AND code = ANY($2::text[])`,
    [versionId, codes],
  );
  return new Map(
    rows.map((r) => {
      const g = JSON.parse(r.geojson) as { type: string; coordinates: unknown };
      const ring = (
        g.type === 'MultiPolygon' ? (g.coordinates as Pos[][][])[0]?.[0] : (g.coordinates as Pos[][])[0]
      ) as Pos[];
      return [r.code, { code: r.code, revision: Number(r.revision), ring }];
    }),
  );
}

async function plannedUpdates(db: Db, versionId: number, moves: VertexMove[]): Promise<GridUpdate[][]> {
  const cells = await readCells(
    db,
    versionId,
    moves.flatMap((m) => m.cells),
  );
  const batches: GridUpdate[][] = [];
  for (let k = 0; k < moves.length; k += BATCH_VERTICES) {
    batches.push(
      moves.slice(k, k + BATCH_VERTICES).flatMap((m) =>
        moveVertex(
          m.cells.map((code) => {
            const cell = cells.get(code);
            if (!cell) throw new Error(`grid ${code} is missing from draft ${versionId}`);
            return cell;
          }),
        ),
      ),
    );
  }
  return batches;
}

function text(body: Uint8Array): string {
  return new TextDecoder().decode(body);
}

async function timedOk(
  p: () => Promise<{ status: number; body: Uint8Array; ms: number }>,
  what: string,
  status: number,
) {
  const res = await p();
  if (res.status !== status)
    throw new Error(`${what} answered ${res.status}: ${text(res.body).slice(0, 400)}`);
  return { ms: res.ms, json: JSON.parse(text(res.body)) as Record<string, unknown> };
}

export async function measurePublishApi(
  client: BenchClient,
  db: Db,
  moves: VertexMove[],
): Promise<PublishFigures> {
  const created = await timedOk(
    () =>
      client.request('planner', '/api/versions', {
        method: 'POST',
        json: { name: `基准测试草稿 ${new Date().toISOString()}` },
      }),
    'create draft',
    201,
  );
  const id = Number(created.json.id);
  const batches = await plannedUpdates(db, id, moves);
  let editMs = 0;
  for (const updates of batches) {
    const r = await timedOk(
      () => client.request('planner', `/api/versions/${id}/grids`, { method: 'PATCH', json: { updates } }),
      'grid edit',
      200,
    );
    editMs += r.ms;
  }
  const issues = await timedOk(() => client.request('planner', `/api/versions/${id}/issues`), 'issues', 200);
  const impact = await timedOk(() => client.request('planner', `/api/versions/${id}/impact`), 'impact', 200);
  const published = await timedOk(
    () => client.request('planner', `/api/versions/${id}/publish`, { method: 'POST' }),
    'publish',
    200,
  );
  const result = (published.json.result ?? published.json) as {
    changedGrids?: number;
    casesReassigned?: number;
  };
  return {
    changedGrids: Number(result.changedGrids ?? Number.NaN),
    casesReassigned: Number(result.casesReassigned ?? Number.NaN),
    createDraftMs: created.ms,
    editMs,
    editRequests: batches.length,
    issuesMs: issues.ms,
    impactMs: impact.ms,
    publishMs: published.ms,
    blocking: Number(issues.json.blocking ?? 0),
  };
}

export async function measurePublishSql(db: Db, moves: VertexMove[], now: Date): Promise<PublishFigures> {
  const t0 = performance.now();
  const published = await publishedVersionId(db);
  const id = await db.transaction((tx) => createDraftFrom(tx, published, '基准测试草稿 (SQL)', null));
  const t1 = performance.now();
  const batches = await plannedUpdates(db, id, moves);
  const t2 = performance.now();
  for (const updates of batches) {
    await db.transaction((tx) => updateGrids(tx, id, updates, { maxVertices: DEFAULT_MAX_VERTICES }));
  }
  const t3 = performance.now();
  const report = await validationReport(db, id, DEFAULT_TOLERANCE_SQUARE_METRES);
  const t4 = performance.now();
  await versionImpact(db, id, published ?? id, published ?? id, now);
  const t5 = performance.now();
  const result = await publishVersion(db, id, new Date());
  const t6 = performance.now();
  return {
    changedGrids: result.changedGrids,
    casesReassigned: result.casesReassigned,
    createDraftMs: t1 - t0,
    editMs: t3 - t2,
    editRequests: batches.length,
    issuesMs: t4 - t3,
    impactMs: t5 - t4,
    publishMs: t6 - t5,
    blocking: report.blocking,
  };
}
