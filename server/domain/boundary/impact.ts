import { type BalanceFigure, householdsPerWorker } from './balance';

/** Window of cases replayed onto a draft: the last 90 days, long enough to smooth weekly rhythms. */
export const IMPACT_WINDOW_DAYS = 90;

export function impactWindow(now: Date): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - IMPACT_WINDOW_DAYS * 86_400_000), to: now };
}

export type ImpactSide = {
  parentCode: string | null;
  households: number;
  population: number;
  /** Grid workers (网格员) assigned to this grid code. */
  staff: number;
  householdsPerWorker: number | null;
  /** Cases of the window whose point lies in this geometry. */
  cases90d: number;
  /** Median reported → accepted, minutes, of those cases; null when none was accepted. */
  medianResponseMinutes: number | null;
};

export type ImpactRow = {
  code: string;
  name: string;
  level: number;
  changes: string[];
  before: ImpactSide | null;
  after: ImpactSide | null;
};

export type SideInput = {
  code: string;
  name: string;
  level: number;
  changes: string[];
  side: 'before' | 'after';
  parentCode: string | null;
  households: number;
  population: number;
  staff: number;
  cases: number;
  medianResponseMinutes: number | null;
};

function toSide(r: SideInput): ImpactSide {
  return {
    parentCode: r.parentCode,
    households: r.households,
    population: r.population,
    staff: r.staff,
    householdsPerWorker: householdsPerWorker(r.households, r.staff),
    cases90d: r.cases,
    medianResponseMinutes:
      r.medianResponseMinutes === null ? null : Math.round(r.medianResponseMinutes * 10) / 10,
  };
}

/** Pairs the before/after measurements of each changed grid into one row, keeping the input order. */
export function impactRows(sides: readonly SideInput[]): ImpactRow[] {
  const rows = new Map<string, ImpactRow>();
  for (const s of sides) {
    const row = rows.get(s.code) ?? {
      code: s.code,
      name: s.name,
      level: s.level,
      changes: s.changes,
      before: null,
      after: null,
    };
    row[s.side] = toSide(s);
    rows.set(s.code, row);
  }
  return [...rows.values()];
}

export type BalanceComparison = {
  draft: BalanceFigure;
  published: BalanceFigure;
  /** Negative: the draft is better balanced than the published version. */
  maxDeviationChange: number | null;
};

export function compareBalance(draft: BalanceFigure, published: BalanceFigure): BalanceComparison {
  const change =
    draft.maxDeviation !== null && published.maxDeviation !== null
      ? Math.round((draft.maxDeviation - published.maxDeviation) * 100) / 100
      : null;
  return { draft, published, maxDeviationChange: change };
}
