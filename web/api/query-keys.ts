import type { GridLevel } from '../grids/grid-features';

/** Every react-query key in one place, so invalidation (later: on live events) finds them. */
export const QUERY_KEYS = {
  health: ['health'] as const,
  gridTier: (level: GridLevel) => ['grids', 'tier', level] as const,
  gridDetail: (code: string) => ['grids', 'detail', code] as const,
};
