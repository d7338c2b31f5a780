/** The party-building overlay (党建引领): react-query hooks over /api/party through the typed client. */
import { useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import type { GridLevel } from '../grids/grid-features';
import { useApiClient } from './api-context';
import { ensureOk } from './api-error';
import type { ApiClient } from './client';
import { QUERY_KEYS } from './query-keys';
import { STATS_REFETCH_INTERVAL_MS } from './stats';

export type PartyOverviewDto = InferResponseType<ApiClient['party']['overview']['$get'], 200>;
export type PartyTierDto = InferResponseType<ApiClient['party']['grids']['$get'], 200>;
export type PartyGridDto = PartyTierDto['grids'][number];
export type PartyChecklistDto = NonNullable<PartyGridDto['checklist']>;
export type PartyPointsDto = InferResponseType<ApiClient['party']['points']['$get'], 200>;
export type PartyPointDto = PartyPointsDto['points'][number];
export type PartyTreeDto = InferResponseType<ApiClient['party']['tree']['$get'], 200>;
export type PartyUnitDto = PartyTreeDto['units'][number];
export type PartyNeedsDto = InferResponseType<ApiClient['party']['needs']['$get'], 200>;
export type PartyNeedDto = PartyNeedsDto['needs'][number];

const LEVEL_PARAM = { 1: '1', 2: '2', 3: '3' } as const satisfies Record<GridLevel, string>;
/** Organisation data changes by the day, not by the second. */
const ORGANISATION_STALE_MS = 5 * 60_000;

/** The district's (or a grid's) party figures as one group: the big screen's 党建引领 KPI group. */
export function usePartyOverview(grid: string | null = null) {
  const client = useApiClient();
  return useQuery({
    queryKey: QUERY_KEYS.partyOverview(grid),
    queryFn: async () => {
      const res = await client.party.overview.$get({ query: grid ? { grid } : {} });
      await ensureOk(res);
      return res.json();
    },
    refetchInterval: STATS_REFETCH_INTERVAL_MS,
    refetchIntervalInBackground: true,
    staleTime: STATS_REFETCH_INTERVAL_MS / 2,
  });
}

/** Party figures per grid of a tier; level 3 carries each grid's five-haves checklist. Idle when disabled. */
export function usePartyTier(level: GridLevel, enabled = true) {
  const client = useApiClient();
  return useQuery({
    queryKey: QUERY_KEYS.partyTier(level),
    enabled,
    queryFn: async () => {
      const res = await client.party.grids.$get({ query: { level: LEVEL_PARAM[level] } });
      await ensureOk(res);
      return res.json();
    },
    staleTime: ORGANISATION_STALE_MS,
  });
}

/** 党员中心户 and stations (红帆驿站/党建驿站/党群服务中心) of the district, as points. */
export function usePartyPoints(enabled = true) {
  const client = useApiClient();
  return useQuery({
    queryKey: QUERY_KEYS.partyPoints,
    enabled,
    queryFn: async () => {
      const res = await client.party.points.$get({ query: {} });
      await ensureOk(res);
      return res.json();
    },
    staleTime: ORGANISATION_STALE_MS,
  });
}

/** A grid's organisation units (nested) and the chain above them; idle while `code` is null. */
export function usePartyTree(code: string | null) {
  const client = useApiClient();
  return useQuery({
    queryKey: QUERY_KEYS.partyTree(code ?? ''),
    enabled: code !== null,
    queryFn: async () => {
      const res = await client.party.tree.$get({ query: { grid: code ?? '' } });
      await ensureOk(res);
      return res.json();
    },
    staleTime: ORGANISATION_STALE_MS,
  });
}

/** The needs (需求清单) reported in a grid with their claim status; idle while `code` is null. */
export function usePartyNeeds(code: string | null) {
  const client = useApiClient();
  return useQuery({
    queryKey: QUERY_KEYS.partyNeeds(code ?? ''),
    enabled: code !== null,
    queryFn: async () => {
      const res = await client.party.needs.$get({ query: { grid: code ?? '' } });
      await ensureOk(res);
      return res.json();
    },
    staleTime: 60_000,
  });
}
