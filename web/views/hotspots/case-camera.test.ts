import { describe, expect, it } from 'vitest';
import { bboxAround } from './case-camera';

describe('case camera', () => {
  it('frames a square of the given half size around the case, wider in degrees of longitude off the equator', () => {
    const [w, s, e, n] = bboxAround(113.8, 27.6, 111.32);
    expect(n - s).toBeCloseTo(0.002, 6);
    expect((e - w) * Math.cos((27.6 * Math.PI) / 180)).toBeCloseTo(0.002, 6);
    expect((w + e) / 2).toBeCloseTo(113.8, 9);
  });
});
