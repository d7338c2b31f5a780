import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketRepresentativeSeconds, durationBucket } from '../../server/domain/metrics';
import { flushRollups, refreshRollups } from '../../server/queries/stats-rollups';
import { testBackends } from '../support/backends';
import { createTilingFixture, type FixtureGrid, insertPublishedVersion } from '../support/fixtures';
import { createTestApp } from '../support/test-app';
import { openTestDb, type TestDb } from '../support/test-db';
import { FIXTURE_NOW, FIXTURE_WINDOW, openStatsFixture, rollupSnapshot } from './fixtures';

// biome-ignore lint/suspicious/noExplicitAny: responses are checked field by field against hand-computed values
type Json = Record<string, any>;
const WINDOW = `from=${FIXTURE_WINDOW.from}&to=${FIXTURE_WINDOW.to}`;

describe.each(testBackends())('rollups follow every change to cases (%s)', (backend) => {
  let t: TestDb;
  let app: ReturnType<typeof createTestApp>;
  const overview = async (query = '') =>
    (await (await app.request(`/api/stats/overview?${WINDOW}${query}`)).json()) as Json;

  beforeAll(async () => {
    ({ t, app } = await openStatsFixture(backend));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a transition (accept) moves the status count and adds a response time', async () => {
    await t.db.query(
      `UPDATE cases SET status = 'accepted', accepted_at = '2026-11-20T09:00:00+08:00', updated_at = now()
       WHERE code = 'A3'`,
    );
    const o = await overview();
    expect(o.byStatus).toMatchObject({ reported: 1, accepted: 1 });
    expect(o.counts).toMatchObject({ accepted: 7, acceptedInSla: 7 });
    // 120, 600, 1200, 1800, 1800, 7200, 30600 → rank 4 of 7.
    expect(o.kpis.medianResponseSeconds.value).toBe(bucketRepresentativeSeconds(durationBucket(1800)));
  });

  it('a reopen takes a case out of "resolved", and out of its resolution day', async () => {
    await t.db.query(
      `UPDATE cases SET status = 'reopened', resolved_at = NULL, reopen_count = reopen_count + 1, updated_at = now()
       WHERE code = 'A5'`,
    );
    const o = await overview();
    expect(o.byStatus).toMatchObject({ resolved: 1, reopened: 1 });
    expect(o.counts).toMatchObject({ resolved: 4, resolvedOnTime: 2, reopened: 2 });
    const series = (await (await app.request(`/api/stats/timeseries?${WINDOW}`)).json()) as Json;
    expect(series.points.find((p: Json) => p.start === '2026-11-19')).toMatchObject({
      reported: 1,
      resolved: 0,
    });
  });

  it('reassigning a case to another grid (as a boundary publish does) moves its figures', async () => {
    await t.db.query(`UPDATE cases SET grid_code = 'C2-1', grid_l2_code = 'C2' WHERE code = 'A1'`);
    const grids = (await (await app.request(`/api/stats/grids?level=3&${WINDOW}`)).json()) as Json;
    const cases = Object.fromEntries(grids.grids.map((g: Json) => [g.code, g.cases]));
    expect(cases).toEqual({ 'C1-1': 4, 'C1-2': 2, 'C2-1': 1, 'C2-2': 2 });
  });

  it('an update that changes nothing the metrics read writes nothing', async () => {
    const before = await rollupSnapshot(t.db);
    await t.db.query(`UPDATE cases SET description = 'edited', updated_at = now()`);
    expect(await rollupSnapshot(t.db)).toEqual(before);
  });

  it('bulk inserts, updates and deletes keep the rollups equal to a rebuild from cases', async () => {
    await t.db.query(
      `INSERT INTO cases (code, source, category, priority, status, geom, grid_code, grid_l2_code, grid_l1_code,
         reported_grid_code, reported_version_id, reported_at, due_at, accepted_at, resolved_at, updated_at)
       SELECT 'BULK-' || i, 'hotline', 'dispute', 'normal', CASE WHEN i % 3 = 0 THEN 'resolved' ELSE 'accepted' END,
         ST_SetSRID(ST_MakePoint(113.81, 27.61), 4326), 'C1-1', 'C1', 'S1', 'C1-1', v.id,
         timestamptz '2026-11-01T00:00:00+08:00' + i * interval '37 minutes',
         timestamptz '2026-11-08T00:00:00+08:00' + i * interval '37 minutes',
         timestamptz '2026-11-01T00:00:00+08:00' + i * interval '37 minutes' + (i % 97) * interval '1 minute',
         CASE WHEN i % 3 = 0 THEN timestamptz '2026-11-02T00:00:00+08:00' + i * interval '41 minutes' END,
         now()
       FROM generate_series(1, 500) AS i, (SELECT id FROM boundary_version WHERE status = 'published') v`,
    );
    await t.db.query(
      `UPDATE cases SET status = 'archived', archived_at = resolved_at + interval '1 day' WHERE code LIKE 'BULK-%' AND status = 'resolved'`,
    );
    await t.db.query(`UPDATE cases SET category = 'safety' WHERE code LIKE 'BULK-1%'`);
    await t.db.query(`DELETE FROM cases WHERE code LIKE 'BULK-2%'`);
    const incremental = await rollupSnapshot(t.db);
    await refreshRollups(t.db);
    expect(await rollupSnapshot(t.db)).toEqual(incremental);
  });

  it("rollup rows (migration 017) equal the cases' facts summed per community, street and district, per category and over all", async () => {
    await flushRollups(t.db);
    const args = `c.grid_code, c.category, c.source, c.status, c.reported_at, c.due_at, c.accepted_at,
                  c.resolved_at, c.satisfaction, c.reopen_count`;
    // The hierarchy through the published version (not the ancestry columns the rollups are keyed by).
    const fromCases = await t.db.query(
      `SELECT a.code AS grid_code, f.day::text AS day, x.category, sum(f.reported)::int AS reported,
              sum(f.accepted)::int AS accepted, sum(f.resolved_on_day)::int AS resolved
       FROM cases c CROSS JOIN LATERAL stats_case_day_facts(${args}) f
       JOIN stats_grid_lineage l ON l.code = c.grid_code
       CROSS JOIN LATERAL (VALUES (l.l2_code), (l.l1_code), ('*')) AS a(code)
       CROSS JOIN LATERAL (VALUES (f.day_category), ('*')) AS x(category)
       GROUP BY 1, 2, 3 HAVING sum(f.reported) + sum(f.accepted) + sum(f.resolved_on_day) > 0
       ORDER BY 1, 2, 3`,
    );
    const tier = await t.db.query(
      `SELECT grid_code, day::text AS day, category, reported, accepted, resolved_on_day AS resolved
       FROM stats_tier_day WHERE reported + accepted + resolved_on_day > 0 ORDER BY 1, 2, 3`,
    );
    expect(fromCases.length).toBeGreaterThan(0);
    expect(tier).toEqual(fromCases);
    const histogramFromCases = await t.db.query(
      `SELECT a.code AS grid_code, f.day::text AS day, x.category, f.measure, f.bucket, count(*)::int AS cases
       FROM cases c CROSS JOIN LATERAL stats_case_duration_facts(${args}) f
       JOIN stats_grid_lineage l ON l.code = c.grid_code
       CROSS JOIN LATERAL (VALUES (l.l1_code), ('*')) AS a(code)
       CROSS JOIN LATERAL (VALUES (f.duration_category), ('*')) AS x(category)
       GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
    );
    const histogram = await t.db.query(
      `SELECT grid_code, day::text AS day, category, measure, bucket, cases
       FROM stats_tier_day_duration WHERE cases <> 0 ORDER BY 1, 2, 3, 4, 5`,
    );
    expect(histogramFromCases.length).toBeGreaterThan(0);
    expect(histogram).toEqual(histogramFromCases);
    const hoursFromCases = await t.db.query(
      `SELECT a.code AS grid_code, x.category, date_trunc('hour', c.reported_at, 'UTC')::text AS hour,
              count(*)::int AS reported
       FROM cases c JOIN stats_grid_lineage l ON l.code = c.grid_code
       CROSS JOIN LATERAL (VALUES (l.l1_code), ('*')) AS a(code)
       CROSS JOIN LATERAL (VALUES (c.category), ('*')) AS x(category)
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    );
    const hours = await t.db.query(
      `SELECT grid_code, category, hour::text AS hour, reported FROM stats_tier_hour WHERE reported <> 0 ORDER BY 1, 2, 3`,
    );
    expect(hoursFromCases.length).toBeGreaterThan(0);
    expect(hours).toEqual(hoursFromCases);
    // A case whose ancestry a publish rewrites leaves its old street's tier rows for the new one's.
    const [before] = await t.db.query<{ s1: number; s2: number }>(
      `SELECT coalesce(sum(reported) FILTER (WHERE grid_code = 'S1'), 0)::int AS s1,
              coalesce(sum(reported) FILTER (WHERE grid_code = 'S2'), 0)::int AS s2
       FROM stats_tier_day WHERE category <> '*'`,
    );
    const moved = await t.db.query(
      `UPDATE cases SET grid_l2_code = 'C2', grid_l1_code = 'S2'
       WHERE id = (SELECT min(id) FROM cases WHERE grid_l1_code = 'S1') RETURNING id`,
    );
    expect(moved).toHaveLength(1);
    await flushRollups(t.db);
    const [after] = await t.db.query<{ s1: number; s2: number }>(
      `SELECT coalesce(sum(reported) FILTER (WHERE grid_code = 'S1'), 0)::int AS s1,
              coalesce(sum(reported) FILTER (WHERE grid_code = 'S2'), 0)::int AS s2
       FROM stats_tier_day WHERE category <> '*'`,
    );
    expect(after).toEqual({ s1: (before?.s1 ?? 0) - 1, s2: (before?.s2 ?? 0) + 1 });
  });
});

