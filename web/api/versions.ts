import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import type { LonLat } from '../planner/geometry';
import type { GeometryUpdate } from '../planner/patch';
import { useApiClient } from './api-context';
import { ensureOk } from './api-error';
import type { ApiClient } from './client';
import { QUERY_KEYS } from './query-keys';

/** Boundary versions (网格版本) and the planner's edits on a draft, through the typed client. */
type Versions = ApiClient['versions'];
export type VersionListDto = InferResponseType<Versions['$get'], 200>;
export type BoundaryVersionDto = VersionListDto['versions'][number];
export type VersionGridsDto = InferResponseType<Versions[':id']['grids']['$get'], 200>;
export type ValidationReportDto = InferResponseType<Versions[':id']['issues']['$get'], 200>;
export type ValidationIssueDto = ValidationReportDto['issues'][number];
export type ImpactDto = InferResponseType<Versions[':id']['impact']['$get'], 200>;
export type ImpactRowDto = ImpactDto['grids'][number];
export type PublishResultDto = InferResponseType<Versions[':id']['publish']['$post'], 200>;

const idParam = (id: number) => ({ id: String(id) });

export function useVersions() {
  const client = useApiClient();
  return useQuery({
    queryKey: QUERY_KEYS.versions,
    queryFn: async () => {
      const res = await client.versions.$get();
      await ensureOk(res);
      return (await res.json()).versions;
    },
  });
}

/** Every grid of a version (all tiers), with the revision each edit must send back. */
export function useVersionGrids(id: number | null) {
  const client = useApiClient();
  return useQuery({
    queryKey: QUERY_KEYS.versionGrids(id ?? 0),
    enabled: id !== null,
    queryFn: async () => {
      const res = await client.versions[':id'].grids.$get({ param: idParam(id ?? 0), query: {} });
      await ensureOk(res);
      return res.json();
    },
  });
}

export function useVersionIssues(id: number | null) {
  const client = useApiClient();
  return useQuery({
    queryKey: QUERY_KEYS.versionIssues(id ?? 0),
    enabled: id !== null,
    queryFn: async () => {
      const res = await client.versions[':id'].issues.$get({ param: idParam(id ?? 0), query: {} });
      await ensureOk(res);
      return res.json();
    },
  });
}

export function useVersionImpact(id: number | null) {
  const client = useApiClient();
  return useQuery({
    queryKey: QUERY_KEYS.versionImpact(id ?? 0),
    enabled: id !== null,
    queryFn: async () => {
      const res = await client.versions[':id'].impact.$get({ param: idParam(id ?? 0) });
      await ensureOk(res);
      return res.json();
    },
  });
}

/** After an edit: the draft's grids, issues and impact are stale. */
function invalidateDraft(queryClient: QueryClient, id: number): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: QUERY_KEYS.versionGrids(id) }),
    queryClient.invalidateQueries({ queryKey: QUERY_KEYS.versionIssues(id) }),
    queryClient.invalidateQueries({ queryKey: QUERY_KEYS.versionImpact(id) }),
  ]);
}

export function useCreateDraft() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (name: string) => {
      const res = await client.versions.$post({ json: { name } });
      await ensureOk(res);
      return res.json();
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: QUERY_KEYS.versions }),
  });
}

export function useDeleteDraft() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) => {
      const res = await client.versions[':id'].$delete({ param: idParam(id) });
      await ensureOk(res);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: QUERY_KEYS.versions }),
  });
}

/** One atomic batch of outline writes (a shared-vertex move touches several grids). */
export function useUpdateGrids(id: number) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (updates: GeometryUpdate[]) => {
      const res = await client.versions[':id'].grids.$patch({ param: idParam(id), json: { updates } });
      await ensureOk(res);
      return res.json();
    },
    onSettled: () => invalidateDraft(queryClient, id),
  });
}

export function useSplitGrid(id: number) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (r: { code: string; revision: number; line: LonLat[] }) => {
      const res = await client.versions[':id'].grids[':code'].split.$post({
        param: { ...idParam(id), code: r.code },
        json: { revision: r.revision, line: { type: 'LineString', coordinates: r.line } },
      });
      await ensureOk(res);
      return res.json();
    },
    onSettled: () => invalidateDraft(queryClient, id),
  });
}

export function useMergeGrids(id: number) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  type Ref = { code: string; revision: number };
  return useMutation({
    mutationFn: async (grids: [Ref, Ref]) => {
      const res = await client.versions[':id'].grids.merge.$post({ param: idParam(id), json: { grids } });
      await ensureOk(res);
      return res.json();
    },
    onSettled: () => invalidateDraft(queryClient, id),
  });
}

/** Publishes the draft; the published grid tiers and the version list are refetched after. */
export function usePublishVersion() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) => {
      const res = await client.versions[':id'].publish.$post({ param: idParam(id) });
      await ensureOk(res);
      return res.json();
    },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: QUERY_KEYS.versions }),
        queryClient.invalidateQueries({ queryKey: ['grids'] }),
      ]),
  });
}
