import { describe, expect, it } from 'vitest';
import {
  addDays,
  bucketRepresentativeSeconds,
  type CohortCounts,
  computeRates,
  DEFAULT_WINDOW_DAYS,
  DURATION_HISTOGRAM,
  durationBucket,
  emptyStatusCounts,
  HISTOGRAM_RELATIVE_ERROR_BOUND,
  localDay,
  MAX_WINDOW_DAYS,
  nearestRank,
  perThousandHouseholds,
  previousWindow,
  rate,
  resolveWindow,
  trend,
  weekStart,
  windowBuckets,
} from './metrics';

function createCounts(overrides: Partial<CohortCounts> = {}): CohortCounts {
  return {
    reported: 0,
    byStatus: emptyStatusCounts(),
    accepted: 0,
    acceptedInSla: 0,
    unacceptedPastDue: 0,
    resolvedOnTime: 0,
    openPastDue: 0,
    rated: 0,
    satisfied: 0,
    reopened: 0,
    ...overrides,
  };
}

describe('rates from counts', () => {
  it('is null, not 0 or 1, when nothing is in the denominator', () => {
    expect(rate(0, 0)).toBeNull();
    expect(rate(3, 4)).toBe(0.75);
    expect(computeRates(createCounts())).toEqual({
      responseRate: null,
      resolutionRate: null,
      onTimeRate: null,
      satisfactionRate: null,
    });
  });

  it('counts unaccepted past-due cases against the response rate and open past-due ones against resolution', () => {
    const byStatus = {
      ...emptyStatusCounts(),
      reported: 1,
      dispatched: 2,
      resolved: 3,
      visited: 2,
      archived: 1,
    };
    const rates = computeRates(
      createCounts({
        byStatus,
        accepted: 8,
        acceptedInSla: 6,
        unacceptedPastDue: 1,
        resolvedOnTime: 4,
        openPastDue: 2,
        rated: 3,
        satisfied: 2,
      }),
    );
    expect(rates.responseRate).toBeCloseTo(6 / 9);
    expect(rates.resolutionRate).toBeCloseTo(6 / 8);
    expect(rates.onTimeRate).toBeCloseTo(4 / 8);
    expect(rates.satisfactionRate).toBeCloseTo(2 / 3);
  });

  it('gives density per 1,000 households, null without households', () => {
    expect(perThousandHouseholds(3, 300)).toBe(10);
    expect(perThousandHouseholds(3, 0)).toBeNull();
  });
});

describe('trend versus the previous period', () => {
  it('judges change by polarity', () => {
    expect(trend('responseRate', 0.9, 0.8)).toMatchObject({ assessment: 'better', polarity: 'higher' });
    expect(trend('medianResponseSeconds', 600, 300)).toMatchObject({
      change: 300,
      changeRatio: 1,
      assessment: 'worse',
    });
    expect(trend('casesInRange', 10, 5).assessment).toBe('neutral');
    expect(trend('overdue', 4, 4).assessment).toBe('same');
  });

  it('has no change when either side is unknown, and no ratio from a zero base', () => {
    expect(trend('open', 7, null)).toMatchObject({ change: null, changeRatio: null, assessment: null });
    expect(trend('casesToday', 3, 0)).toMatchObject({ change: 3, changeRatio: null });
    expect(trend('satisfactionRate', null, 0.5).change).toBeNull();
  });
});

