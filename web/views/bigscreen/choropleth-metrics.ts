import type { GridFiguresDto, GridStatsField } from '../../api/stats';
import type { GridLevel } from '../../grids/grid-features';
import { type ClassedScale, createClassedScale } from '../../theme/ramp';
import { BIGSCREEN_THEME, type BigscreenRamp } from '../../theme/theme';
import type { KpiKind } from './kpi-format';

export const CHOROPLETH_METRICS = ['responseTime', 'overdueRate', 'caseDensity', 'coverage'] as const;
export type ChoroplethMetric = (typeof CHOROPLETH_METRICS)[number];

export type MetricDefinition = {
  /** The grid's value; null when it cannot be known (no cases, no households, no workers). */
  value: (grid: GridFiguresDto) => number | null;
  /** The per-grid figures `value` reads: all the big screen downloads for this metric. */
  fields: readonly GridStatsField[];
  kind: KpiKind | 'density';
  ramp: BigscreenRamp;
  /** Fixed class breaks, for shares whose quantiles collapse (most grids at 0 %); else quantiles. */
  breaks?: readonly number[];
};

/**
 * What each choropleth shows. For every one of them a higher value is worse, so "worst first" is
 * "highest first" and the brightest grids are the ones that hurt.
 * Coverage is the staffing side of coverage per grid: households per grid worker (a grid with no
 * worker is unknown here; the coverage API lists it as unstaffed).
 */
export const METRIC_DEFINITIONS: Record<ChoroplethMetric, MetricDefinition> = {
  responseTime: {
    value: (g) => g.medianResponseSeconds ?? null,
    fields: ['medianResponseSeconds'],
    kind: 'duration',
    ramp: 'viridis',
  },
  // Nothing open means nothing overdue: 0 %, not unknown.
  overdueRate: {
    value: (g) => g.overdueRate ?? (g.open === 0 ? 0 : null),
    fields: ['overdueRate', 'open'],
    kind: 'rate',
    ramp: 'viridis',
    breaks: [0.05, 0.15, 0.3, 0.5],
  },
  caseDensity: {
    value: (g) => g.casesPer1000Households ?? null,
    fields: ['casesPer1000Households'],
    kind: 'density',
    ramp: 'cividis',
  },
  coverage: {
    value: (g) => g.householdsPerWorker ?? null,
    fields: ['householdsPerWorker'],
    kind: 'density',
    ramp: 'cividis',
  },
};

/** What the big screen asks per grid while showing `metric` (names come per ranked grid: use-ranking-names.ts). */
export function metricFields(metric: ChoroplethMetric): readonly GridStatsField[] {
  return METRIC_DEFINITIONS[metric].fields;
}

export const DEFAULT_METRIC: ChoroplethMetric = 'overdueRate';
export const DEFAULT_TIER: GridLevel = 3;

export function isChoroplethMetric(value: unknown): value is ChoroplethMetric {
  return typeof value === 'string' && (CHOROPLETH_METRICS as readonly string[]).includes(value);
}

export function parseTier(value: string | null): GridLevel {
  return value === '1' || value === '2' || value === '3' ? (Number(value) as GridLevel) : DEFAULT_TIER;
}

/** Metric value per grid code (null = unknown). */
export function metricValues(
  grids: readonly GridFiguresDto[],
  metric: ChoroplethMetric,
): Map<string, number | null> {
  const { value } = METRIC_DEFINITIONS[metric];
  return new Map(grids.map((g) => [g.code, value(g)]));
}

/** Quantile classes of the known values on the metric's ramp (fewer classes when values repeat). */
export function choroplethScale(values: Iterable<number | null>, metric: ChoroplethMetric): ClassedScale {
  const { ramp, breaks } = METRIC_DEFINITIONS[metric];
  const colors = BIGSCREEN_THEME.ramps[ramp];
  if (breaks && breaks.length === colors.length - 1) return { breaks: [...breaks], colors };
  const known = [...values].filter((v): v is number => v !== null && Number.isFinite(v));
  return createClassedScale(known, colors);
}

export type RankedGrid = { code: string; name: string; value: number };

/**
 * The grids with a known value, worst (highest) first; ties by code so the order is stable (the
 * per-grid answer carries no names: use-ranking-names.ts adds them to the few rows shown).
 */
export function rankGrids(
  grids: readonly GridFiguresDto[],
  metric: ChoroplethMetric,
  limit: number,
  keep: (grid: GridFiguresDto) => boolean = () => true,
): RankedGrid[] {
  const { value } = METRIC_DEFINITIONS[metric];
  return grids
    .filter(keep)
    .map((g) => ({ code: g.code, name: g.name ?? g.code, value: value(g) }))
    .filter((g): g is RankedGrid => g.value !== null && Number.isFinite(g.value))
    .sort((a, b) => b.value - a.value || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .slice(0, limit);
}
