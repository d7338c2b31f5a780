import { describe, expect, it } from 'vitest';
import { DEFAULT_TOUR_SECONDS, MIN_TOUR_SECONDS, nextTourStop, parseTourSeconds } from './tour';

describe('parseTourSeconds', () => {
  it('reads ?tour= with a default, 0 = off, and a floor', () => {
    expect(parseTourSeconds(null)).toBe(DEFAULT_TOUR_SECONDS);
    expect(parseTourSeconds('')).toBe(DEFAULT_TOUR_SECONDS);
    expect(parseTourSeconds('abc')).toBe(DEFAULT_TOUR_SECONDS);
    expect(parseTourSeconds('-4')).toBe(DEFAULT_TOUR_SECONDS);
    expect(parseTourSeconds('0')).toBe(0);
    expect(parseTourSeconds('1')).toBe(MIN_TOUR_SECONDS);
    expect(parseTourSeconds('45.4')).toBe(45);
  });
});

describe('nextTourStop', () => {
  it('goes district → each area in order → district again', () => {
    const areas = ['A', 'B', 'C'];
    const stops: (string | null)[] = [];
    let stop: string | null = null;
    for (let i = 0; i < 8; i++) {
      stop = nextTourStop(areas, stop);
      stops.push(stop);
    }
    expect(stops).toEqual(['A', 'B', 'C', null, 'A', 'B', 'C', null]);
  });

  it('restarts from the district when the current area disappeared, and stays put with no areas', () => {
    expect(nextTourStop(['A'], 'gone')).toBeNull();
    expect(nextTourStop([], null)).toBeNull();
  });
});
