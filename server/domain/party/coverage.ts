/** Coverage formulas of the party overlay. Shares are null when the denominator is empty (as in metrics.ts). */
import { rate } from '../metrics';

export { rate };

/** Households per 党员中心户: how many households each member household stands for; null without one. */
export function householdsPerMemberHousehold(households: number, memberHouseholds: number): number | null {
  return memberHouseholds > 0 ? households / memberHouseholds : null;
}

/** The first instant of the local (Asia/Shanghai, UTC+8, no DST) month holding `now`. */
export function localMonthStart(now: Date): Date {
  const local = new Date(now.getTime() + 8 * 3_600_000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - 8 * 3_600_000);
}
