/** SLA deadlines by priority, after Beijing 12345 practice. */
export const PRIORITIES = ['urgent', 'high', 'normal', 'complex'] as const;
export type Priority = (typeof PRIORITIES)[number];

const HOUR_MS = 3_600_000;

export const DEFAULT_SLA_HOURS: Readonly<Record<Priority, number>> = {
  urgent: 2,
  high: 24,
  normal: 7 * 24,
  complex: 15 * 24,
};

/** Per-category overrides: category → priority → hours. */
export type SlaOverrides = Readonly<Record<string, Partial<Record<Priority, number>>>>;

export function slaHours(priority: Priority, category: string, overrides: SlaOverrides = {}): number {
  return overrides[category]?.[priority] ?? DEFAULT_SLA_HOURS[priority];
}

export function dueAt(
  reportedAt: Date,
  priority: Priority,
  category: string,
  overrides: SlaOverrides = {},
): Date {
  return new Date(reportedAt.getTime() + slaHours(priority, category, overrides) * HOUR_MS);
}

/** Overdue is derived, never stored: an open case past its due time. */
export function isOverdue(open: boolean, due: Date, now: Date): boolean {
  return open && now.getTime() > due.getTime();
}
