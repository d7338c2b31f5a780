/**
 * The measurements of one bench run: each operation through the HTTP API (the real app on 127.0.0.1,
 * keep-alive, logged-in sessions; http.ts) and as its raw SQL (the same query modules against a
 * pool), median and p95 of each, with the API/SQL ratio. Tiles are also measured warm (the app's
 * tile cache); "cold" API samples defeat the cache with a `from` one minute earlier per round, which
 * changes the cache key but not the cases matched (the data starts a year back).
 */

import type { CaseDeps } from '../../server/cases/case-deps';
import { intakeCase } from '../../server/cases/intake-case';
import type { Db } from '../../server/db/db';
import type { CaseAreaFilter } from '../../server/domain/hotspots/filter';
import type { TileAddress } from '../../server/domain/hotspots/tile-math';
import { mercatorUnitsPerMetre } from '../../server/domain/hotspots/web-mercator';
import { localDay, resolveWindow, type Window } from '../../server/domain/metrics';
import { listCases } from '../../server/queries/case-list';
import { countCasesPerBin, publishedTerritory } from '../../server/queries/hotspots';
import { getTierStats, getTierStatsColumns } from '../../server/queries/stats-grids';
import { getOverview } from '../../server/queries/stats-overview';
import { findScopeGrid, type ScopeGrid } from '../../server/queries/stats-scope';
import { snapshotWindow } from '../../server/queries/stats-window';
import { createWindowCache } from '../../server/stats/window-cache';
import { renderCaseTileWithMode, renderGridTile, type TileEncoder } from '../../server/tiles/render';
import { createRandom } from '../demo/random';
import type { BenchClient } from './http';

export type Figures = { n: number; p50: number; p95: number; max: number };

export type Measurement = {
  id: string;
  label: string;
  api: Figures | null;
  apiWarm?: Figures | null;
  sql: Figures | null;
  /** Response bytes (max over samples), for tiles. */
  bytes?: { p50: number; max: number };
  note?: string;
};

export type MeasureContext = {
  client: BenchClient;
  db: Db;
  /** The case workflow on `db` (SQL-side intakes). */
  caseDeps: CaseDeps;
  encoder: TileEncoder;
  now: Date;
  bbox: [number, number, number, number];
  centre: [number, number];
  /** A level-1 grid code in the dense centre. */
  areaCode: string;
  smoke: boolean;
  log: (line: string) => void;
};

export function figures(samples: readonly number[]): Figures | null {
  if (samples.length === 0) return null;
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] as number;
  const r = (v: number) => Math.round(v * 100) / 100;
  return { n: s.length, p50: r(at(0.5)), p95: r(at(0.95)), max: r(s[s.length - 1] as number) };
}

/** Runs `fn` up to `n` times or until `budgetMs` is spent (at least `min` times); one unrecorded warm-up. */
async function sample(
  n: number,
  budgetMs: number,
  fn: (i: number) => Promise<void>,
  opts: { warmup?: boolean; min?: number } = {},
): Promise<number[]> {
  if (opts.warmup !== false) await fn(-1);
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
    if (i + 1 >= (opts.min ?? 3) && performance.now() - started > budgetMs) break;
  }
  return times;
}

async function ok<R extends { status: number; body: Uint8Array }>(
  p: Promise<R>,
  what: string,
  allowed = [200],
): Promise<R> {
  const res = await p;
  if (!allowed.includes(res.status)) {
    throw new Error(`${what} answered ${res.status}: ${new TextDecoder().decode(res.body).slice(0, 300)}`);
  }
  return res;
}

export function tileOf(lon: number, lat: number, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const rad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return { x, y };
}

/** Up to 3×3 tiles around the centre that overlap the city. */
export function tilesAround(
  centre: [number, number],
  bbox: [number, number, number, number],
  z: number,
): TileAddress[] {
  const c = tileOf(centre[0], centre[1], z);
  const min = tileOf(bbox[0], bbox[3], z);
  const max = tileOf(bbox[2], bbox[1], z);
  const out: TileAddress[] = [];
  for (let dy = -1; dy <= 1; dy++)
    for (let dx = -1; dx <= 1; dx++) {
      const x = c.x + dx;
      const y = c.y + dy;
      if (x >= min.x && x <= max.x && y >= min.y && y <= max.y) out.push({ z, x, y });
    }
  return out;
}

