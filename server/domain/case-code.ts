/** China has one time zone and no daylight saving: Beijing time is UTC+8 all year. */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/**
 * The human-facing case number: `GS` + Beijing report date + `-`; the database appends the case id
 * zero-padded (see `CASE_CODE_SQL`), so codes are unique without a second counter.
 */
export function caseCodePrefix(reportedAt: Date): string {
  const beijing = new Date(reportedAt.getTime() + BEIJING_OFFSET_MS);
  const yyyymmdd = beijing.toISOString().slice(0, 10).replaceAll('-', '');
  return `GS${yyyymmdd}-`;
}

export const CASE_CODE_ID_DIGITS = 7;
