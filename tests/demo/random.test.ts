import { describe, expect, it } from 'vitest';
import { splitHouseholds } from '../../scripts/demo/buildings';
import { createRandom } from '../../scripts/demo/random';

describe('seeded random', () => {
  it('repeats its stream for a seed and forks independent streams', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(createRandom(7).fork('x').next()).not.toBe(createRandom(7).fork('y').next());
    expect(createRandom(8).next()).not.toBe(createRandom(7).next());
  });

  it('draws integers within bounds', () => {
    const r = createRandom(1);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(3, 5);
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).toBe(true);
    }
  });
});

describe('splitHouseholds', () => {
  it('splits a total into parts within bounds that add up exactly', () => {
    const r = createRandom(3);
    for (const total of [300, 417, 500]) {
      const parts = splitHouseholds(total, 24, 96, r);
      expect(parts.reduce((s, p) => s + p, 0)).toBe(total);
      expect(parts.every((p) => p >= 24 && p <= 96)).toBe(true);
    }
  });
});