describe('windows', () => {
  const today = '2026-11-20';

  it('defaults to the last 30 local days ending today', () => {
    expect(resolveWindow({}, today)).toEqual({ from: '2026-10-22', to: today, days: DEFAULT_WINDOW_DAYS });
    expect(resolveWindow({ to: '2026-02-28' }, today)).toMatchObject({ from: '2026-01-30', days: 30 });
    expect(resolveWindow({ from: '2026-11-01' }, today)).toEqual({ from: '2026-11-01', to: today, days: 20 });
  });

  it('rejects from after to and spans above the maximum', () => {
    expect(resolveWindow({ from: '2026-11-02', to: '2026-11-01' }, today)).toMatch(/must not be after/);
    expect(resolveWindow({ from: '2025-01-01', to: '2026-11-01' }, today)).toMatch(/at most 400/);
    const longest = resolveWindow(
      { from: addDays('2026-11-01', -(MAX_WINDOW_DAYS - 1)), to: '2026-11-01' },
      today,
    );
    expect(longest).toMatchObject({ days: MAX_WINDOW_DAYS });
  });

  it('takes the previous period of equal length ending the day before, across months and leap days', () => {
    expect(previousWindow({ from: '2026-11-01', to: '2026-11-30', days: 30 })).toEqual({
      from: '2026-10-02',
      to: '2026-10-31',
      days: 30,
    });
    expect(previousWindow({ from: '2024-03-01', to: '2024-03-01', days: 1 })).toMatchObject({
      from: '2024-02-29',
    });
  });
});

describe('local days and buckets in Asia/Shanghai', () => {
  it('puts 23:59 and 00:00 local on their own days (UTC+8)', () => {
    expect(localDay(new Date('2026-11-19T15:59:59Z'))).toBe('2026-11-19');
    expect(localDay(new Date('2026-11-19T16:00:00Z'))).toBe('2026-11-20');
    expect(localDay(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
  });

  it('starts weeks on Monday', () => {
    expect(weekStart('2026-11-16')).toBe('2026-11-16'); // Monday
    expect(weekStart('2026-11-22')).toBe('2026-11-16'); // Sunday
    expect(weekStart('2027-01-01')).toBe('2026-12-28'); // across the year
  });

  it('fills every day of the window and clips partial weeks', () => {
    const w = { from: '2026-11-04', to: '2026-11-20', days: 17 };
    const days = windowBuckets(w, 'day');
    expect(days).toHaveLength(17);
    expect(days[0]).toEqual({ key: '2026-11-04', start: '2026-11-04', end: '2026-11-04', days: 1 });
    expect(windowBuckets(w, 'week')).toEqual([
      { key: '2026-11-02', start: '2026-11-04', end: '2026-11-08', days: 5 },
      { key: '2026-11-09', start: '2026-11-09', end: '2026-11-15', days: 7 },
      { key: '2026-11-16', start: '2026-11-16', end: '2026-11-20', days: 5 },
    ]);
  });
});

describe('duration histogram', () => {
  it('puts [0, 60 s) in bucket 0 and grows by 10 % per bucket', () => {
    expect(durationBucket(0)).toBe(0);
    expect(durationBucket(59.9)).toBe(0);
    expect(durationBucket(60)).toBe(1);
    expect(durationBucket(65.9)).toBe(1);
    expect(durationBucket(66.1)).toBe(2);
    expect(durationBucket(1e13)).toBe(DURATION_HISTOGRAM.lastBucket);
  });

  it('reports every duration ≥ 60 s within the documented relative bound', () => {
    expect(HISTOGRAM_RELATIVE_ERROR_BOUND).toBeLessThan(0.05);
    for (let s = 60; s < 40 * 86_400; s = s * 1.013 + 1) {
      const reported = bucketRepresentativeSeconds(durationBucket(s));
      // +0.5 s: representatives are rounded to whole seconds.
      expect(Math.abs(reported - s) / s).toBeLessThanOrEqual(HISTOGRAM_RELATIVE_ERROR_BOUND + 0.5 / s);
    }
    expect(bucketRepresentativeSeconds(0)).toBe(30);
  });

  it('ranks percentiles by nearest rank', () => {
    expect(nearestRank(0.5, 1)).toBe(1);
    expect(nearestRank(0.5, 4)).toBe(2);
    expect(nearestRank(0.5, 5)).toBe(3);
    expect(nearestRank(0.9, 10)).toBe(9);
    expect(nearestRank(0.9, 11)).toBe(10);
  });
});
