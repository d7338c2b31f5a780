import { useCallback } from 'react';
import { useSearchParams } from 'wouter';
import type { GridLevel } from '../../grids/grid-features';
import { type ChoroplethMetric, DEFAULT_METRIC, isChoroplethMetric, parseTier } from './choropleth-metrics';
import { parseTourSeconds } from './tour';

/** The big screen's URL parameters: `?metric=overdueRate&tier=3&tour=30`. */
export const BIGSCREEN_PARAMS = { metric: 'metric', tier: 'tier', tour: 'tour' } as const;

export type BigscreenSettings = { metric: ChoroplethMetric; tier: GridLevel; tourSeconds: number };

export function parseBigscreenParams(params: URLSearchParams): BigscreenSettings {
  const metric = params.get(BIGSCREEN_PARAMS.metric);
  return {
    metric: isChoroplethMetric(metric) ? metric : DEFAULT_METRIC,
    tier: parseTier(params.get(BIGSCREEN_PARAMS.tier)),
    tourSeconds: parseTourSeconds(params.get(BIGSCREEN_PARAMS.tour)),
  };
}

/** The settings from the URL, and setters that write them back (so a wall PC can be set up by URL). */
export function useBigscreenParams() {
  const [params, setParams] = useSearchParams();
  const settings = parseBigscreenParams(params);
  const set = useCallback(
    (name: 'metric' | 'tier', value: string) =>
      setParams(
        (p) => {
          p.set(BIGSCREEN_PARAMS[name], value);
          return p;
        },
        { replace: true },
      ),
    [setParams],
  );
  const setMetric = useCallback((m: ChoroplethMetric) => set('metric', m), [set]);
  const setTier = useCallback((t: GridLevel) => set('tier', String(t)), [set]);
  return { ...settings, setMetric, setTier };
}
