import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../scripts/demo/random';
import { CASE_SOURCES } from '../../server/domain/case-vocabulary';
import type { CaseAreaFilter } from '../../server/domain/hotspots/filter';
import { TILE_BUFFER, TILE_EXTENT } from '../../server/domain/hotspots/tile-math';
import { dayBinLevel, planCells } from '../../server/queries/case-tile-cells';
import { flushRollups } from '../../server/queries/stats-rollups';
import { caseTileBinRows, caseTilePointRows, countTileCasesUpTo } from '../../server/queries/tiles';
import { renderCaseTile } from '../../server/tiles/render';
import { testBackends } from '../support/backends';
import { openTestDb, type TestDb } from '../support/test-db';
import { decodeTile, tileAt } from './decode';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Every case has one of these sources: the same cases, but the tile counts them one by one. */
const COUNTING: CaseAreaFilter = { source: [...CASE_SOURCES] };

type Snapshot = Record<string, unknown>[];

describe.each(testBackends())('per-day case tile bins (%s)', (backend) => {
  let t: TestDb;
  let centre: { lon: number; lat: number };
  let first: number;
  let last: number;
  beforeAll(async () => {
    t = await openTestDb(backend, 'demo');
    const [row] = await t.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM cases
       WHERE grid_code = (SELECT grid_code FROM cases GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1)
       ORDER BY id LIMIT 1`,
    );
    const [span] = await t.db.query<{ first: Date; last: Date }>(
      'SELECT min(reported_at) AS first, max(reported_at) AS last FROM cases',
    );
    if (!row || !span) throw new Error('demo data has no cases');
    centre = row;
    first = new Date(span.first).getTime();
    last = new Date(span.last).getTime();
  });
  afterAll(async () => {
    await t?.close();
  });

  const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();

  /** Windows of every shape: minute edges, local midnights, one day, across one midnight, long, open, empty. */
  function windows(seed: number): CaseAreaFilter[] {
    // Seeded (the demo's mulberry32): the same windows on every run and backend.
    const random = createRandom(seed).next;
    const minuteAt = (lo: number, hi: number) =>
      new Date(Math.floor((lo + random() * (hi - lo)) / MINUTE) * MINUTE);
    // 16:00 UTC is midnight in Asia/Shanghai.
    const midnight = (at: Date) =>
      new Date(Math.floor((at.getTime() - 16 * 3_600_000) / DAY) * DAY + 16 * 3_600_000);
    const out: CaseAreaFilter[] = [];
    for (let i = 0; i < 4; i++) {
      const from = minuteAt(first - 3 * DAY, last);
      const days = [0.2, 0.9, 3, 30, 200][Math.floor(random() * 5)] ?? 30;
      const to = new Date(from.getTime() + Math.ceil((days * DAY * (0.5 + random())) / MINUTE) * MINUTE);
      out.push({ from, to });
      out.push({ from: midnight(from), to: midnight(to) });
      out.push({ from: midnight(from), to });
    }
    const cut = minuteAt(first, last);
    out.push({ from: cut }, { to: cut }, { from: new Date(first - 400 * DAY) }, { to: new Date(last + DAY) });
    out.push({
      from: new Date(last - 30 * DAY),
      to: new Date(last + MINUTE),
      category: ['dispute', 'safety'],
    });
    out.push({ from: cut, to: new Date(cut.getTime() - DAY) });
    return out;
  }

  async function expectEqualToCounting(seed: number) {
    let nonEmpty = 0;
    for (const z of [10, 11, 12, 13, 14, 15]) {
      const tile = tileAt(centre.lon, centre.lat, z);
      for (const f of windows(seed + z)) {
        expect(dayBinLevel(tile, f), `z${z}`).not.toBeNull();
        const fromDays = await caseTileBinRows(t.db, tile, f);
        const counted = await caseTileBinRows(t.db, tile, { ...f, ...COUNTING });
        expect(sorted(fromDays), `z${z} ${JSON.stringify(f)}`).toEqual(sorted(counted));
        if (fromDays.length > 0) nonEmpty++;
      }
    }
    expect(nonEmpty).toBeGreaterThan(30);
  }

  it('sums a time window (± categories) at cells of level z + 6 from z6 to z15 only', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    expect(dayBinLevel({ z: 10, x: 0, y: 0 }, { from })).toBe(16);
    expect(dayBinLevel({ z: 11, x: 0, y: 0 }, { to: from, category: ['dispute'] })).toBe(17);
    expect(dayBinLevel({ z: 13, x: 0, y: 0 }, { from, to: from })).toBe(19);
    expect(dayBinLevel({ z: 15, x: 0, y: 0 }, { from })).toBe(21);
    expect(dayBinLevel({ z: 6, x: 0, y: 0 }, { from })).toBe(16);
    expect(dayBinLevel({ z: 5, x: 0, y: 0 }, { from })).toBeNull();
    expect(dayBinLevel({ z: 16, x: 0, y: 0 }, { from })).toBeNull();
    expect(dayBinLevel({ z: 10, x: 0, y: 0 }, {})).toBeNull();
    expect(dayBinLevel({ z: 10, x: 0, y: 0 }, { from, source: ['app'] })).toBeNull();
    expect(dayBinLevel({ z: 10, x: 0, y: 0 }, { from, scopeCode: 'A' })).toBeNull();
    expect(dayBinLevel({ z: 10, x: 0, y: 0 }, { from, grid: 'A' })).toBeNull();
    expect(dayBinLevel({ z: 10, x: 0, y: 0 }, { from, bbox: [0, 0, 1, 1] })).toBeNull();
  });

  it('sums to exactly the counted cases for random windows, z10–z15', async () => {
    await expectEqualToCounting(1);
  }, 300_000);

  it('reads only the all-time cells for a window from before the first case, and counts at z15 when it needs days', async () => {
    const before = { from: new Date(first - 400 * DAY - 7 * MINUTE) };
    expect(await planCells(t.db, before, 19)).toEqual({ level: 19, parts: [{ kind: 'all', sign: 1 }] });
    expect(await planCells(t.db, before, 21)).toEqual({ level: 21, parts: [{ kind: 'all', sign: 1 }] });
    expect(await planCells(t.db, { from: new Date(last - 30 * DAY) }, 21)).toBeNull();
    expect((await planCells(t.db, { from: new Date(last - 30 * DAY) }, 20))?.parts.length).toBeGreaterThan(0);
    expect(await planCells(t.db, { from: new Date(last + DAY) }, 20)).toEqual({ level: 20, parts: [] });
    expect(
      await caseTileBinRows(t.db, tileAt(centre.lon, centre.lat, 13), { from: new Date(last + DAY) }),
    ).toEqual([]);
  });

  /** Cases of the tile proper, half-open like the cells: [xmin, xmax) × (ymin, ymax], within the window. */
  const countHalfOpen = async (tile: { z: number; x: number; y: number }, f: CaseAreaFilter) => {
    const [row] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases, ST_TileEnvelope($1, $2, $3) AS e, ST_Transform(geom, 3857) AS m
       WHERE ST_X(m) >= ST_XMin(e) AND ST_X(m) < ST_XMax(e) AND ST_Y(m) > ST_YMin(e) AND ST_Y(m) <= ST_YMax(e)
         AND reported_at >= coalesce($4::timestamptz, '-infinity') AND reported_at < coalesce($5::timestamptz, 'infinity')
         AND ($6::text[] IS NULL OR category = ANY($6::text[]))`,
      [tile.z, tile.x, tile.y, f.from ?? null, f.to ?? null, f.category ?? null],
    );
    return row?.n ?? 0;
  };

  it('counts a z14–z17 tile (points or bins?) from the cells, equal to counting its cases', async () => {
    const now = new Date(last + MINUTE);
    for (const z of [14, 15, 16, 17]) {
      const tile = tileAt(centre.lon, centre.lat, z);
      for (const f of [{}, ...windows(40 + z)]) {
        const label = `z${z} ${JSON.stringify(f)}`;
        expect(await countTileCasesUpTo(t.db, tile, f, 1e9, now), label).toBe(await countHalfOpen(tile, f));
      }
    }
  }, 300_000);

  it('finds the points of a window through the zoom-14 tile index, the same points as without it', async () => {
    const now = new Date(last + MINUTE);
    const inBuffer = async (tile: { z: number; x: number; y: number }, f: CaseAreaFilter) => {
      const [row] = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM cases
         WHERE ST_Intersects(ST_Transform(geom, 3857), ST_TileEnvelope($1, $2, $3, margin => $4::float8))
           AND reported_at >= $5 AND reported_at < coalesce($6::timestamptz, 'infinity')`,
        [tile.z, tile.x, tile.y, TILE_BUFFER / TILE_EXTENT, f.from ?? null, f.to ?? null],
      );
      return row?.n ?? 0;
    };
    // The key of every case is its zoom-14 tile, as the TypeScript tile math has it.
    const keys = await t.db.query<{ key: number; lon: number; lat: number }>(
      'SELECT case_tile14(geom) AS key, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM cases WHERE id % 37 = 0',
    );
    for (const k of keys) {
      const z14 = tileAt(k.lon, k.lat, 14);
      expect(k.key).toBe(z14.x * 2 ** 14 + z14.y);
    }
    let points = 0;
    for (const z of [14, 15, 16, 18]) {
      const tile = tileAt(centre.lon, centre.lat, z);
      for (const days of [3, 30, 90, 200]) {
        const f = { from: new Date(last - days * DAY - 11 * MINUTE), to: new Date(last - 5 * MINUTE) };
        const rows = await caseTilePointRows(t.db, tile, f, now);
        expect(rows.length, `z${z} ${days} days`).toBe(await inBuffer(tile, f));
        points += rows.length;
      }
    }
    expect(points).toBeGreaterThan(100);
  });

  it('encodes the same tile in PostGIS and in TypeScript', async () => {
    if (!t.capabilities.mvt) return;
    const tile = tileAt(centre.lon, centre.lat, 11);
    const f = { from: new Date(last - 45 * DAY - 17 * MINUTE), to: new Date(last - 2 * DAY + 5 * MINUTE) };
    const now = new Date(last);
    const mvt = decodeTile(await renderCaseTile(t.db, 'postgis', tile, f, now));
    expect(mvt.case_bins?.length).toBeGreaterThan(0);
    expect(mvt).toEqual(decodeTile(await renderCaseTile(t.db, 'typescript', tile, f, now)));
  });

  it('stay equal to a rebuild and to counting after inserts, moves, re-dating, category changes and deletes', async () => {
    // The cells follow the rollup queue (migration 021): apply it before reading them.
    const snapshot = async (): Promise<Snapshot> => {
      await flushRollups(t.db);
      return t.db.query(
        `SELECT day::text, level, cx, cy, category, cases FROM case_tile_day_bin WHERE cases <> 0
         ORDER BY 1, 2, 3, 4, 5`,
      );
    };
    const rebuilt = async (): Promise<Snapshot> =>
      t.db
        .transaction(async (tx) => {
          await tx.query('SELECT case_tile_day_bin_refresh()');
          const rows = await tx.query(
            `SELECT day::text, level, cx, cy, category, cases FROM case_tile_day_bin ORDER BY 1, 2, 3, 4, 5`,
          );
          throw Object.assign(new Error('rollback'), { rows });
        })
        .catch((e: { rows?: Snapshot }) => {
          if (!e.rows) throw e;
          return e.rows;
        });
    expect(await snapshot()).toEqual(await rebuilt());
    await t.db.query(
      `INSERT INTO cases (code, source, category, priority, status, geom, grid_code, grid_l2_code, grid_l1_code,
         reported_grid_code, reported_version_id, reported_at, due_at, updated_at)
       SELECT 'DAYBIN-' || id, source, category, priority, 'reported',
              ST_SetSRID(ST_MakePoint(ST_X(geom) + 0.0003 * (id % 7), ST_Y(geom) - 0.0002 * (id % 5)), 4326),
              grid_code, grid_l2_code, grid_l1_code, reported_grid_code, reported_version_id,
              reported_at + (id % 11) * interval '37 minutes', due_at + interval '1 day', updated_at
       FROM cases WHERE id % 61 = 3`,
    );
    await t.db.query(
      `UPDATE cases SET geom = ST_SetSRID(ST_MakePoint(ST_X(geom) + 0.004, ST_Y(geom)), 4326) WHERE id % 53 = 1`,
    );
    // Across local midnights both ways (due_at moves along: due_at > reported_at).
    await t.db.query(
      `UPDATE cases SET reported_at = reported_at + (id % 5 - 2) * interval '9 hours',
                        due_at = due_at + (id % 5 - 2) * interval '9 hours',
                        accepted_at = NULL, resolved_at = NULL, status = 'reported', satisfaction = NULL,
                        rejected_at = NULL, reject_reason = NULL
       WHERE id % 47 = 2`,
    );
    await t.db.query(`UPDATE cases SET category = 'traffic' WHERE id % 43 = 5 AND category <> 'traffic'`);
    await t.db.query(`UPDATE cases SET status = status WHERE id % 41 = 0`);
    // case_event is append-only, so only cases without events (the inserted ones) can go.
    await t.db.query(`DELETE FROM cases WHERE code LIKE 'DAYBIN-%' AND id % 3 <> 0`);
    expect(await snapshot()).toEqual(await rebuilt());
    await expectEqualToCounting(2);
  }, 300_000);
});
