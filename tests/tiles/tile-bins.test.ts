import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseAreaFilter } from '../../server/domain/hotspots/filter';
import { preBinLevel } from '../../server/queries/case-tile-cells';
import { flushRollups } from '../../server/queries/stats-rollups';
import { caseTileBinRows } from '../../server/queries/tiles';
import { testBackends } from '../support/backends';
import { openTestDb, type TestDb } from '../support/test-db';
import { tileAt } from './decode';

/** A filter that matches every case but makes the tile count the cases (no pre-aggregated cells). */
const COUNTING: CaseAreaFilter = { from: new Date('2000-01-01T00:00:00Z') };

type Snapshot = Record<string, unknown>[];

describe.each(testBackends())('pre-aggregated case tile bins (%s)', (backend) => {
  let t: TestDb;
  let centre: { lon: number; lat: number };
  beforeAll(async () => {
    t = await openTestDb(backend, 'demo');
    const [row] = await t.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM cases
       WHERE grid_code = (SELECT grid_code FROM cases GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1)
       ORDER BY id LIMIT 1`,
    );
    if (!row) throw new Error('demo data has no cases');
    centre = row;
  });
  afterAll(async () => {
    await t?.close();
  });

  const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
  // The cells follow the rollup queue (migration 021): apply it before reading them.
  const snapshot = async (): Promise<Snapshot> => {
    await flushRollups(t.db);
    return t.db.query(
      `SELECT level, cx, cy, category, cases FROM case_tile_bin WHERE cases <> 0 ORDER BY 1, 2, 3, 4`,
    );
  };
  const rebuilt = async (): Promise<Snapshot> =>
    t.db
      .transaction(async (tx) => {
        await tx.query('SELECT case_tile_bin_refresh()');
        const rows = await tx.query(
          `SELECT level, cx, cy, category, cases FROM case_tile_bin ORDER BY 1, 2, 3, 4`,
        );
        throw Object.assign(new Error('rollback'), { rows });
      })
      .catch((e: { rows?: Snapshot }) => {
        if (!e.rows) throw e;
        return e.rows;
      });

  it('serves z0–z15 bins from the cells, equal to counting the cases', async () => {
    for (const z of [4, 10, 11, 12, 13, 14, 15]) {
      const tile = tileAt(centre.lon, centre.lat, z);
      expect(preBinLevel(tile, {}), `z${z}`).not.toBeNull();
      expect(preBinLevel(tile, COUNTING)).toBeNull();
      const pre = await caseTileBinRows(t.db, tile, {});
      expect(pre.length, `z${z}`).toBeGreaterThan(0);
      expect(sorted(pre), `z${z}`).toEqual(sorted(await caseTileBinRows(t.db, tile, COUNTING)));
      const cat = { category: ['dispute', 'safety'] };
      expect(sorted(await caseTileBinRows(t.db, tile, cat)), `z${z} categories`).toEqual(
        sorted(await caseTileBinRows(t.db, tile, { ...COUNTING, ...cat })),
      );
    }
    expect(preBinLevel({ z: 15, x: 0, y: 0 }, {})).toBe(21);
    expect(preBinLevel({ z: 16, x: 0, y: 0 }, {})).toBeNull();
  });

  it('stay equal to a rebuild after inserts, moves, category changes and deletes', async () => {
    expect(await snapshot()).toEqual(await rebuilt());
    await t.db.query(
      `INSERT INTO cases (code, source, category, priority, status, geom, grid_code, grid_l2_code, grid_l1_code,
         reported_grid_code, reported_version_id, reported_at, due_at, updated_at)
       SELECT 'BIN-' || id, source, category, priority, 'reported',
              ST_SetSRID(ST_MakePoint(ST_X(geom) + 0.0003 * (id % 7), ST_Y(geom) - 0.0002 * (id % 5)), 4326),
              grid_code, grid_l2_code, grid_l1_code, reported_grid_code, reported_version_id, reported_at, due_at, updated_at
       FROM cases WHERE id % 97 = 3`,
    );
    await t.db.query(
      `UPDATE cases SET geom = ST_SetSRID(ST_MakePoint(ST_X(geom) + 0.01, ST_Y(geom)), 4326) WHERE id % 89 = 1`,
    );
    await t.db.query(`UPDATE cases SET category = 'traffic' WHERE id % 83 = 2 AND category <> 'traffic'`);
    await t.db.query(`UPDATE cases SET status = status WHERE id % 79 = 0`);
    await t.db.query(`DELETE FROM cases WHERE code LIKE 'BIN-%' AND id % 2 = 0`);
    expect(await snapshot()).toEqual(await rebuilt());
    const tile = tileAt(centre.lon, centre.lat, 12);
    expect(sorted(await caseTileBinRows(t.db, tile, {}))).toEqual(
      sorted(await caseTileBinRows(t.db, tile, COUNTING)),
    );
  }, 300_000);
});