/** The big screen's per-grid request for its default metric, overdueRate (web/views/bigscreen/choropleth-metrics.ts). */
const COMPACT_FIELDS = ['overdueRate', 'open'] as const;

/** One intake as the API makes it (intakeCase: the query modules, no HTTP, no session), for SQL-side samples. */
async function intakeViaSql(
  deps: CaseDeps,
  bbox: [number, number, number, number],
  r: () => number,
): Promise<void> {
  const [lon, lat] = intakePoint(bbox, r);
  const result = await intakeCase(
    deps,
    { lon, lat, category: 'environment', source: 'hotline', title: INTAKE_TITLE },
    {
      actor: { userId: null, username: 'bench-sql', role: 'dispatcher' },
      request: { requestId: null, ip: null },
    },
  );
  if (!result.created) throw new Error(`intake at ${lon},${lat} stored nothing`);
}

const INTAKE_TITLE = '基准测试：生活垃圾堆积未清运';

/**
 * Stats as a wall display meets them while cases keep arriving: every "cold" sample follows one case
 * intake (through the API for API samples, through the query modules for SQL samples), so the data
 * version has moved, no cached answer applies and the figures must take the new case in. The
 * default window (what the screens ask for) reads the kept figures of stats_window (migration 019);
 * "warm" repeats a request with no write in between (the answer cache). Two more rows show a
 * window of the caller's choosing, which reads rollups and cases: sample i asks for a window one
 * day longer than sample i − 1, a request no cache has seen.
 */
async function statsOps(ctx: MeasureContext, out: Measurement[]): Promise<void> {
  const { client, db } = ctx;
  const random = createRandom(Date.now() % 1_000_000);
  const area = (await findScopeGrid(db, ctx.areaCode)) as ScopeGrid;
  const n = ctx.smoke ? 6 : 20;
  const budget = ctx.smoke ? 3_000 : 15_000;
  // The SQL side reads stats_window like the API: with a copy of its own, updated by changed rows.
  const cache = createWindowCache();
  const at = () => new Date();
  const defaultWindow = () => snapshotWindow(at());
  const cases: { id: string; label: string; path: string; sql: () => Promise<unknown> }[] = [
    {
      id: 'overview-city',
      label: 'Overview KPIs, city (default 30 days)',
      path: '/api/stats/overview',
      sql: () => getOverview(db, { grid: null, window: defaultWindow(), now: at(), category: null }),
    },
    {
      id: 'overview-area',
      label: `Overview KPIs, level-1 area ${ctx.areaCode}`,
      path: `/api/stats/overview?grid=${ctx.areaCode}`,
      sql: () => getOverview(db, { grid: area, window: defaultWindow(), now: at(), category: null }),
    },
    {
      id: 'grid-stats-city-compact',
      label: `Per-grid stats, all level-3 grids, compact (fields=${COMPACT_FIELDS.join(',')}, as the big screen asks)`,
      path: `/api/stats/grids?level=3&fields=${COMPACT_FIELDS.join(',')}`,
      sql: () =>
        getTierStatsColumns(
          db,
          { level: 3, grid: null, window: defaultWindow(), now: at(), category: null },
          COMPACT_FIELDS,
          { cache },
        ),
    },
    {
      id: 'grid-stats-city',
      label: 'Per-grid stats, all level-3 grids, every figure',
      path: '/api/stats/grids?level=3',
      sql: () =>
        getTierStats(
          db,
          { level: 3, grid: null, window: defaultWindow(), now: at(), category: null },
          { cache },
        ),
    },
    {
      id: 'grid-stats-area',
      label: `Per-grid stats, level-3 grids of ${ctx.areaCode}, every figure`,
      path: `/api/stats/grids?level=3&grid=${ctx.areaCode}`,
      sql: () =>
        getTierStats(
          db,
          { level: 3, grid: area, window: defaultWindow(), now: at(), category: null },
          { cache },
        ),
    },
  ];
  const intakeViaApi = async () => {
    const [lon, lat] = intakePoint(ctx.bbox, random.next);
    const json = { lon, lat, category: 'environment', source: 'hotline', title: INTAKE_TITLE };
    await ok(client.request('dispatcher', '/api/cases', { method: 'POST', json }), 'intake', [201]);
  };
  for (const c of cases) {
    let bytes = 0;
    const api: number[] = [];
    await ok(client.request('leader', c.path), c.path);
    for (let i = 0, started = performance.now(); i < n; i++) {
      await intakeViaApi();
      const res = await ok(client.request('leader', c.path), c.path);
      api.push(res.ms);
      bytes = res.body.length;
      if (i >= 3 && performance.now() - started > budget) break;
    }
    const warm = await sample(ctx.smoke ? 5 : 20, budget, async () => {
      await ok(client.request('leader', c.path), c.path);
    });
    const sql: number[] = [];
    await c.sql();
    for (let i = 0, started = performance.now(); i < n; i++) {
      await intakeViaSql(ctx.caseDeps, ctx.bbox, random.next);
      const t0 = performance.now();
      await c.sql();
      sql.push(performance.now() - t0);
      if (i >= 3 && performance.now() - started > budget) break;
    }
    out.push({
      id: c.id,
      label: c.label,
      api: figures(api),
      apiWarm: figures(warm),
      sql: figures(sql),
      bytes: { p50: bytes, max: bytes },
    });
    ctx.log(
      `${c.id}: api ${JSON.stringify(figures(api))} warm ${figures(warm)?.p50} sql ${JSON.stringify(figures(sql))} (${bytes} B)`,
    );
  }
  await customWindowOps(ctx, area, out);
}

