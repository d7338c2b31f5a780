import { useQueries, useQuery } from '@tanstack/react-query';
import { GRID_LEVELS, type GridLevel, type GridTiers, toGridFeatures } from '../grids/grid-features';
import { useApiClient } from './api-context';
import { ensureOk } from './api-error';
import { QUERY_KEYS } from './query-keys';

const LEVEL_PARAM = { 1: '1', 2: '2', 3: '3' } as const satisfies Record<GridLevel, string>;

/** All three tiers of the published grids, each loading on its own. */
export function useGridTiers() {
  const client = useApiClient();
  return useQueries({
    queries: GRID_LEVELS.map((level) => ({
      queryKey: QUERY_KEYS.gridTier(level),
      queryFn: async () => {
        const res = await client.grids.$get({ query: { level: LEVEL_PARAM[level] } });
        await ensureOk(res);
        return toGridFeatures(await res.json());
      },
      staleTime: 5 * 60_000,
    })),
    combine: (results) => {
      const tiers: GridTiers = {};
      results.forEach((r, i) => {
        const level = GRID_LEVELS[i];
        if (level && r.data) tiers[level] = r.data;
      });
      return {
        tiers,
        isPending: results.some((r) => r.isPending),
        error: results.find((r) => r.error)?.error ?? null,
      };
    },
  });
}

/** One grid with its ancestors, children and staff; idle while `code` is null. */
export function useGridDetail(code: string | null) {
  const client = useApiClient();
  return useQuery({
    queryKey: QUERY_KEYS.gridDetail(code ?? ''),
    enabled: code !== null,
    queryFn: async () => {
      const res = await client.grids[':code'].$get({ param: { code: code ?? '' } });
      await ensureOk(res);
      return res.json();
    },
    staleTime: 60_000,
    retry: (count, error) => !('status' in error && error.status === 404) && count < 2,
  });
}
