/**
 * The time window of the hotspot view: whole UTC days, `from` inclusive and `to` exclusive (the
 * same semantics as `GET /api/cases`), written as `YYYY-MM-DD` so they read well in a URL.
 */
export type TimeWindow = { from: string; to: string };

/** The span the slider covers: the year up to and including today. */
export type YearRange = TimeWindow;

export const DAY_MS = 86_400_000;
export const DAYS_PER_YEAR = 365;
/** Window lengths offered next to the slider. */
export const WINDOW_LENGTHS_DAYS = [7, 30, 90] as const;
export const DEFAULT_WINDOW_DAYS = 30;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function toIsoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Milliseconds of a `YYYY-MM-DD` day at 00:00 UTC, or NaN when it is not a real date. */
export function parseIsoDate(value: string): number {
  if (!ISO_DATE.test(value)) return Number.NaN;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(ms) && toIsoDate(ms) === value ? ms : Number.NaN;
}

export function isTimeWindow(from: string, to: string): boolean {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  return Number.isFinite(a) && Number.isFinite(b) && a < b;
}

/** The 365 days ending with `today` (UTC). */
export function yearEndingOn(today: Date): YearRange {
  const end = Math.floor(today.getTime() / DAY_MS) * DAY_MS + DAY_MS;
  return { from: toIsoDate(end - DAYS_PER_YEAR * DAY_MS), to: toIsoDate(end) };
}

export function windowLengthDays(w: TimeWindow): number {
  return Math.round((parseIsoDate(w.to) - parseIsoDate(w.from)) / DAY_MS);
}

/** Days from the range's start to the window's start. */
export function windowOffsetDays(range: YearRange, w: TimeWindow): number {
  return Math.round((parseIsoDate(w.from) - parseIsoDate(range.from)) / DAY_MS);
}

/** The window of `lengthDays` starting `offsetDays` into the range, kept inside the range. */
export function windowAt(range: YearRange, offsetDays: number, lengthDays: number): TimeWindow {
  const span = windowLengthDays(range);
  const length = Math.max(1, Math.min(lengthDays, span));
  const offset = Math.max(0, Math.min(Math.round(offsetDays), span - length));
  const start = parseIsoDate(range.from) + offset * DAY_MS;
  return { from: toIsoDate(start), to: toIsoDate(start + length * DAY_MS) };
}

/**
 * The next frame of the play animation: the window moved on by its own length (or `stepDays`).
 * Past the range's end it wraps to the start, so playing loops through the year.
 */
export function stepWindow(range: YearRange, w: TimeWindow, stepDays = windowLengthDays(w)): TimeWindow {
  const length = windowLengthDays(w);
  const next = windowOffsetDays(range, w) + stepDays;
  const last = windowLengthDays(range) - length;
  return windowAt(range, next > last ? 0 : next, length);
}