/** A window of the caller's choosing (not the default): rollups and cases, no kept figures. */
async function customWindowOps(ctx: MeasureContext, area: ScopeGrid, out: Measurement[]): Promise<void> {
  const { client, db, now } = ctx;
  const today = localDay(now);
  const fromOf = (i: number) => localDay(new Date(now.getTime() - (31 + i + 2) * 86_400_000));
  const windowAt = (i: number): Window => {
    const w = resolveWindow({ from: fromOf(i), to: today }, today);
    if (typeof w === 'string') throw new Error(w);
    return w;
  };
  const n = ctx.smoke ? 3 : 5;
  const budget = ctx.smoke ? 3_000 : 15_000;
  const cases = [
    {
      id: 'overview-area-window',
      label: `Overview KPIs, level-1 area ${ctx.areaCode}, a window of the caller's choosing`,
      path: `/api/stats/overview?grid=${ctx.areaCode}&`,
      sql: (w: Window) => getOverview(db, { grid: area, window: w, now, category: null }),
    },
    {
      id: 'grid-stats-city-compact-window',
      label: `Per-grid stats, all level-3 grids, compact, a window of the caller's choosing`,
      path: `/api/stats/grids?level=3&fields=${COMPACT_FIELDS.join(',')}&`,
      sql: (w: Window) =>
        getTierStatsColumns(db, { level: 3, grid: null, window: w, now, category: null }, COMPACT_FIELDS),
    },
  ];
  for (const c of cases) {
    let bytes = 0;
    const pathAt = (i: number) => `${c.path}from=${fromOf(i)}&to=${today}`;
    const api = await sample(n, budget, async (i) => {
      bytes = (await ok(client.request('leader', pathAt(i)), c.path)).body.length;
    });
    const sql = await sample(n, budget, async (i) => {
      await c.sql(windowAt(i));
    });
    out.push({
      id: c.id,
      label: c.label,
      api: figures(api),
      sql: figures(sql),
      bytes: { p50: bytes, max: bytes },
    });
    ctx.log(`${c.id}: api ${JSON.stringify(figures(api))} sql ${JSON.stringify(figures(sql))} (${bytes} B)`);
  }
}

