/** China has one time zone and no daylight saving: Beijing time is UTC+8 all year. */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/**
 * The human-facing case number: `GS` + Beijing report date + `-` + the case id zero-padded to 7
 * digits (`caseCode`; `CASE_CODE_SQL` in bulk imports), so codes are unique without a second counter.
 */
export function caseCodePrefix(reportedAt: Date): string {
  const beijing = new Date(reportedAt.getTime() + BEIJING_OFFSET_MS);
  const yyyymmdd = beijing.toISOString().slice(0, 10).replaceAll('-', '');
  return `GS${yyyymmdd}-`;
}

export const CASE_CODE_ID_DIGITS = 7;

/** The full case number of case `id` (ids beyond 7 digits keep all their digits). */
export function caseCode(prefix: string, id: number): string {
  return `${prefix}${String(id).padStart(CASE_CODE_ID_DIGITS, '0')}`;
}
