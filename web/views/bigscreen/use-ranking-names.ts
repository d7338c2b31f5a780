import { useQueries } from '@tanstack/react-query';
import { useApiClient } from '../../api/api-context';
import { ensureOk } from '../../api/api-error';
import { QUERY_KEYS } from '../../api/query-keys';
import type { GridIndex } from '../../grids/grid-index';
import type { RankedGrid } from './choropleth-metrics';

/** Names change with a boundary version only; the wall refetches its figures far more often. */
const NAME_STALE_MS = 10 * 60_000;

/**
 * The ranking's rows with their grid names. The per-grid stats come without names (at 50,000 grids
 * the names alone are ~1.5 MB of the answer); the few ranked grids take them from the loaded tiers or,
 * for a tier drawn from vector tiles, from one small grid request each (cached, shared with the
 * grid detail). The code stands in until a name arrives.
 */
export function useRankingNames(rows: readonly RankedGrid[], index: GridIndex): RankedGrid[] {
  const client = useApiClient();
  const missing = rows.map((r) => r.code).filter((code) => !index.has(code));
  const details = useQueries({
    queries: missing.map((code) => ({
      queryKey: QUERY_KEYS.gridDetail(code),
      staleTime: NAME_STALE_MS,
      queryFn: async () => {
        const res = await client.grids[':code'].$get({ param: { code } });
        await ensureOk(res);
        return res.json();
      },
    })),
  });
  const names = new Map(missing.map((code, i) => [code, details[i]?.data?.grid.name]));
  return rows.map((r) => ({ ...r, name: index.get(r.code)?.properties.name ?? names.get(r.code) ?? r.code }));
}
