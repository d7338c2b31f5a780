/**
 * Getis-Ord Gi* over a regular lattice of bins (Getis & Ord 1992; Ord & Getis 1995).
 *
 * Weights: binary, w_ij = 1 when bin j lies within `ringRadius` steps of bin i in both axes
 * (a square k-ring: radius 1 = the 8 queen neighbours), and — the "star" — w_ii = 1, the bin
 * itself. Bins outside the lattice simply have no weight, so edge bins have fewer neighbours.
 * Every lattice bin counts, including empty ones: zeros are observations, not missing data.
 *
 *   Gi* = (Σ_j w_ij x_j − X̄ W_i) / (S √((n W_i − W_i²) / (n − 1)))
 *   with W_i = Σ_j w_ij (binary weights: Σ w² = W_i), X̄ = Σx / n, S = √(Σx² / n − X̄²).
 *
 * z is 0 where it is undefined: a constant lattice (S = 0) or a neighbourhood covering the whole
 * lattice (W_i = n). No false-discovery-rate correction is applied: classes are per-bin tests.
 */
export type Lattice = {
  columns: number;
  rows: number;
  /** Row-major: value of (column c, row r) at r * columns + c. */
  values: ArrayLike<number>;
};

type Moments = { n: number; mean: number; sd: number };

function moments(values: ArrayLike<number>): Moments {
  const n = values.length;
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] ?? 0;
    sum += v;
    sumSquares += v * v;
  }
  const mean = n ? sum / n : 0;
  return { n, mean, sd: Math.sqrt(Math.max(0, sumSquares / n - mean * mean)) };
}

/** Sum and count of the k-ring around (c, r), the bin itself included. */
function ringSum(l: Lattice, c: number, r: number, radius: number): { sum: number; weight: number } {
  let sum = 0;
  let weight = 0;
  for (let rr = Math.max(0, r - radius); rr <= Math.min(l.rows - 1, r + radius); rr++) {
    for (let cc = Math.max(0, c - radius); cc <= Math.min(l.columns - 1, c + radius); cc++) {
      sum += l.values[rr * l.columns + cc] ?? 0;
      weight += 1;
    }
  }
  return { sum, weight };
}

/** Gi* z-score of every bin, in the lattice's row-major order. */
export function giStarZScores(l: Lattice, ringRadius = 1): Float64Array {
  const { n, mean, sd } = moments(l.values);
  const z = new Float64Array(n);
  if (n < 2 || sd === 0) return z;
  for (let r = 0; r < l.rows; r++) {
    for (let c = 0; c < l.columns; c++) {
      const { sum, weight } = ringSum(l, c, r, ringRadius);
      const spread = (n * weight - weight * weight) / (n - 1);
      if (spread <= 0) continue;
      z[r * l.columns + c] = (sum - mean * weight) / (sd * Math.sqrt(spread));
    }
  }
  return z;
}

/** Significance class: +3/+2/+1 hot at 99/95/90 %, −1/−2/−3 cold, 0 not significant (two-sided). */
export type GiClass = -3 | -2 | -1 | 0 | 1 | 2 | 3;

export const GI_CRITICAL_Z = [
  { level: 3, confidence: 0.99, z: 2.576 },
  { level: 2, confidence: 0.95, z: 1.96 },
  { level: 1, confidence: 0.9, z: 1.645 },
] as const;

export function giStarClass(z: number): GiClass {
  for (const { level, z: critical } of GI_CRITICAL_Z) {
    if (z >= critical) return level;
    if (z <= -critical) return -level as GiClass;
  }
  return 0;
}
