import { useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import type { GridLevel } from '../grids/grid-features';
import { useApiClient } from './api-context';
import { ApiError, ensureOk } from './api-error';
import type { ApiClient } from './client';
import { QUERY_KEYS } from './query-keys';

export type OverviewDto = InferResponseType<ApiClient['stats']['overview']['$get'], 200>;
type GridsAnswerDto = InferResponseType<ApiClient['stats']['grids']['$get'], 200>;
/** The full per-grid answer (no `fields=`): every figure of every grid. */
export type TierStatsDto = Extract<GridsAnswerDto, { grids: unknown }>;
export type GridStatsDto = TierStatsDto['grids'][number];
/** The compact answer (`fields=`): `codes` plus one array per requested figure. */
export type TierColumnsDto = Extract<GridsAnswerDto, { codes: unknown }>;
/** A per-grid figure the compact answer can carry (the server's allow-list). */
export type GridStatsField = Exclude<keyof GridStatsDto, 'code'>;
/** One grid of a compact answer: its code and the figures that were asked for. */
export type GridFiguresDto = Pick<GridStatsDto, 'code'> & Partial<Omit<GridStatsDto, 'code'>>;
export type SeriesDto = InferResponseType<ApiClient['stats']['timeseries']['$get'], 200>;
export type KpiTrendDto = OverviewDto['kpis'][keyof OverviewDto['kpis']];

/** How often a wall display refetches its figures when nothing else triggers it. */
export const STATS_REFETCH_INTERVAL_MS = 60_000;

/**
 * The grids of a compact answer as rows (cheap next to downloading them as rows: 50,000 grids
 * are ~22 MB of JSON with every figure, a few hundred kB with the one a choropleth shows).
 */
export function gridFigureRows(answer: TierColumnsDto, fields: readonly GridStatsField[]): GridFiguresDto[] {
  const columns = fields.map((f) => [f, answer[f] as readonly unknown[] | undefined] as const);
  return answer.codes.map((code, i) => {
    const row: Record<string, unknown> = { code };
    for (const [f, values] of columns) row[f] = values?.[i] ?? null;
    return row as GridFiguresDto;
  });
}

const LEVEL_PARAM = { 1: '1', 2: '2', 3: '3' } as const satisfies Record<GridLevel, string>;

const wallQuery = {
  refetchInterval: STATS_REFETCH_INTERVAL_MS,
  // A wall display is never focused: keep refreshing in the background.
  refetchIntervalInBackground: true,
  staleTime: STATS_REFETCH_INTERVAL_MS / 2,
} as const;

/**
 * Stats answers carry an ETag; the browser revalidates them itself and hands a 304 to scripts as the
 * cached 200, so a bare 304 only reaches here when someone sent If-None-Match by hand.
 */
function notModifiedByHand(status: number): ApiError {
  return new ApiError(status, `expected 200, got ${status}`);
}

/** KPI figures of the default window (the last 30 local days) with trends; `grid` null = the district. */
export function useStatsOverview(grid: string | null = null) {
  const client = useApiClient();
  return useQuery({
    ...wallQuery,
    queryKey: QUERY_KEYS.statsOverview(grid),
    queryFn: async () => {
      const res = await client.stats.overview.$get({ query: grid ? { grid } : {} });
      await ensureOk(res);
      if (res.status !== 200) throw notModifiedByHand(res.status);
      return res.json();
    },
  });
}

/**
 * The figures `fields` of every grid of one tier (choropleth and ranking), fetched in the compact
 * form: a screen asks only for what it shows.
 */
export function useTierStats(level: GridLevel, fields: readonly GridStatsField[]) {
  const client = useApiClient();
  return useQuery({
    ...wallQuery,
    queryKey: [...QUERY_KEYS.statsTier(level), fields.join(',')],
    queryFn: async () => {
      const res = await client.stats.grids.$get({
        query: { level: LEVEL_PARAM[level], fields: fields.join(',') },
      });
      await ensureOk(res);
      if (res.status !== 200) throw notModifiedByHand(res.status);
      const answer = await res.json();
      if (!('codes' in answer)) throw new Error('expected the compact per-grid answer');
      return { ...answer, grids: gridFigureRows(answer, fields) };
    },
  });
}

/** Reported and resolved cases per bucket over the default window, for the trend chart. */
export function useStatsSeries(bucket: 'day' | 'week' = 'day') {
  const client = useApiClient();
  return useQuery({
    ...wallQuery,
    queryKey: QUERY_KEYS.statsSeries(bucket),
    queryFn: async () => {
      const res = await client.stats.timeseries.$get({ query: { bucket } });
      await ensureOk(res);
      if (res.status !== 200) throw notModifiedByHand(res.status);
      return res.json();
    },
  });
}