/** The tiling fixture with C1-1 pushed 0.01° north into C1-2 (overlap) and C2-2 stopping 0.01° short (gap). */
function createBrokenTiling(): FixtureGrid[] {
  return createTilingFixture().map((g) => {
    if (g.code === 'C1-1') return { ...g, box: [113.8, 27.6, 113.85, 27.66] };
    if (g.code === 'C2-2') return { ...g, box: [113.85, 27.65, 113.9, 27.69] };
    return g;
  });
}

describe.each(testBackends())('territory coverage finds gaps and overlaps (%s)', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(backend, 'empty');
    await insertPublishedVersion(t.db, createBrokenTiling());
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reports a 0.05° × 0.01° overlap in C1 and a gap of the same size in C2 (≈ 5.47 km² each)', async () => {
    const app = createTestApp(t, () => FIXTURE_NOW);
    const c = (await (await app.request('/api/stats/coverage')).json()) as Json;
    const byCode = Object.fromEntries(c.territory.parents.map((p: Json) => [p.code, p]));
    // 0.05° of longitude ≈ 4,933 m and 0.01° of latitude ≈ 1,108 m at 27.65° N.
    const strip = 4933 * 1108;
    expect(c.territory.tiles).toBe(false);
    expect(byCode.C1.overlapSquareMetres / strip).toBeCloseTo(1, 2);
    expect(byCode.C1.gapSquareMetres).toBeLessThan(1);
    expect(byCode.C1.tiles).toBe(false);
    expect(byCode.C2.gapSquareMetres / strip).toBeCloseTo(1, 2);
    expect(byCode.C2.overlapSquareMetres).toBe(0);
    expect(byCode.S1).toMatchObject({ tiles: true, children: 2 });
  });
});