async function caseTileOps(ctx: MeasureContext, out: Measurement[]): Promise<void> {
  const { client, db, now } = ctx;
  const rounds = ctx.smoke ? 2 : 4;
  for (const z of [10, 13, 16]) {
    const tiles = tilesAround(ctx.centre, ctx.bbox, z);
    const fromOf = (round: number) => new Date(now.getTime() - 400 * 86_400_000 - round * 60_000);
    const pathOf = (t: TileAddress, round: number) =>
      `/api/tiles/cases/${t.z}/${t.x}/${t.y}.mvt?from=${encodeURIComponent(fromOf(round).toISOString())}`;
    const api: number[] = [];
    const sizes: number[] = [];
    // Warm-up round (PostgreSQL's buffers, prepared statements), not recorded.
    for (const t of tiles) await ok(client.request('leader', pathOf(t, 99)), 'case tile', [200, 204]);
    for (let r = 0; r < rounds; r++) {
      for (const t of tiles) {
        const res = await ok(client.request('leader', pathOf(t, r)), 'case tile', [200, 204]);
        api.push(res.ms);
        sizes.push(res.bytes);
      }
    }
    const warm: number[] = [];
    for (let r = 0; r < rounds; r++)
      for (const t of tiles) warm.push((await client.request('leader', pathOf(t, 0))).ms);
    const sql: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const t of tiles) {
        const f: CaseAreaFilter = { from: fromOf(r) };
        const t0 = performance.now();
        await renderCaseTileWithMode(db, ctx.encoder, t, f, now);
        sql.push(performance.now() - t0);
      }
    }
    const b = figures(sizes);
    out.push({
      id: `case-tiles-z${z}`,
      label: `Case tiles z${z} (${tiles.length} tiles around the centre)`,
      api: figures(api),
      apiWarm: figures(warm),
      sql: figures(sql),
      bytes: { p50: b?.p50 ?? 0, max: b?.max ?? 0 },
    });
    ctx.log(
      `case tiles z${z}: api ${JSON.stringify(figures(api))} sql ${JSON.stringify(figures(sql))} bytes ${b?.max}`,
    );
  }
}

async function gridTileOps(ctx: MeasureContext, out: Measurement[]): Promise<void> {
  const { client, db } = ctx;
  const rounds = ctx.smoke ? 2 : 5;
  // z10 level-3 tiles are empty (GRID_TILE_MIN_ZOOM); z11 is what the big screen draws a city from.
  for (const z of [10, 11, 12]) {
    const tiles = tilesAround(ctx.centre, ctx.bbox, z);
    const path = (t: TileAddress) => `/api/tiles/grids/${t.z}/${t.x}/${t.y}.mvt?level=3`;
    const cold: number[] = [];
    const sizes: number[] = [];
    for (const t of tiles) {
      const res = await ok(client.request('leader', path(t)), 'grid tile', [200, 204]);
      cold.push(res.ms);
      sizes.push(res.bytes);
    }
    const warm: number[] = [];
    for (let r = 0; r < rounds; r++)
      for (const t of tiles) warm.push((await client.request('leader', path(t))).ms);
    const sql: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const t of tiles) {
        const t0 = performance.now();
        await renderGridTile(db, ctx.encoder, t, 3);
        sql.push(performance.now() - t0);
      }
    }
    const b = figures(sizes);
    out.push({
      id: `grid-tiles-z${z}`,
      label: `Grid tiles z${z}, level 3 (${tiles.length} tiles; API cold = first request of each)`,
      api: figures(cold),
      apiWarm: figures(warm),
      sql: figures(sql),
      bytes: { p50: b?.p50 ?? 0, max: b?.max ?? 0 },
    });
    ctx.log(
      `grid tiles z${z}: api ${JSON.stringify(figures(cold))} warm ${JSON.stringify(figures(warm))} sql ${JSON.stringify(figures(sql))}`,
    );
  }
}

