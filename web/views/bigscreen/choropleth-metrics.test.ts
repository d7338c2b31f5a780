import { describe, expect, it } from 'vitest';
import type { GridStatsDto } from '../../api/stats';
import { BIGSCREEN_THEME } from '../../theme/theme';
import { choroplethScale, metricValues, parseTier, rankGrids } from './choropleth-metrics';

function createGridStats(code: string, over: Partial<GridStatsDto> = {}): GridStatsDto {
  return {
    code,
    name: `网格${code}`,
    parentCode: null,
    households: 400,
    population: 1000,
    workers: 1,
    householdsPerWorker: 400,
    cases: 10,
    casesPer1000Households: 25,
    resolved: 8,
    open: 2,
    overdue: 1,
    overdueRate: 0.5,
    responseRate: 1,
    resolutionRate: 1,
    onTimeRate: 1,
    satisfactionRate: 1,
    medianResponseSeconds: 600,
    p90ResponseSeconds: 1200,
    medianResolutionSeconds: 3600,
    p90ResolutionSeconds: 7200,
    ...over,
  } as GridStatsDto;
}

describe('choropleth class breaks', () => {
  it('uses quantile breaks on the metric ramp for durations and densities', () => {
    const values = Array.from({ length: 100 }, (_, i) => (i + 1) * 60);
    const scale = choroplethScale(values, 'responseTime');
    expect(scale.colors).toEqual(BIGSCREEN_THEME.ramps.viridis);
    expect(scale.breaks).toHaveLength(4);
    expect([...scale.breaks].sort((a, b) => a - b)).toEqual(scale.breaks);
    expect(choroplethScale([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'caseDensity').colors).toEqual(
      BIGSCREEN_THEME.ramps.cividis,
    );
  });

  it('ignores unknown values and degrades to one class when all are equal', () => {
    const scale = choroplethScale([null, 5, 5, 5, null], 'caseDensity');
    expect(scale.breaks).toEqual([]);
    expect(scale.colors).toHaveLength(1);
  });

  it('keeps fixed breaks for the overdue rate, whose quantiles collapse at 0 %', () => {
    const scale = choroplethScale([0, 0, 0, 0, 0, 0, 1], 'overdueRate');
    expect(scale.breaks).toEqual([0.05, 0.15, 0.3, 0.5]);
  });
});

describe('metric values and ranking', () => {
  it('treats a grid with nothing open as 0 % overdue, not unknown', () => {
    const values = metricValues(
      [createGridStats('a', { open: 0, overdue: 0, overdueRate: null })],
      'overdueRate',
    );
    expect(values.get('a')).toBe(0);
  });

  it('ranks worst (highest) first, leaves unknown values out, breaks ties by code', () => {
    const grids = [
      // Names sorting against the codes: the compact answer has no names, so ties go by code.
      createGridStats('a', { medianResponseSeconds: 600, name: 'zz' }),
      createGridStats('b', { medianResponseSeconds: null }),
      createGridStats('c', { medianResponseSeconds: 1800 }),
      createGridStats('d', { medianResponseSeconds: 600, name: 'aa' }),
    ];
    expect(rankGrids(grids, 'responseTime', 10).map((g) => g.code)).toEqual(['c', 'a', 'd']);
    expect(rankGrids(grids, 'responseTime', 1).map((g) => g.code)).toEqual(['c']);
    expect(rankGrids(grids, 'responseTime', 10, (g) => g.code !== 'c').map((g) => g.code)).toEqual([
      'a',
      'd',
    ]);
  });

  it('reads the tier from the URL with level 3 as the default', () => {
    expect(parseTier('1')).toBe(1);
    expect(parseTier('4')).toBe(3);
    expect(parseTier(null)).toBe(3);
  });
});
