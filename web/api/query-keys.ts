import type { GridLevel } from '../grids/grid-features';

/** Every react-query key in one place, so invalidation (later: on live events) finds them. */
export const QUERY_KEYS = {
  health: ['health'] as const,
  gridTier: (level: GridLevel) => ['grids', 'tier', level] as const,
  gridDetail: (code: string) => ['grids', 'detail', code] as const,
  versions: ['versions'] as const,
  versionGrids: (id: number) => ['versions', id, 'grids'] as const,
  versionIssues: (id: number) => ['versions', id, 'issues'] as const,
  versionImpact: (id: number) => ['versions', id, 'impact'] as const,
  /** Prefix of every stats query: invalidate it to refresh the big screen's figures. */
  stats: ['stats'] as const,
  statsOverview: (grid: string | null) => ['stats', 'overview', grid] as const,
  statsTier: (level: GridLevel) => ['stats', 'grids', level] as const,
  statsSeries: (bucket: 'day' | 'week') => ['stats', 'timeseries', bucket] as const,
  hotspotBins: (selection: string, bbox: string, binSizeMetres: number) =>
    ['hotspots', 'bins', selection, bbox, binSizeMetres] as const,
  hotspotClusters: (selection: string) => ['hotspots', 'clusters', selection] as const,
  caseList: (selection: string) => ['cases', 'list', selection] as const,
  caseDetail: (id: number) => ['cases', 'detail', id] as const,
  partyOverview: (grid: string | null) => ['party', 'overview', grid] as const,
  partyTier: (level: GridLevel) => ['party', 'grids', level] as const,
  partyPoints: ['party', 'points'] as const,
  partyTree: (code: string) => ['party', 'tree', code] as const,
  partyNeeds: (code: string) => ['party', 'needs', code] as const,
};
