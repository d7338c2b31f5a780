import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import type { SelectionQuery } from '../views/hotspots/case-selection';
import { useApiClient } from './api-context';
import { ensureOk } from './api-error';
import type { ApiClient } from './client';
import { QUERY_KEYS } from './query-keys';

export type CasePageDto = InferResponseType<ApiClient['cases']['$get'], 200>;
export type CaseListItem = CasePageDto['items'][number];
type CaseDetailBody = InferResponseType<ApiClient['cases'][':id']['$get'], 200>;
/** A case with its timeline, without the reporter: personal data never reaches a component. */
export type CaseDetail = Omit<CaseDetailBody, 'reporter'>;
export type CaseTimelineEvent = CaseDetail['timeline'][number];

/** Rows per request of the case list; the table asks for the next page as it nears the end. */
export const CASE_PAGE_SIZE = 100;

/** The selection's cases, newest first, page by page (keyset cursor from `/api/cases`). */
export function useCaseList(query: SelectionQuery, enabled: boolean) {
  const client = useApiClient();
  return useInfiniteQuery({
    queryKey: QUERY_KEYS.caseList(new URLSearchParams(query).toString()),
    enabled,
    initialPageParam: null as string | null,
    getNextPageParam: (last: CasePageDto) => last.nextCursor,
    queryFn: async ({ pageParam }) => {
      const res = await client.cases.$get({
        query: { ...query, limit: String(CASE_PAGE_SIZE), ...(pageParam ? { cursor: pageParam } : {}) },
      });
      await ensureOk(res);
      return res.json();
    },
  });
}

/** One case with its timeline; idle while `id` is null. */
export function useCaseDetail(id: number | null) {
  const client = useApiClient();
  return useQuery({
    queryKey: QUERY_KEYS.caseDetail(id ?? 0),
    enabled: id !== null,
    retry: (count, error) => !('status' in error && error.status === 404) && count < 2,
    queryFn: async (): Promise<CaseDetail> => {
      const res = await client.cases[':id'].$get({ param: { id: String(id ?? 0) } });
      await ensureOk(res);
      const { reporter: _reporter, ...rest } = await res.json();
      return rest;
    },
  });
}
