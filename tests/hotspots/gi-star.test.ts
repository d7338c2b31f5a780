import { describe, expect, it } from 'vitest';
import { giStarClass, giStarZScores } from '../../server/domain/hotspots/gi-star';

describe('Getis-Ord Gi* on a hand-checked 3×3 lattice (queen ring + self, binary weights)', () => {
  //   row 0: 4 2 0
  //   row 1: 2 1 0
  //   row 2: 0 0 0
  // n = 9, Σx = 9, X̄ = 1, Σx² = 16+4+4+1 = 25, S = √(25/9 − 1) = √(16/9) = 4/3.
  const lattice = { columns: 3, rows: 3, values: [4, 2, 0, 2, 1, 0, 0, 0, 0] };
  const z = giStarZScores(lattice);

  it('top-left corner: 4 neighbours incl. itself, sum 9 → z = 5 / ((4/3)·√2.5) ≈ 2.3717', () => {
    // W = 4 (itself, right, below, diagonal); Σ w x = 4+2+2+1 = 9; numerator 9 − 1·4 = 5;
    // denominator S·√((n·W − W²)/(n − 1)) = (4/3)·√((36 − 16)/8) = (4/3)·√2.5 ≈ 2.10819.
    expect(z[0]).toBeCloseTo(2.3717, 4);
    expect(giStarClass(z[0] ?? 0)).toBe(2);
  });

  it('bottom-right corner: sum 1 → z = (1 − 4) / 2.10819 ≈ −1.4230, not significant', () => {
    expect(z[8]).toBeCloseTo(-1.423, 3);
    expect(giStarClass(z[8] ?? 0)).toBe(0);
  });

  it('top edge middle: 6 neighbours, sum 9 → z = 3 / ((4/3)·√((54 − 36)/8)) = 3 / 2 = 1.5', () => {
    // W = 6; numerator 9 − 6 = 3; denominator (4/3)·√(18/8) = (4/3)·1.5 = 2.
    expect(z[1]).toBeCloseTo(1.5, 6);
  });

  it('centre: the neighbourhood is the whole lattice (W = n) so Gi* is undefined → 0', () => {
    expect(z[4]).toBe(0);
  });

  it('a constant lattice has no hot or cold spot', () => {
    expect([...giStarZScores({ columns: 4, rows: 4, values: new Array(16).fill(3) })]).toEqual(
      new Array(16).fill(0),
    );
  });

  it('a larger ring radius widens the neighbourhood', () => {
    const values = new Array(25).fill(0);
    values[0] = 10;
    const r1 = giStarZScores({ columns: 5, rows: 5, values }, 1);
    const r2 = giStarZScores({ columns: 5, rows: 5, values }, 2);
    expect(r1[3]).toBeLessThan(0); // (3,0) is 3 steps away: outside ring 1 ...
    expect(r2[2]).toBeGreaterThan(0); // ... but (2,0) is inside ring 2.
  });
});

describe('significance classes', () => {
  it.each([
    [2.6, 3],
    [2.576, 3],
    [2.0, 2],
    [1.96, 2],
    [1.7, 1],
    [1.6, 0],
    [0, 0],
    [-1.65, -1],
    [-1.96, -2],
    [-3, -3],
  ])('z = %f → class %i', (zValue, cls) => {
    expect(giStarClass(zValue)).toBe(cls);
  });
});
