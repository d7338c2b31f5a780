import { DISPLAY_TIME_ZONE } from './hotspot-layout';

/** Date and time in the district's time zone, e.g. 2026-03-01 14:05. */
export function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, {
    timeZone: DISPLAY_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}

/** Short form for the table: month-day hour:minute. */
export function formatShortDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, {
    timeZone: DISPLAY_TIME_ZONE,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}

/** Coordinates to ~1 m. */
export const COORDINATE_DIGITS = 5;
