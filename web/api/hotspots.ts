import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import type { Bbox } from '../map/MapView';
import type { SelectionQuery } from '../views/hotspots/case-selection';
import { useApiClient } from './api-context';
import { ensureOk } from './api-error';
import type { ApiClient } from './client';
import { QUERY_KEYS } from './query-keys';

export type HotspotBinsDto = InferResponseType<ApiClient['hotspots']['bins']['$get'], 200>;
export type HotspotBinFeature = HotspotBinsDto['features'][number];
export type HotspotClustersDto = InferResponseType<ApiClient['hotspots']['clusters']['$get'], 200>;
export type HotspotClusterFeature = HotspotClustersDto['features'][number];

/** Bin sizes the server offers (metres); see server/domain/hotspots/square-bins.ts. */
export type BinSizeMetres = 100 | 250 | 500 | 1000 | 2000;

/** Bins stay cached for a while: playing the time slider revisits the same windows. */
const HOTSPOT_STALE_MS = 5 * 60_000;

/**
 * Square bins with case counts and Gi* classes over `bbox` (the study area: the lattice and the
 * Gi* neighbourhood), for the cases of the selection. Keeps the previous answer while the next
 * window loads, so the map does not flash empty while playing.
 */
export function useHotspotBins(query: SelectionQuery, bbox: Bbox | null, binSizeMetres: BinSizeMetres) {
  const client = useApiClient();
  const bboxParam = bbox ? bbox.map((v) => v.toFixed(6)).join(',') : '';
  return useQuery({
    queryKey: QUERY_KEYS.hotspotBins(new URLSearchParams(query).toString(), bboxParam, binSizeMetres),
    enabled: bbox !== null,
    placeholderData: keepPreviousData,
    staleTime: HOTSPOT_STALE_MS,
    queryFn: async () => {
      const res = await client.hotspots.bins.$get({
        query: { ...query, bbox: bboxParam, binSize: String(binSizeMetres) },
      });
      await ensureOk(res);
      return res.json();
    },
  });
}

/**
 * The server refuses DBSCAN beyond this many cases (server/routes/hotspots.ts MAX_CLUSTER_CASES);
 * the view asks only when the selection's count is known to be within it.
 */
export const MAX_CLUSTER_CASES = 20_000;

/** DBSCAN clusters (hulls) of the selection's cases; idle while `enabled` is false. */
export function useHotspotClusters(query: SelectionQuery, enabled: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: QUERY_KEYS.hotspotClusters(new URLSearchParams(query).toString()),
    enabled,
    staleTime: HOTSPOT_STALE_MS,
    retry: false,
    queryFn: async () => {
      const res = await client.hotspots.clusters.$get({ query });
      await ensureOk(res);
      return res.json();
    },
  });
}
