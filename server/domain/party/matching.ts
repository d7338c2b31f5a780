/**
 * The matching score of a need and a resource (双向认领, seed 001). A claim is allowed only within the
 * resource's service distance and for the same category; among the allowed, nearer resources with
 * capacity left rank first.
 */
export type MatchInput = {
  needCategory: string;
  resourceCategory: string;
  distanceMetres: number;
  serviceRadiusMetres: number;
  /** Claims the resource can still take (capacity − needs already claimed). */
  capacityLeft: number;
};

export type ClaimRefusal = 'category-mismatch' | 'out-of-range' | 'no-capacity';

/** Why a claim is not allowed, or null when it is. */
export function claimRefusal(m: MatchInput): ClaimRefusal | null {
  if (m.needCategory !== m.resourceCategory) return 'category-mismatch';
  if (m.distanceMetres > m.serviceRadiusMetres) return 'out-of-range';
  if (m.capacityLeft <= 0) return 'no-capacity';
  return null;
}

/** Weight of closeness in the score; the rest rewards capacity left (so load spreads). */
const DISTANCE_WEIGHT = 0.8;
/** Capacity left at which the capacity part saturates. */
const CAPACITY_SATURATION = 5;

/**
 * Score in [0, 1]: 0 when the claim would be refused; otherwise 0.8 × (1 − distance / radius)
 * + 0.2 × min(capacityLeft, 5) / 5. Linear in distance so "twice as far" reads plainly.
 */
export function matchScore(m: MatchInput): number {
  if (claimRefusal(m) !== null) return 0;
  const closeness = m.serviceRadiusMetres > 0 ? 1 - m.distanceMetres / m.serviceRadiusMetres : 1;
  const capacity = Math.min(m.capacityLeft, CAPACITY_SATURATION) / CAPACITY_SATURATION;
  return DISTANCE_WEIGHT * closeness + (1 - DISTANCE_WEIGHT) * capacity;
}
