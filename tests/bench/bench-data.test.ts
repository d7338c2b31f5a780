import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CASE_COLUMNS,
  caseBatches,
  EVENT_ID_STRIDE,
  ewkbPoint,
  sampleCaseLog,
  splitDays,
} from '../../scripts/bench/cases';
import { buildCity, latticeSize, ringToEwkt } from '../../scripts/bench/city';
import { chooseVertices } from '../../scripts/bench/publish';
import { recordFromEvents } from '../../scripts/demo/case-record';
import { testBackends } from '../support/backends';
import { openTestDb, type TestDb } from '../support/test-db';

/**
 * The benchmark's synthetic city (scripts/bench): exact tiling checked in PostGIS on both backends,
 * case logs that agree with the demo's record rules, and streaming COPY text that is well formed.
 */
const NOW = new Date('2026-11-22T02:00:00Z');

describe('bench city (pure)', () => {
  it('has the requested number of level-3 grids nested in levels 2 and 1', () => {
    expect(latticeSize(50_000)).toEqual({ cols: 250, rows: 200 });
    const city = buildCity(1_000, 8);
    const level = (n: number) => city.grids.filter((g) => g.level === n);
    expect(level(3)).toHaveLength(1_000);
    expect(level(1)).toHaveLength(16);
    expect(new Set(city.grids.map((g) => g.code)).size).toBe(city.grids.length);
    const codes = new Set(city.grids.map((g) => g.code));
    for (const g of city.grids) if (g.parentCode) expect(codes.has(g.parentCode)).toBe(true);
    // Parents sum their children.
    for (const p of level(2)) {
      const kids = level(3).filter((g) => g.parentCode === p.code);
      expect(p.households).toBe(kids.reduce((s, g) => s + g.households, 0));
    }
  });

  it('picks disjoint interior vertices, four grids each', () => {
    const moves = chooseVertices(buildCity(1_000, 8), 200);
    const cells = moves.flatMap((m) => m.cells);
    expect(cells).toHaveLength(200);
    expect(new Set(cells).size).toBe(200);
  });

  it('derives stored case fields exactly as the demo does from the same events', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const { events, fields } = sampleCaseLog(seed, NOW);
      const demo = recordFromEvents(events);
      const ms = (d: Date | null) => (d ? Math.floor(d.getTime() / 1000) : null);
      const sec = (v: number | null) => (v === null ? null : Math.floor(v / 1000));
      expect({
        status: fields.status,
        departmentCode: fields.departmentCode,
        satisfaction: fields.satisfaction,
        acceptedAt: sec(fields.acceptedAt),
        resolvedAt: sec(fields.resolvedAt),
        visitedAt: sec(fields.visitedAt),
        rejectedAt: sec(fields.rejectedAt),
        escalationCount: fields.escalationCount,
        reopenCount: fields.reopenCount,
      }).toEqual({
        status: demo.status,
        departmentCode: demo.departmentCode,
        satisfaction: demo.satisfaction,
        acceptedAt: ms(demo.acceptedAt),
        resolvedAt: ms(demo.resolvedAt),
        visitedAt: ms(demo.visitedAt),
        rejectedAt: ms(demo.rejectedAt),
        escalationCount: demo.escalationCount,
        reopenCount: demo.reopenCount,
      });
    }
  });

  it('streams well-formed COPY rows, the same whatever the day split', () => {
    const city = buildCity(1_000, 8);
    const opts = { cases: 3_000, seed: 8, now: NOW, versionId: 1 };
    const whole = [...caseBatches(city, opts)];
    const [first, second] = splitDays(3_000, NOW, 2) as [[number, number], [number, number]];
    expect(first[0]).toBe(0);
    expect(second[1]).toBe(365);
    expect(first[1]).toBe(second[0]);
    const split = [
      ...caseBatches(city, { ...opts, days: first }),
      ...caseBatches(city, { ...opts, days: second }),
    ];
    expect(split.map((b) => b.cases).join('')).toBe(whole.map((b) => b.cases).join(''));
    const rows = whole.flatMap((b) => b.cases.split('\n').filter(Boolean));
    expect(rows).toHaveLength(3_000);
    const columns = CASE_COLUMNS.split(', ').length;
    for (const row of rows) expect(row.split('\t')).toHaveLength(columns);
    const ids = rows.map((r) => Number(r.split('\t')[0]));
    expect(ids).toEqual(ids.map((_, i) => i + 1));
    const events = whole.flatMap((b) => b.events.split('\n').filter(Boolean)).map((r) => r.split('\t'));
    for (const e of events) expect(Number(e[0])).toBe(Number(e[1]) * EVENT_ID_STRIDE + Number(e[2]));
    expect(ewkbPoint(1, 2)).toBe('0101000020E6100000000000000000f03f0000000000000040');
  });
});

describe.each(testBackends())('bench city in PostGIS on %s', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(backend, 'empty');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('has valid polygons that tile their parents exactly', async () => {
    const city = buildCity(120, 3);
    const values = city.grids.map((g) => [g.code, g.parentCode ?? '', g.level, ringToEwkt(g.ring)]);
    const [row] = await t.db.query<{ invalid: number; overlap: number; gap: number; outside: number }>(
      `WITH g AS (
         SELECT v->>0 AS code, v->>1 AS parent, (v->>2)::int AS level, ST_GeomFromEWKT(v->>3) AS geom
         FROM jsonb_array_elements($1::jsonb) v
       )
       SELECT
         (SELECT count(*) FROM g WHERE NOT ST_IsValid(geom))::int AS invalid,
         (SELECT coalesce(sum(ST_Area(ST_Intersection(a.geom, b.geom)::geography)), 0)
            FROM g a JOIN g b ON a.level = b.level AND a.code < b.code AND ST_Intersects(a.geom, b.geom))::float8 AS overlap,
         (SELECT coalesce(max(ST_Area(ST_Difference(p.geom, (SELECT ST_Union(c.geom) FROM g c WHERE c.parent = p.code), 1e-9)::geography)), 0)
            FROM g p WHERE p.level < 3)::float8 AS gap,
         (SELECT coalesce(max(ST_Area(ST_Difference(c.geom, p.geom, 1e-9)::geography)), 0)
            FROM g c JOIN g p ON p.code = c.parent)::float8 AS outside`,
      [JSON.stringify(values)],
    );
    expect(row?.invalid).toBe(0);
    expect(row?.overlap).toBeLessThan(1);
    expect(row?.gap).toBeLessThan(1);
    expect(row?.outside).toBeLessThan(1);
  });
});
