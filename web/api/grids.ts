import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { GRID_LEVELS, type GridLevel, type GridTiers, toGridFeatures } from '../grids/grid-features';
import { tierUsesTiles } from '../map/layers/grid-tiles';
import { useApiClient } from './api-context';
import { ensureOk } from './api-error';
import { useHealth } from './health';
import { QUERY_KEYS } from './query-keys';

const LEVEL_PARAM = { 1: '1', 2: '2', 3: '3' } as const satisfies Record<GridLevel, string>;

/**
 * The tiers a map should draw from grid vector tiles (more grids than TILED_TIER_MIN_GRIDS, e.g. a
 * city's 50,000 level-3 grids); null until /api/health has told the counts.
 */
export function useTiledLevels(): ReadonlySet<GridLevel> | null {
  const health = useHealth();
  const grids = health.data?.counts.grids;
  return useMemo(() => {
    if (!grids) return null;
    const counts: Record<GridLevel, number> = { 1: grids.level1, 2: grids.level2, 3: grids.level3 };
    return new Set(GRID_LEVELS.filter((level) => tierUsesTiles(counts[level])));
  }, [grids]);
}

/**
 * All three tiers of the published grids as GeoJSON, each loading on its own. With `tiled` (from
 * useTiledLevels) the tiers drawn from tiles are not downloaded, and nothing loads until it is known.
 */
export function useGridTiers(tiled?: ReadonlySet<GridLevel> | null) {
  const client = useApiClient();
  return useQueries({
    queries: GRID_LEVELS.map((level) => ({
      enabled: tiled === undefined || (tiled !== null && !tiled.has(level)),
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
