/**
 * When cases are reported: the last twelve months before `now`, more on weekdays than weekends,
 * peaks at 9–11 h and 14–17 h Beijing time (hotline calls also at night, patrols and visits only in
 * working hours), a little more in summer, and slowly growing as the platform is adopted.
 */
import type { CaseSource } from '../../server/domain/case-vocabulary';
import type { Random } from './random';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const BEIJING_OFFSET_MS = 8 * HOUR_MS;
export const WINDOW_DAYS = 365;

/** Sunday first, as Date#getUTCDay. */
const WEEKDAY = [0.55, 1.2, 1.1, 1.05, 1.0, 1.0, 0.6];
const WORKDAY_ONLY = [0.15, 1.2, 1.1, 1.1, 1.05, 1.0, 0.25];
/** Relative report rate per Beijing hour: desks (hotline, app) and cameras. Shared with the city-scale bench. */
export const OFFICE_HOURS = [
  0.15, 0.1, 0.08, 0.08, 0.1, 0.2, 0.4, 0.7, 1.3, 1.8, 1.9, 1.6, 0.8, 0.9, 1.5, 1.7, 1.6, 1.2, 0.8, 0.9, 0.8,
  0.6, 0.35, 0.2,
];
const FIELD_HOURS = [
  0, 0, 0, 0, 0, 0, 0, 0.3, 1.2, 1.8, 1.8, 1.3, 0.3, 0.4, 1.5, 1.8, 1.6, 1.0, 0.3, 0, 0, 0, 0, 0,
];
export const CAMERA_HOURS = [
  0.4, 0.3, 0.3, 0.3, 0.3, 0.4, 0.7, 1.2, 1.5, 1.3, 1.2, 1.2, 1.1, 1.0, 1.1, 1.2, 1.3, 1.5, 1.6, 1.5, 1.3,
  1.0, 0.7, 0.5,
];
const HOURS: Record<CaseSource, readonly number[]> = {
  hotline: OFFICE_HOURS,
  app: OFFICE_HOURS,
  camera: CAMERA_HOURS,
  patrol: FIELD_HOURS,
  visit: FIELD_HOURS,
};

export type CaseClock = { sample(source: CaseSource, random: Random): Date };

/** Midnight (Beijing) of the day containing `ms`, as a UTC timestamp. */
export function beijingMidnight(ms: number): number {
  return Math.floor((ms + BEIJING_OFFSET_MS) / DAY_MS) * DAY_MS - BEIJING_OFFSET_MS;
}

/** "yyyymmdd" of the Beijing calendar day of `at`. */
export function beijingDate(at: Date): string {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '');
}

function cumulative(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => {
    sum += w;
    return sum;
  });
}

function drawIndex(cum: readonly number[], random: Random): number {
  const r = random.next() * (cum.at(-1) as number);
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cum[mid] as number) > r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function createCaseClock(now: Date): CaseClock {
  const nowMs = now.getTime();
  const startMs = nowMs - WINDOW_DAYS * DAY_MS;
  const days = Array.from({ length: WINDOW_DAYS + 1 }, (_, i) => beijingMidnight(startMs) + i * DAY_MS);
  const dayWeights = (table: readonly number[]) =>
    cumulative(
      days.map((d, i) => {
        const weekday = new Date(d + BEIJING_OFFSET_MS).getUTCDay();
        const month = new Date(d + BEIJING_OFFSET_MS).getUTCMonth();
        const summer = 1 + 0.15 * Math.sin(((month - 3) / 12) * 2 * Math.PI);
        const growth = 0.9 + 0.2 * (i / WINDOW_DAYS);
        return (table[weekday] as number) * summer * growth;
      }),
    );
  const officeDays = dayWeights(WEEKDAY);
  const fieldDays = dayWeights(WORKDAY_ONLY);
  const hourCums = Object.fromEntries(
    Object.entries(HOURS).map(([source, hours]) => [source, cumulative(hours)]),
  ) as Record<CaseSource, number[]>;
  return {
    sample(source, random) {
      const dayCum = source === 'patrol' || source === 'visit' ? fieldDays : officeDays;
      for (;;) {
        const day = days[drawIndex(dayCum, random)] as number;
        const at = day + (drawIndex(hourCums[source], random) + random.next()) * HOUR_MS;
        // Whole seconds, as a call centre records them; nothing in the future or outside the window.
        const ms = Math.floor(at / 1000) * 1000;
        if (ms >= startMs && ms < nowMs) return new Date(ms);
      }
    },
  };
}
