/**
 * The loader on both backends, checked with PostGIS: tiling of the three grid levels, points in their
 * grids, staffing, and case logs that replay to each case's status. PostgreSQL runs when
 * TEST_DATABASE_URL is set (a fresh database is created on that server and dropped afterwards).
 */

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDistrict } from '../../scripts/demo/district-data';
import { type DemoSummary, isDatabaseEmpty, loadDemoData } from '../../scripts/demo/load';
import type { Db } from '../../server/db/db';
import { openDatabase } from '../../server/db/open';
import { type CaseAction, type CaseStatus, replay } from '../../server/domain/case-workflow';

const NOW = new Date('2026-03-01T02:00:00Z');
const SEED = 20260301;
/** Tolerance of the tiling checks, in square metres. */
const AREA_TOLERANCE_M2 = 1;
/** The grid size (degrees) of the overlay functions: plain ST_Difference leaves phantom slivers. */
const GRID_SIZE = 1e-9;

type Backend = { name: string; open: () => Promise<{ db: Db; cleanup: () => Promise<void> }> };

async function openPostgresScratch(baseUrl: string) {
  const name = `gs_demo_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const { db } = await openDatabase({ databaseUrl: url.toString(), dataDir: undefined });
  return {
    db,
    cleanup: async () => {
      await db.close();
      const again = new pg.Client({ connectionString: baseUrl });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

const BACKENDS: Backend[] = [
  {
    name: 'pglite',
    open: async () => {
      const { db } = await openDatabase({ databaseUrl: undefined, dataDir: undefined });
      return { db, cleanup: () => db.close() };
    },
  },
];
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
if (TEST_DATABASE_URL)
  BACKENDS.push({ name: 'postgres', open: () => openPostgresScratch(TEST_DATABASE_URL) });

async function one<T>(db: Db, sql: string, params: (string | number)[] = []): Promise<T> {
  const rows = await db.query(sql, params);
  return Object.values(rows[0] ?? {})[0] as T;
}

describe.each(BACKENDS)('demo data loaded into $name', (backend) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let summary: DemoSummary;

  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    expect(await isDatabaseEmpty(db)).toBe(true);
    summary = await loadDemoData(db, { seed: SEED, now: NOW });
    console.log(
      `[demo] ${backend.name}: generated in ${summary.generateMs} ms, loaded in ${summary.loadMs} ms ` +
        `(${summary.cases} cases, ${summary.caseEvents} events)`,
    );
  });
  afterAll(async () => {
    await cleanup?.();
  });

  it('is no longer empty and has one published version', async () => {
    expect(await isDatabaseEmpty(db)).toBe(false);
    expect(await one(db, `SELECT count(*) FROM boundary_version WHERE status = 'published'`)).toBe(1);
  });

  it('has 5 / 29 (14 communities + 15 villages) / 138 valid MultiPolygon grids', async () => {
    const rows = await db.query<{ level: number; kind: string; n: number }>(
      'SELECT level, kind, count(*) AS n FROM grid GROUP BY level, kind ORDER BY level, kind',
    );
    const count = (level: number, kind?: string) =>
      rows.filter((r) => r.level === level && (!kind || r.kind === kind)).reduce((s, r) => s + r.n, 0);
    expect([count(1), count(2), count(3)]).toEqual([5, 29, 138]);
    expect([count(2, 'community'), count(2, 'village')]).toEqual([14, 15]);
    expect(
      await one(
        db,
        `SELECT count(*) FROM grid WHERE NOT ST_IsValid(geom) OR GeometryType(geom) <> 'MULTIPOLYGON'`,
      ),
    ).toBe(0);
  });

  it('keeps every child inside its parent', async () => {
    const outside = await one<number>(
      db,
      `SELECT coalesce(max(ST_Area(ST_Difference(c.geom, p.geom, $1::float8)::geography)), 0)
       FROM grid c JOIN grid p ON p.version_id = c.version_id AND p.code = c.parent_code`,
      [GRID_SIZE],
    );
    expect(outside).toBeLessThan(AREA_TOLERANCE_M2);
  });

  it('has no sibling overlaps above 1 m²', async () => {
    const overlap = await one<number>(
      db,
      `SELECT coalesce(max(ST_Area(ST_Intersection(a.geom, b.geom, $1::float8)::geography)), 0)
       FROM grid a JOIN grid b ON a.version_id = b.version_id AND a.level = b.level AND a.code < b.code
       WHERE ST_Intersects(a.geom, b.geom)`,
      [GRID_SIZE],
    );
    expect(overlap).toBeLessThan(AREA_TOLERANCE_M2);
  });

  it('leaves no gap above 1 m² between a parent and the union of its children', async () => {
    const gap = await one<number>(
      db,
      `WITH children AS (
         SELECT version_id, parent_code, ST_Union(geom, $1::float8) AS geom FROM grid
         WHERE parent_code IS NOT NULL GROUP BY version_id, parent_code
       )
       SELECT max(ST_Area(ST_Difference(p.geom, c.geom, $1::float8)::geography))
       FROM grid p JOIN children c ON c.version_id = p.version_id AND c.parent_code = p.code`,
      [GRID_SIZE],
    );
    expect(gap).toBeLessThan(AREA_TOLERANCE_M2);
  });

  it('covers exactly the district outline with the level-1 grids', async () => {
    const diff = await one<number>(
      db,
      `SELECT ST_Area(ST_SymDifference(ST_Union(geom, $2::float8), ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), $2::float8)::geography)
       FROM grid WHERE level = 1`,
      [JSON.stringify(readDistrict().outline), GRID_SIZE],
    );
    expect(diff).toBeLessThan(AREA_TOLERANCE_M2);
  });

  it('staffs every level-3 grid (≥ 163 grid workers)', async () => {
    expect(await one(db, `SELECT count(*) FROM staff WHERE role = 'grid_worker'`)).toBeGreaterThanOrEqual(
      163,
    );
    expect(
      await one(
        db,
        `SELECT count(*) FROM grid g WHERE g.level = 3
         AND NOT EXISTS (SELECT 1 FROM staff s WHERE s.grid_code = g.code AND s.role = 'grid_worker')`,
      ),
    ).toBe(0);
  });

  it('puts every case, building and facility inside the level-3 grid it names', async () => {
    expect(await one(db, 'SELECT count(*) FROM cases')).toBeGreaterThanOrEqual(20_000);
    const misplacedCases = await one(
      db,
      `SELECT count(*) FROM cases c
       LEFT JOIN grid g3 ON g3.code = c.grid_code AND g3.level = 3
       LEFT JOIN grid g2 ON g2.code = g3.parent_code
       WHERE g3.code IS NULL OR NOT ST_Covers(g3.geom, c.geom) OR g2.code <> c.grid_l2_code
          OR g2.parent_code <> c.grid_l1_code OR c.reported_grid_code <> c.grid_code`,
    );
    expect(misplacedCases).toBe(0);
    for (const table of ['building', 'facility'] as const) {
      const sql =
        table === 'building'
          ? `SELECT count(*) FROM building x LEFT JOIN grid g ON g.code = x.grid_code AND g.level = 3
             WHERE g.code IS NULL OR NOT ST_Covers(g.geom, x.geom)`
          : `SELECT count(*) FROM facility x LEFT JOIN grid g ON g.code = x.grid_code AND g.level = 3
             WHERE g.code IS NULL OR NOT ST_Covers(g.geom, x.geom)`;
      expect(await one(db, sql)).toBe(0);
    }
  });

  it('stores event logs that replay to each case status, times never going backwards', async () => {
    const rows = await db.query<{
      status: CaseStatus;
      actions: string[];
      ordered: boolean;
      seqs_ok: boolean;
    }>(
      `SELECT c.status,
              array_agg(e.action ORDER BY e.seq) AS actions,
              bool_and(e.at >= coalesce(prev_at, e.at)) AS ordered,
              max(e.seq) = count(*) AS seqs_ok
       FROM cases c
       JOIN (SELECT case_id, seq, action, at, lag(at) OVER (PARTITION BY case_id ORDER BY seq) AS prev_at
             FROM case_event) e ON e.case_id = c.id
       GROUP BY c.id, c.status`,
    );
    expect(rows.length).toBe(summary.cases);
    const bad = rows.filter(
      (r) =>
        r.actions[0] !== 'report' ||
        replay(r.actions.slice(1) as CaseAction[]) !== r.status ||
        !r.ordered ||
        !r.seqs_ok,
    );
    expect(bad.length).toBe(0);
  });

  it('reproduces seed 003 over the twelve months: 411 appeals, 409 resolved, 334 mediations', async () => {
    const resolved = `status IN ('resolved', 'visited', 'archived')`;
    expect(await one(db, `SELECT count(*) FROM cases WHERE source = 'visit'`)).toBe(411);
    expect(await one(db, `SELECT count(*) FROM cases WHERE source = 'visit' AND ${resolved}`)).toBe(409);
    expect(
      await one(
        db,
        `SELECT count(*) FROM cases WHERE category = 'dispute' AND source IN ('patrol', 'visit') AND ${resolved}`,
      ),
    ).toBe(334);
  });
});
