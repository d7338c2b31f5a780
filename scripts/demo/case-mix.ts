/**
 * What cases there are: how many, from which source, of which category and priority.
 *
 * Shares follow published 12345 / grid-platform statistics in spirit: the hotline brings most cases,
 * environment, repairs and property complaints dominate it; patrols find safety and sanitation
 * issues; cameras see sanitation and traffic; door-to-door visits (走访) bring disputes, elderly care
 * and policy questions.
 *
 * Seed scenario 003 (“今年以来共收集群众诉求意见411条、参与调解矛盾334次、解决群众诉求409件”) is read
 * over the demo's twelve-month window as:
 *   - appeals collected by the grid personnel = cases with source 'visit': exactly 411;
 *   - appeals resolved = those visit cases now resolved/visited/archived: exactly 409 (the 2 most recent
 *     non-dispute visits are still open);
 *   - mediations = dispute cases found by grid personnel (source 'patrol' or 'visit') that are resolved:
 *     exactly 334 (336 such cases; the 2 most recent patrol disputes are still open).
 * `cases.ts` enforces these outcomes; tests check them.
 */
import type { CaseCategory, CaseSource } from '../../server/domain/case-vocabulary';
import type { Priority } from '../../server/domain/sla';
import type { Random } from './random';

export const CASE_COUNT = 24_000;
export const SCENARIO = { appealsCollected: 411, appealsResolved: 409, mediations: 334 } as const;
const OPEN_MEDIATIONS = 2;

/** Sources of the cases outside the scenario quotas (visit and patrol disputes are fixed counts). */
const SOURCE_SHARES: Partial<Record<CaseSource, number>> = { hotline: 52, patrol: 22, app: 16, camera: 10 };

const CATEGORY_SHARES: Record<CaseSource, Partial<Record<CaseCategory, number>>> = {
  hotline: {
    environment: 20,
    facilities: 17,
    property: 15,
    traffic: 12,
    dispute: 11,
    policy: 11,
    safety: 8,
    elderly: 6,
  },
  // Patrol disputes are a quota (see above), so the free patrol mix has none.
  patrol: { safety: 30, environment: 30, facilities: 18, elderly: 10, property: 8, traffic: 4 },
  app: { environment: 38, facilities: 25, traffic: 17, safety: 14, property: 6 },
  camera: { environment: 45, traffic: 40, safety: 15 },
  visit: { dispute: 30, elderly: 22, policy: 25, facilities: 10, environment: 8, property: 5 },
};

const PRIORITY_SHARES: Partial<Record<CaseCategory, Record<Priority, number>>> = {
  safety: { urgent: 10, high: 35, normal: 50, complex: 5 },
  dispute: { urgent: 2, high: 15, normal: 58, complex: 25 },
  traffic: { urgent: 5, high: 30, normal: 63, complex: 2 },
  elderly: { urgent: 3, high: 20, normal: 72, complex: 5 },
};
const DEFAULT_PRIORITY_SHARES: Record<Priority, number> = { urgent: 2, high: 15, normal: 78, complex: 5 };

export type CaseKind = { source: CaseSource; category: CaseCategory };

/** The (source, category) of every case, in random order; scenario quotas included exactly. */
export function planCaseKinds(random: Random): CaseKind[] {
  const visits: CaseKind[] = Array.from({ length: SCENARIO.appealsCollected }, () => ({
    source: 'visit',
    category: random.weighted(CATEGORY_SHARES.visit),
  }));
  const visitDisputes = visits.filter((k) => k.category === 'dispute').length;
  const patrolDisputes: CaseKind[] = Array.from(
    { length: SCENARIO.mediations + OPEN_MEDIATIONS - visitDisputes },
    () => ({ source: 'patrol', category: 'dispute' }),
  );
  const free = Array.from({ length: CASE_COUNT - visits.length - patrolDisputes.length }, (): CaseKind => {
    const source = random.weighted(SOURCE_SHARES);
    return { source, category: random.weighted(CATEGORY_SHARES[source]) };
  });
  return random.shuffle([...visits, ...patrolDisputes, ...free]);
}

export function planPriority(category: CaseCategory, random: Random): Priority {
  return random.weighted(PRIORITY_SHARES[category] ?? DEFAULT_PRIORITY_SHARES);
}

/** Cases counted by the scenario: no rejection, and resolved by `now` unless chosen to stay open. */
export function isScenarioCase(kind: CaseKind): boolean {
  return kind.source === 'visit' || (kind.source === 'patrol' && kind.category === 'dispute');
}

export { OPEN_MEDIATIONS };
