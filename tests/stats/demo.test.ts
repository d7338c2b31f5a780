import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, HISTOGRAM_RELATIVE_ERROR_BOUND, localDay } from '../../server/domain/metrics';
import { refreshRollups } from '../../server/queries/stats-rollups';
import { testBackends } from '../support/backends';
import { TEST_NOW } from '../support/templates';
import { createTestApp } from '../support/test-app';
import { openTestDb, type TestDb } from '../support/test-db';
import { rollupSnapshot } from './fixtures';

// biome-ignore lint/suspicious/noExplicitAny: responses are checked field by field against hand-computed values
type Json = Record<string, any>;
type Exact = { disc: number | null; cont: number | null };

const TO = localDay(TEST_NOW);
const FROM = addDays(TO, -364);

const MEASURES = {
  response: { column: 'accepted_at', where: 'c.accepted_at IS NOT NULL' },
  resolution: { column: 'resolved_at', where: `c.status IN ('resolved', 'visited', 'archived')` },
} as const;

/** Exact percentiles straight from `cases` (the definition the histograms approximate). */
async function exactPercentile(
  t: TestDb,
  measure: keyof typeof MEASURES,
  q: number,
  gridCode: string | null,
): Promise<Exact> {
  const m = MEASURES[measure];
  const seconds = `extract(epoch FROM c.${m.column} - c.reported_at)`;
  const rows = await t.db.query<Exact>(
    `SELECT percentile_disc($1::float8) WITHIN GROUP (ORDER BY ${seconds}) AS disc,
            percentile_cont($1::float8) WITHIN GROUP (ORDER BY ${seconds}) AS cont
     FROM cases c LEFT JOIN stats_grid_lineage l ON l.code = c.grid_code
     WHERE ${m.where} AND stats_local_day(c.reported_at) BETWEEN $2::date AND $3::date
       AND ($4::text IS NULL OR $4 IN (l.l1_code, l.l2_code, l.l3_code))`,
    [q, FROM, TO, gridCode],
  );
  return rows[0] ?? { disc: null, cont: null };
}

/** Relative error, with the 30 s absolute bound of bucket 0 and 0.5 s for rounding to whole seconds. */
function withinBound(approx: number, exact: number): boolean {
  if (exact < 60) return Math.abs(approx - exact) <= 30;
  return Math.abs(approx - exact) / exact <= HISTOGRAM_RELATIVE_ERROR_BOUND + 0.5 / exact;
}

function percentileMs(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

describe.each(testBackends())('stats on the demo district (%s)', (backend) => {
  let t: TestDb;
  let app: ReturnType<typeof createTestApp>;
  const get = async (path: string) => (await (await app.request(path)).json()) as Json;

  beforeAll(async () => {
    t = await openTestDb(backend, 'demo');
    app = createTestApp(t, () => TEST_NOW);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('histogram medians and p90s stay within the documented bound of the exact percentiles', async () => {
    const level1 = (await get('/api/grids?level=1')).features.map((f: Json) => f.id as string);
    const scopes: (string | null)[] = [null, ...level1];
    let worstDisc = 0;
    let worstCont = 0;
    for (const grid of scopes) {
      const o = await get(`/api/stats/overview?from=${FROM}&to=${TO}${grid ? `&grid=${grid}` : ''}`);
      const figures = [
        ['response', 0.5, o.kpis.medianResponseSeconds.value],
        ['response', 0.9, o.kpis.p90ResponseSeconds.value],
        ['resolution', 0.5, o.kpis.medianResolutionSeconds.value],
        ['resolution', 0.9, o.kpis.p90ResolutionSeconds.value],
      ] as const;
      for (const [measure, q, approx] of figures) {
        const exact = await exactPercentile(t, measure, q, grid);
        expect(exact.disc, `${grid} ${measure} p${q * 100}`).not.toBeNull();
        expect(
          withinBound(approx, exact.disc as number),
          `${grid} ${measure} ${approx} vs ${exact.disc}`,
        ).toBe(true);
        worstDisc = Math.max(worstDisc, Math.abs(approx - (exact.disc as number)) / (exact.disc as number));
        worstCont = Math.max(worstCont, Math.abs(approx - (exact.cont as number)) / (exact.cont as number));
      }
    }
    // With thousands of cases per scope, nearest-rank and interpolated percentiles coincide within the bound too.
    expect(worstCont).toBeLessThanOrEqual(HISTOGRAM_RELATIVE_ERROR_BOUND);
    console.log(
      `[stats ${backend}] histogram percentiles vs exact over ${scopes.length} scopes: ` +
        `max relative error ${(worstDisc * 100).toFixed(2)} % (percentile_disc), ${(worstCont * 100).toFixed(2)} % (percentile_cont); bound ${(HISTOGRAM_RELATIVE_ERROR_BOUND * 100).toFixed(2)} %`,
    );
  });

  it('the rollups the demo loader left behind (via the triggers) equal a rebuild from cases', async () => {
    const [days] = (await rollupSnapshot(t.db)) as unknown[][];
    expect(days?.length).toBeGreaterThan(100);
    const incremental = await rollupSnapshot(t.db);
    await refreshRollups(t.db);
    expect(await rollupSnapshot(t.db)).toEqual(incremental);
    // A full rebuild over ~24k cases: ~30 s on an idle machine with PGlite, far more on a loaded one.
  }, 300_000);

  it('answers every endpoint fast (measured, reported)', async () => {
    const level1 = (await get('/api/grids?level=1')).features[0].id as string;
    const paths = [
      '/api/stats/overview',
      `/api/stats/overview?grid=${level1}`,
      `/api/stats/overview?from=${FROM}&to=${TO}`,
      '/api/stats/grids?level=3',
      `/api/stats/grids?level=3&from=${FROM}&to=${TO}`,
      '/api/stats/grids?level=1',
      '/api/stats/timeseries?bucket=day',
      `/api/stats/timeseries?from=${FROM}&to=${TO}&bucket=week`,
      '/api/stats/coverage',
    ];
    const report: string[] = [];
    for (const path of paths) {
      const samples: number[] = [];
      for (let i = 0; i < 12; i++) {
        const started = performance.now();
        const res = await app.request(path);
        await res.arrayBuffer();
        expect(res.status, path).toBe(200);
        if (i >= 2) samples.push(performance.now() - started); // the first two warm caches and plans
      }
      report.push(
        `${path.padEnd(60)} p50 ${percentileMs(samples, 0.5).toFixed(1)} ms  p95 ${percentileMs(samples, 0.95).toFixed(1)} ms`,
      );
    }
    console.log(`[stats ${backend}] endpoint latency on the demo data (app.request):\n${report.join('\n')}`);
  });
});
