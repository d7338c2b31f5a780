/** The views (big screen, grid map, planner, hotspots), each at its own path; the map state rides in the query string (`?grid=`). */
export const VIEWS = ['bigscreen', 'grids', 'planner', 'hotspots'] as const;
export type ViewId = (typeof VIEWS)[number];

export const DEFAULT_VIEW: ViewId = 'bigscreen';

export function viewPath(view: ViewId): string {
  return `/${view}`;
}

/** Query-string keys of the URL view state. */
export const URL_PARAMS = { grid: 'grid', lang: 'lang', layer: 'layer' } as const;
