import { describe, expect, it } from 'vitest';
import type { KpiTrendDto } from '../../api/stats';
import { durationParts, formatKpiValue, formatTrend } from './kpi-format';

const trend = (
  value: number | null,
  previous: number | null,
  polarity: KpiTrendDto['polarity'],
): KpiTrendDto => {
  const change = value !== null && previous !== null ? value - previous : null;
  const assessment =
    change === null
      ? null
      : polarity === 'neutral'
        ? 'neutral'
        : change === 0
          ? 'same'
          : change > 0 === (polarity === 'higher')
            ? 'better'
            : 'worse';
  return {
    value,
    previous,
    change,
    changeRatio: change !== null && previous ? change / previous : null,
    polarity,
    assessment,
  };
};

describe('formatKpiValue', () => {
  it('writes counts, rates and durations, and — when unknown', () => {
    expect(formatKpiValue(1234, 'count', 'en')).toEqual({ text: '1,234', unit: null });
    expect(formatKpiValue(0.9861, 'rate', 'zh-CN')).toEqual({ text: '98.6', unit: 'percent' });
    expect(formatKpiValue(1, 'rate', 'en')).toEqual({ text: '100.0', unit: 'percent' });
    expect(formatKpiValue(1_260, 'duration', 'en')).toEqual({ text: '21', unit: 'minutes' });
    expect(formatKpiValue(5 * 3_600, 'duration', 'en')).toEqual({ text: '5', unit: 'hours' });
    expect(formatKpiValue(3 * 86_400, 'duration', 'en')).toEqual({ text: '3', unit: 'days' });
    expect(formatKpiValue(null, 'rate', 'en')).toEqual({ text: '—', unit: null });
  });

  it('switches duration units at two hours and two days', () => {
    expect(durationParts(7_199).unit).toBe('minutes');
    expect(durationParts(7_200)).toEqual({ amount: 2, unit: 'hours' });
    expect(durationParts(2 * 86_400)).toEqual({ amount: 2, unit: 'days' });
  });
});

describe('formatTrend', () => {
  it('gives rates in percentage points, toned by polarity', () => {
    expect(formatTrend(trend(0.95, 0.9, 'higher'), 'rate', 'en')).toEqual({
      arrow: '▲',
      change: '+5 pt',
      tone: 'better',
    });
    expect(formatTrend(trend(0.85, 0.9, 'higher'), 'rate', 'en')).toEqual({
      arrow: '▼',
      change: '-5 pt',
      tone: 'worse',
    });
  });

  it('gives counts and durations as a relative change; a longer response time is worse', () => {
    expect(formatTrend(trend(12, 10, 'neutral'), 'count', 'en')).toEqual({
      arrow: '▲',
      change: '+20%',
      tone: 'neutral',
    });
    expect(formatTrend(trend(1_800, 1_200, 'lower'), 'duration', 'en')).toEqual({
      arrow: '▲',
      change: '+50%',
      tone: 'worse',
    });
    expect(formatTrend(trend(5, 5, 'lower'), 'count', 'en')).toEqual({
      arrow: '＝',
      change: '0%',
      tone: 'same',
    });
  });

  it('falls back to an absolute change from 0, and shows nothing without a previous value', () => {
    expect(formatTrend(trend(3, 0, 'neutral'), 'count', 'en')?.change).toBe('+3');
    expect(formatTrend(trend(22, null, 'lower'), 'count', 'en')).toBeNull();
  });
});
