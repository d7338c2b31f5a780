import { useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import type { GridLevel } from '../grids/grid-features';
import { useApiClient } from './api-context';
import { ensureOk } from './api-error';
import type { ApiClient } from './client';
import { QUERY_KEYS } from './query-keys';

export type OverviewDto = InferResponseType<ApiClient['stats']['overview']['$get'], 200>;
export type TierStatsDto = InferResponseType<ApiClient['stats']['grids']['$get'], 200>;
export type GridStatsDto = TierStatsDto['grids'][number];
export type SeriesDto = InferResponseType<ApiClient['stats']['timeseries']['$get'], 200>;
export type KpiTrendDto = OverviewDto['kpis'][keyof OverviewDto['kpis']];

/** How often a wall display refetches its figures when nothing else triggers it. */
export const STATS_REFETCH_INTERVAL_MS = 60_000;

const LEVEL_PARAM = { 1: '1', 2: '2', 3: '3' } as const satisfies Record<GridLevel, string>;

const wallQuery = {
  refetchInterval: STATS_REFETCH_INTERVAL_MS,
  // A wall display is never focused: keep refreshing in the background.
  refetchIntervalInBackground: true,
  staleTime: STATS_REFETCH_INTERVAL_MS / 2,
} as const;

/** KPI figures of the default window (the last 30 local days) with trends; `grid` null = the district. */
export function useStatsOverview(grid: string | null = null) {
  const client = useApiClient();
  return useQuery({
    ...wallQuery,
    queryKey: QUERY_KEYS.statsOverview(grid),
    queryFn: async () => {
      const res = await client.stats.overview.$get({ query: grid ? { grid } : {} });
      await ensureOk(res);
      return res.json();
    },
  });
}

/** The overview's figures per grid of one tier (choropleth and ranking). */
export function useTierStats(level: GridLevel) {
  const client = useApiClient();
  return useQuery({
    ...wallQuery,
    queryKey: QUERY_KEYS.statsTier(level),
    queryFn: async () => {
      const res = await client.stats.grids.$get({ query: { level: LEVEL_PARAM[level] } });
      await ensureOk(res);
      return res.json();
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
      return res.json();
    },
  });
}
