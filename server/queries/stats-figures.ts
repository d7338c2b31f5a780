/** Turns the rows of the stats queries into the domain's figures (server/domain/metrics.ts). */
import type { CaseStatus } from '../domain/case-workflow';
import {
  bucketRepresentativeSeconds,
  type CohortCounts,
  emptyStatusCounts,
  resolvedCount,
} from '../domain/metrics';
import type { CohortRow, PercentileRow } from './stats-scope';

export type DurationFigures = {
  medianResponseSeconds: number | null;
  p90ResponseSeconds: number | null;
  medianResolutionSeconds: number | null;
  p90ResolutionSeconds: number | null;
};

/** Median and p90 of both measures from one group's percentile rows (null when the group has none). */
export function durationFigures(rows: readonly PercentileRow[]): DurationFigures {
  const seconds = (measure: PercentileRow['measure'], field: 'medianBucket' | 'p90Bucket') => {
    const row = rows.find((r) => r.measure === measure);
    return row ? bucketRepresentativeSeconds(row[field]) : null;
  };
  return {
    medianResponseSeconds: seconds('response', 'medianBucket'),
    p90ResponseSeconds: seconds('response', 'p90Bucket'),
    medianResolutionSeconds: seconds('resolution', 'medianBucket'),
    p90ResolutionSeconds: seconds('resolution', 'p90Bucket'),
  };
}

export type OpenFigures = { unacceptedPastDue: number; openPastDue: number };

export function statusCounts(row: CohortRow | undefined): Record<CaseStatus, number> {
  if (!row) return emptyStatusCounts();
  return {
    reported: row.statusReported,
    accepted: row.statusAccepted,
    dispatched: row.statusDispatched,
    resolved: row.statusResolved,
    visited: row.statusVisited,
    archived: row.statusArchived,
    reopened: row.statusReopened,
    rejected: row.statusRejected,
  };
}

/** The cohort of one window: rollup sums plus the open-case figures of the same window. */
export function cohortCounts(row: CohortRow | undefined, open: OpenFigures): CohortCounts {
  return {
    reported: row?.reported ?? 0,
    byStatus: statusCounts(row),
    accepted: row?.accepted ?? 0,
    acceptedInSla: row?.acceptedInSla ?? 0,
    unacceptedPastDue: open.unacceptedPastDue,
    resolvedOnTime: row?.resolvedOnTime ?? 0,
    openPastDue: open.openPastDue,
    rated: row?.rated ?? 0,
    satisfied: row?.satisfied ?? 0,
    reopened: row?.reopened ?? 0,
  };
}

/** The counts behind the rates, flat, so a screen can show "409 / 411" next to a rate. */
export function countsSummary(c: CohortCounts) {
  return {
    reported: c.reported,
    accepted: c.accepted,
    acceptedInSla: c.acceptedInSla,
    unacceptedPastDue: c.unacceptedPastDue,
    resolved: resolvedCount(c.byStatus),
    resolvedOnTime: c.resolvedOnTime,
    openPastDue: c.openPastDue,
    rated: c.rated,
    satisfied: c.satisfied,
    reopened: c.reopened,
    rejected: c.byStatus.rejected,
  };
}

/** Sums rows field by field (e.g. one per category → the window's total). */
export function sumRows<T extends Record<string, unknown>>(rows: readonly T[], fields: readonly (keyof T)[]) {
  const total = {} as Record<keyof T, number>;
  for (const f of fields) total[f] = rows.reduce<number>((sum, row) => sum + Number(row[f] ?? 0), 0);
  return total;
}

export function groupRows<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** One grid of a tier as listed (GET /api/stats/grids). */
export type TierGrid = {
  code: string;
  name: string;
  parentCode: string | null;
  households: number;
  population: number;
  workers: number;
};

/** A grid's open cases now: all, past due, and those of the window still unaccepted / open past due. */
export type GridOpenFigures = OpenFigures & { open: number; overdue: number };

/**
 * One grid's figures before they become the answer's fields, from either source: the window
 * snapshot (stats-window.ts) or the queries for any window and category (stats-grids-direct.ts).
 * A part that was not asked for is absent.
 */
export type GridSource = {
  grid: TierGrid;
  cohort: CohortRow | undefined;
  open: GridOpenFigures | undefined;
  durations: DurationFigures;
};

/** The sub-queries behind a tier's figures; each runs only when a requested figure needs it. */
export type TierPart = 'workers' | 'cohorts' | 'open' | 'percentiles';

export const NO_DURATIONS: DurationFigures = {
  medianResponseSeconds: null,
  p90ResponseSeconds: null,
  medianResolutionSeconds: null,
  p90ResolutionSeconds: null,
};

/** Representative seconds of a percentile bucket (null: no cases). */
export function bucketSeconds(bucket: number | null): number | null {
  return bucket === null ? null : bucketRepresentativeSeconds(bucket);
}