/** A viewport of ~8 × 5 km around the centre. */
export function viewport(centre: [number, number]): [number, number, number, number] {
  const dLon = 4_000 / (111_320 * Math.cos((centre[1] * Math.PI) / 180));
  const dLat = 2_500 / 111_320;
  const r = (v: number) => Math.round(v * 1e6) / 1e6;
  return [r(centre[0] - dLon), r(centre[1] - dLat), r(centre[0] + dLon), r(centre[1] + dLat)];
}

async function hotspotAndListOps(ctx: MeasureContext, out: Measurement[]): Promise<void> {
  const { client, db, now } = ctx;
  const n = ctx.smoke ? 8 : 30;
  const budget = ctx.smoke ? 3_000 : 15_000;
  const bbox = viewport(ctx.centre);
  const from = new Date(now.getTime() - 30 * 86_400_000);
  const binsPath = `/api/hotspots/bins?bbox=${bbox.join(',')}&from=${from.toISOString()}&binSize=250`;
  const api = await sample(n, budget, async () => {
    await ok(client.request('leader', binsPath), binsPath);
  });
  const sql = await sample(n, budget, async () => {
    const territory = await publishedTerritory(db);
    const size = 250 * mercatorUnitsPerMetre(territory?.referenceLatitude ?? ctx.centre[1]);
    await countCasesPerBin(db, { bbox, from }, size);
  });
  out.push({
    id: 'hotspot-bins',
    label: 'Hotspot bins 250 m, 8×5 km viewport, 30 days',
    api: figures(api),
    sql: figures(sql),
  });
  ctx.log(`hotspot bins: api ${JSON.stringify(figures(api))} sql ${JSON.stringify(figures(sql))}`);

  const listPath = `/api/cases?grid=${ctx.areaCode}&status=reported,accepted,dispatched&category=environment,facilities&limit=50`;
  const listApi = await sample(n, budget, async () => {
    await ok(client.request('leader', listPath), listPath);
  });
  const listSql = await sample(n, budget, async () => {
    await listCases(
      db,
      {
        grid: ctx.areaCode,
        status: ['reported', 'accepted', 'dispatched'],
        category: ['environment', 'facilities'],
        limit: 50,
      },
      now,
    );
  });
  out.push({
    id: 'case-list',
    label: `Case list page (50), open statuses × 2 categories in ${ctx.areaCode}`,
    api: figures(listApi),
    sql: figures(listSql),
  });
  ctx.log(`case list: api ${JSON.stringify(figures(listApi))} sql ${JSON.stringify(figures(listSql))}`);
}

/** A random point in the inner half of the city (where most grids are). */
export function intakePoint(bbox: [number, number, number, number], r: () => number): [number, number] {
  const [w, s, e, n] = bbox;
  return [w + (e - w) * (0.25 + 0.5 * r()), s + (n - s) * (0.25 + 0.5 * r())];
}

async function intakeOps(ctx: MeasureContext, out: Measurement[]): Promise<void> {
  const { client } = ctx;
  const random = createRandom(Date.now() % 1_000_000);
  const n = ctx.smoke ? 30 : 300;
  const budget = ctx.smoke ? 3_000 : 20_000;
  const api = await sample(n, budget, async () => {
    const [lon, lat] = intakePoint(ctx.bbox, random.next);
    const json = { lon, lat, category: 'environment', source: 'hotline', title: INTAKE_TITLE };
    await ok(client.request('dispatcher', '/api/cases', { method: 'POST', json }), 'intake', [201]);
  });
  const sql = await sample(n, budget, () => intakeViaSql(ctx.caseDeps, ctx.bbox, random.next));
  out.push({
    id: 'intake',
    label: 'Case intake POST /api/cases (sequential; SQL: intakeCase on the query modules)',
    api: figures(api),
    sql: figures(sql),
  });
  ctx.log(`intake: api ${JSON.stringify(figures(api))} sql ${JSON.stringify(figures(sql))}`);
}

export async function measureQueries(ctx: MeasureContext): Promise<Measurement[]> {
  const out: Measurement[] = [];
  await statsOps(ctx, out);
  await caseTileOps(ctx, out);
  await gridTileOps(ctx, out);
  await hotspotAndListOps(ctx, out);
  await intakeOps(ctx, out);
  return out;
}
