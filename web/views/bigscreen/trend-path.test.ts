import { describe, expect, it } from 'vitest';
import { linePath, niceCeiling, TREND_CHART } from './trend-path';

describe('trend chart geometry', () => {
  it('rounds the axis top up to 1, 2 or 5 × 10^k', () => {
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(7)).toBe(10);
    expect(niceCeiling(13)).toBe(20);
    expect(niceCeiling(200)).toBe(200);
    expect(niceCeiling(201)).toBe(500);
  });

  it('spreads points across the width with 0 at the bottom and the top at the top', () => {
    const { width, height, padTop, padBottom } = TREND_CHART;
    expect(linePath([0, 10], 10)).toBe(
      `M0.0,${(height - padBottom).toFixed(1)}L${width.toFixed(1)},${padTop.toFixed(1)}`,
    );
  });
});
