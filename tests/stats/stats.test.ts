import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bucketRepresentativeSeconds,
  durationBucket,
  HISTOGRAM_RELATIVE_ERROR_BOUND,
  localDay,
  METRICS_TIME_ZONE,
} from '../../server/domain/metrics';
import { testBackends } from '../support/backends';
import type { createTestApp } from '../support/test-app';
import type { TestDb } from '../support/test-db';
import { FIXTURE_WINDOW, openStatsFixture } from './fixtures';

/** What the histogram reports for an exact duration (the fixture's values sit far from bucket edges). */
const approx = (seconds: number) => bucketRepresentativeSeconds(durationBucket(seconds));
const MIN = 60;
const HOUR = 3600;
const DAY = 86_400;
const WINDOW = `from=${FIXTURE_WINDOW.from}&to=${FIXTURE_WINDOW.to}`;

// biome-ignore lint/suspicious/noExplicitAny: responses are checked field by field against hand-computed values
type Json = Record<string, any>;

describe.each(testBackends())('stats API on the hand-computed fixture (%s)', (backend) => {
  let t: TestDb;
  let app: ReturnType<typeof createTestApp>;
  const get = async (path: string): Promise<Json> => {
    const res = await app.request(path);
    expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
    return (await res.json()) as Json;
  };

  beforeAll(async () => {
    ({ t, app } = await openStatsFixture(backend));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('overview of the district: counts, rates and durations of the 9 cases reported 11-01..11-20', async () => {
    const o = await get(`/api/stats/overview?${WINDOW}`);
    expect(o.window).toEqual({ ...FIXTURE_WINDOW, days: 20 });
    expect(o.previousWindow).toEqual({ from: '2026-10-12', to: '2026-10-31', days: 20 });
    expect(o.today).toBe('2026-11-20');
    expect(o.byStatus).toEqual({
      reported: 2, // A3, B1
      accepted: 0,
      dispatched: 1, // B2
      resolved: 2, // A2, A5
      visited: 2, // A1, A4
      archived: 1, // D2
      reopened: 0,
      rejected: 1, // D1
    });
    expect(o.byCategory).toEqual([
      { category: 'dispute', cases: 3 },
      { category: 'elderly', cases: 1 },
      { category: 'environment', cases: 1 },
      { category: 'facilities', cases: 1 },
      { category: 'policy', cases: 2 },
      { category: 'safety', cases: 1 },
    ]);
    expect(o.counts).toEqual({
      reported: 9,
      accepted: 6, // A1 A2 A4 A5 B2 D2
      acceptedInSla: 6,
      unacceptedPastDue: 1, // B1
      resolved: 5, // A1 A2 A4 A5 D2
      resolvedOnTime: 3, // A1 A5 D2 (A2 and A4 late)
      openPastDue: 2, // B1 B2 (B3 and E1 were reported before the window)
      rated: 3,
      satisfied: 2, // A1 (5), A4 (4); D2 (3) is not
      reopened: 1, // A4, twice
      rejected: 1,
    });
  });

  it('overview KPIs with trends against 10-12..10-31 (B3, D3)', async () => {
    const { kpis } = await get(`/api/stats/overview?${WINDOW}`);
    expect(kpis.casesToday).toMatchObject({ value: 1, previous: 1 }); // A3 at 00:30; A5 yesterday 09:00 < 10:00
    expect(kpis.casesInRange).toMatchObject({ value: 9, previous: 2, change: 7, changeRatio: 3.5 });
    expect(kpis.open).toMatchObject({ value: 5, previous: null }); // A3 B1 B2 B3 E1
    expect(kpis.overdue).toMatchObject({ value: 4, previous: null }); // all but A3
    expect(kpis.responseRate.value).toBeCloseTo(6 / 7);
    expect(kpis.responseRate).toMatchObject({ previous: 1, assessment: 'worse' });
    expect(kpis.resolutionRate.value).toBeCloseTo(5 / 7);
    expect(kpis.resolutionRate).toMatchObject({ previous: 0.5, assessment: 'better' });
    expect(kpis.onTimeRate.value).toBeCloseTo(3 / 7);
    expect(kpis.onTimeRate.previous).toBe(0.5);
    expect(kpis.satisfactionRate.value).toBeCloseTo(2 / 3);
    expect(kpis.satisfactionRate).toMatchObject({ previous: null, change: null });
    // Response: 120, 600, 1200, 1800, 1800, 7200 s → nearest rank 3 and 6.
    expect(kpis.medianResponseSeconds).toMatchObject({ value: approx(20 * MIN), previous: approx(5 * MIN) });
    expect(kpis.p90ResponseSeconds).toMatchObject({ value: approx(2 * HOUR), previous: approx(3 * HOUR) });
    // Resolution: 2 h, 8 h, 2 d, 60 h, 10 d → ranks 3 and 5; previous: D3 only, 3 d.
    expect(kpis.medianResolutionSeconds).toMatchObject({ value: approx(2 * DAY), previous: approx(3 * DAY) });
    expect(kpis.p90ResolutionSeconds.value).toBe(approx(10 * DAY));
    expect(Math.abs(kpis.medianResolutionSeconds.value - 2 * DAY) / (2 * DAY)).toBeLessThanOrEqual(
      HISTOGRAM_RELATIVE_ERROR_BOUND,
    );
  });

  it('overview of a grid where everything is overdue (C1-2) and of one with no cases (C2-1)', async () => {
    const overdue = await get(`/api/stats/overview?grid=C1-2&${WINDOW}`);
    expect(overdue.grid).toEqual({ code: 'C1-2', name: '甲社区第2网格', level: 3 });
    expect(overdue.kpis.open.value).toBe(3);
    expect(overdue.kpis.overdue.value).toBe(3);
    expect(overdue.kpis.responseRate.value).toBe(0.5); // B2 in SLA; B1 never accepted, past due
    expect(overdue.kpis.resolutionRate.value).toBe(0);
    expect(overdue.kpis.onTimeRate.value).toBe(0);
    expect(overdue.kpis.satisfactionRate.value).toBeNull();
    expect(overdue.kpis.medianResolutionSeconds.value).toBeNull();
    expect(overdue.kpis.medianResponseSeconds.value).toBe(approx(30 * MIN));
    expect(overdue.kpis.responseRate.previous).toBe(1); // B3 accepted in 5 min

    const empty = await get(`/api/stats/overview?grid=C2-1&${WINDOW}`);
    for (const kpi of Object.values(empty.kpis) as Json[]) {
      expect([0, null]).toContain(kpi.value);
    }
    expect(empty.byCategory).toEqual([]);
    expect(Object.values(empty.byStatus).every((n) => n === 0)).toBe(true);
  });

  it('a level-2 grid includes its descendants, and category narrows every figure', async () => {
    const c1 = await get(`/api/stats/overview?grid=C1&${WINDOW}`);
    expect(c1.kpis.casesInRange.value).toBe(7);
    expect(c1.kpis.open.value).toBe(4);
    expect(c1.kpis.overdue.value).toBe(3);
    expect(c1.kpis.responseRate.value).toBeCloseTo(5 / 6);
    expect(c1.kpis.resolutionRate.value).toBeCloseTo(4 / 6);

    const disputes = await get(`/api/stats/overview?category=dispute&${WINDOW}`);
    expect(disputes.kpis.casesInRange.value).toBe(3); // A1 A3 B1
    expect(disputes.kpis.open.value).toBe(2); // A3 B1
    expect(disputes.kpis.responseRate.value).toBe(0.5); // A1 / (A1 + B1)
  });

  it('defaults to the 30 days ending today', async () => {
    const o = await get('/api/stats/overview');
    expect(o.window).toEqual({ from: '2026-10-22', to: '2026-11-20', days: 30 });
    expect(o.kpis.casesInRange.value).toBe(9);
    expect(o.kpis.casesInRange.previous).toBe(2); // 09-22..10-21: D3 (10-15), B3 (10-20)
  });

  it('per grid of each tier, for choropleths and rankings', async () => {
    const l3 = await get(`/api/stats/grids?level=3&${WINDOW}`);
    expect(l3.grids.map((g: Json) => g.code)).toEqual(['C1-1', 'C1-2', 'C2-1', 'C2-2']);
    const [c11, c12, c21, c22] = l3.grids as [Json, Json, Json, Json];
    expect(c11).toMatchObject({
      parentCode: 'C1',
      households: 300,
      workers: 2,
      householdsPerWorker: 150,
      cases: 5,
      resolved: 4,
      open: 1,
      overdue: 0,
      overdueRate: 0,
      responseRate: 1,
      resolutionRate: 1,
      onTimeRate: 0.5,
      satisfactionRate: 1,
      medianResponseSeconds: approx(20 * MIN), // 600, 1200, 1800, 7200 → rank 2
      p90ResponseSeconds: approx(2 * HOUR),
      medianResolutionSeconds: approx(2 * DAY), // 8 h, 2 d, 60 h, 10 d → rank 2
      p90ResolutionSeconds: approx(10 * DAY),
    });
    expect(c11.casesPer1000Households).toBeCloseTo(5000 / 300);
    expect(c12).toMatchObject({
      cases: 2,
      open: 3,
      overdue: 3,
      overdueRate: 1,
      responseRate: 0.5,
      resolutionRate: 0,
    });
    expect(c12.casesPer1000Households).toBe(5);
    expect(c21).toMatchObject({
      cases: 0,
      casesPer1000Households: 0,
      workers: 0,
      householdsPerWorker: null,
      open: 0,
      overdueRate: null,
      responseRate: null,
      medianResponseSeconds: null,
    });
    expect(c22).toMatchObject({ cases: 2, open: 1, overdue: 1, responseRate: 1, resolutionRate: 1 });
    expect(c22.satisfactionRate).toBe(0);

    const l2 = await get(`/api/stats/grids?level=2&${WINDOW}`);
    expect(l2.grids).toHaveLength(2);
    expect(l2.grids[0]).toMatchObject({
      code: 'C1',
      households: 700,
      workers: 3,
      cases: 7,
      open: 4,
      overdue: 3,
    });
    expect(l2.grids[0].overdueRate).toBe(0.75);
    expect(l2.grids[0].casesPer1000Households).toBe(10);
    expect(l2.grids[1]).toMatchObject({ code: 'C2', households: 900, workers: 1, cases: 2, open: 1 });

    const l1 = await get(`/api/stats/grids?level=1&${WINDOW}`);
    expect(l1.grids).toEqual([
      expect.objectContaining({ code: 'S1', cases: 9, open: 5, overdue: 4, workers: 4 }),
    ]);
    expect(l1.grids[0].responseRate).toBeCloseTo(6 / 7);

    const inC2 = await get(`/api/stats/grids?level=3&grid=C2&${WINDOW}`);
    expect(inC2.grids.map((g: Json) => g.code)).toEqual(['C2-1', 'C2-2']);
  });

  it('timeseries by day and by ISO week, with gaps filled', async () => {
    const daily = await get(`/api/stats/timeseries?${WINDOW}&bucket=day`);
    expect(daily.points).toHaveLength(20);
    const byDay = Object.fromEntries(daily.points.map((p: Json) => [p.start, [p.reported, p.resolved]]));
    expect(byDay['2026-11-01']).toEqual([0, 0]);
    expect(byDay['2026-11-04']).toEqual([0, 1]); // A1 resolved
    expect(byDay['2026-11-17']).toEqual([1, 1]); // D2 reported and resolved
    expect(byDay['2026-11-19']).toEqual([1, 1]); // A5
    expect(byDay['2026-11-20']).toEqual([1, 0]); // A3 (16:30 UTC on the 19th)

    const weekly = await get(`/api/stats/timeseries?${WINDOW}&bucket=week`);
    expect(weekly.points.map((p: Json) => [p.start, p.end, p.days, p.reported, p.resolved])).toEqual([
      ['2026-11-01', '2026-11-01', 1, 0, 0],
      ['2026-11-02', '2026-11-08', 7, 3, 1], // A1 D1 A4; A1
      ['2026-11-09', '2026-11-15', 7, 2, 2], // A2 B2; A2 A4
      ['2026-11-16', '2026-11-20', 5, 4, 2], // D2 B1 A5 A3; D2 A5
    ]);
    expect(weekly.points.map((p: Json) => p.medianResponseSeconds)).toEqual([
      null,
      approx(10 * MIN), // 600, 1800
      approx(30 * MIN), // 1800, 7200
      approx(2 * MIN), // 120, 1200
    ]);
  });

  it('coverage of the district: tiling, staffing, service within 500 m (geography) and patrol', async () => {
    const c = await get('/api/stats/coverage');
    expect(c.territory.tiles).toBe(true);
    expect(c.territory.parents.map((p: Json) => [p.code, p.children])).toEqual([
      ['S1', 2],
      ['C1', 2],
      ['C2', 2],
    ]);
    for (const p of c.territory.parents as Json[]) {
      expect(p.gapSquareMetres).toBeLessThan(1);
      expect(p.overlapSquareMetres).toBe(0);
    }
    expect(c.staffing).toMatchObject({
      grids: 4,
      staffed: 3,
      staffedShare: 0.75,
      workers: 4,
      households: 1600,
      householdsPerWorker: 400,
      unstaffed: [{ code: 'C2-1', name: '乙村第1网格', households: 450 }],
    });
    expect(c.service).toMatchObject({
      radiusMetres: 500,
      buildings: 4,
      households: 800,
      householdsServed: 550, // 近楼 (~14 m) and 300米楼; not 远楼 or 700米楼
      facilities: 2,
    });
    expect(c.service.servedShare).toBeCloseTo(550 / 800);
    // 11-14..11-20: B1 (patrol, C1-2) and D2 (visit, C2-2); A2 (patrol, 11-10) is too old.
    expect(c.patrol).toMatchObject({ from: '2026-11-14', to: '2026-11-20', grids: 4, patrolled: 2 });
    expect(c.patrol.unpatrolled).toEqual(['C1-1', 'C2-1']);

    const wide = await get('/api/stats/coverage?radius=800');
    expect(wide.service.householdsServed).toBe(600);
  });

  it('coverage of one community', async () => {
    const c = await get('/api/stats/coverage?grid=C1');
    expect(c.territory.parents.map((p: Json) => p.code)).toEqual(['C1']);
    expect(c.staffing).toMatchObject({ grids: 2, staffed: 2, workers: 3, households: 700, unstaffed: [] });
    expect(c.service).toMatchObject({ buildings: 2, households: 300, householdsServed: 100 });
    expect(c.patrol).toMatchObject({ grids: 2, patrolled: 1, unpatrolled: ['C1-1'] });
    const leaf = await get('/api/stats/coverage?grid=C1-1');
    expect(leaf.territory).toMatchObject({ tiles: true, parents: [] });
  });

  it('answers bad requests with problem+json', async () => {
    const cases: [string, number, string][] = [
      ['/api/stats/overview?from=2026-11-02&to=2026-11-01', 400, 'invalid-window'],
      ['/api/stats/overview?from=2025-01-01&to=2026-11-01', 400, 'invalid-window'],
      ['/api/stats/overview?from=2026-13-01', 400, 'invalid-request'],
      ['/api/stats/overview?grid=NOPE', 404, 'grid-not-found'],
      ['/api/stats/overview?gird=C1', 400, 'invalid-request'],
      ['/api/stats/grids', 400, 'invalid-request'],
      ['/api/stats/grids?level=2&grid=C1-1', 400, 'invalid-level'],
      ['/api/stats/timeseries?bucket=month', 400, 'invalid-request'],
      ['/api/stats/coverage?radius=0', 400, 'invalid-request'],
    ];
    for (const [path, status, slug] of cases) {
      const res = await app.request(path);
      expect(res.status, path).toBe(status);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/problem\+json/);
      expect(((await res.json()) as Json).type, path).toMatch(new RegExp(`/${slug}$`));
    }
  });

  it('SQL mirrors the domain: time zone, local days and duration buckets', async () => {
    const [zone] = await t.db.query<{ zone: string }>('SELECT stats_time_zone() AS zone');
    expect(zone?.zone).toBe(METRICS_TIME_ZONE);
    const instants = ['2026-11-19T15:59:59Z', '2026-11-19T16:00:00Z', '2026-12-31T16:30:00Z'];
    const days = await t.db.query<{ day: string }>(
      `SELECT to_char(stats_local_day(i), 'YYYY-MM-DD') AS day FROM unnest($1::timestamptz[]) AS i`,
      [instants],
    );
    expect(days.map((d) => d.day)).toEqual(instants.map((i) => localDay(new Date(i))));
    const seconds = [0, 59, 61, 100, 599, 3000, 7000, 86_000, 900_000, 3e6, 3e7, 1e13];
    const buckets = await t.db.query<{ bucket: number }>(
      'SELECT stats_duration_bucket(s) AS bucket FROM unnest($1::float8[]) AS s',
      [seconds],
    );
    expect(buckets.map((b) => b.bucket)).toEqual(seconds.map(durationBucket));
  });
});
