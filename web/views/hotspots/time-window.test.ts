import { describe, expect, it } from 'vitest';
import {
  isTimeWindow,
  parseIsoDate,
  stepWindow,
  windowAt,
  windowLengthDays,
  windowOffsetDays,
  yearEndingOn,
} from './time-window';

const RANGE = yearEndingOn(new Date('2026-11-22T07:00:00Z'));

describe('time window', () => {
  it('covers the 365 days up to and including today', () => {
    expect(RANGE).toEqual({ from: '2025-11-23', to: '2026-11-23' });
    expect(windowLengthDays(RANGE)).toBe(365);
  });

  it('rejects impossible dates and empty windows', () => {
    expect(parseIsoDate('2026-02-30')).toBeNaN();
    expect(isTimeWindow('2026-03-01', '2026-03-01')).toBe(false);
    expect(isTimeWindow('2026-03-01', '2026-03-08')).toBe(true);
  });

  it('places a window by offset and clamps it inside the range', () => {
    expect(windowAt(RANGE, 0, 30)).toEqual({ from: '2025-11-23', to: '2025-12-23' });
    expect(windowAt(RANGE, 400, 30)).toEqual({ from: '2026-10-24', to: '2026-11-23' });
    expect(windowAt(RANGE, -5, 7).from).toBe(RANGE.from);
  });

  it('steps by its own length and wraps to the start after the end', () => {
    const first = windowAt(RANGE, 0, 30);
    const second = stepWindow(RANGE, first);
    expect(windowOffsetDays(RANGE, second)).toBe(30);
    expect(windowLengthDays(second)).toBe(30);
    const last = windowAt(RANGE, 365, 30);
    expect(stepWindow(RANGE, last)).toEqual(first);
  });

  it('steps by a given number of days', () => {
    const w = windowAt(RANGE, 10, 90);
    expect(windowOffsetDays(RANGE, stepWindow(RANGE, w, 7))).toBe(17);
  });
});
