import type { KpiTrendDto } from '../../api/stats';

/** How a KPI value is written: a count, a share (0–1) or a duration in seconds. */
export type KpiKind = 'count' | 'rate' | 'duration';

/** Durations: minutes below two hours, hours below two days, then days. */
export type DurationUnit = 'minutes' | 'hours' | 'days';
const MINUTE_S = 60;
const HOUR_S = 3_600;
const DAY_S = 86_400;

export function durationParts(seconds: number): { amount: number; unit: DurationUnit } {
  if (seconds < 2 * HOUR_S) return { amount: Math.round(seconds / MINUTE_S), unit: 'minutes' };
  if (seconds < 2 * DAY_S) return { amount: Math.round((seconds / HOUR_S) * 10) / 10, unit: 'hours' };
  return { amount: Math.round((seconds / DAY_S) * 10) / 10, unit: 'days' };
}

/** A value as text and its unit key; "—" when unknown (never 0 or 100 %). */
export function formatKpiValue(
  value: number | null,
  kind: KpiKind,
  locale: string,
): { text: string; unit: 'percent' | DurationUnit | null } {
  if (value === null || !Number.isFinite(value)) return { text: '—', unit: null };
  if (kind === 'count') return { text: new Intl.NumberFormat(locale).format(value), unit: null };
  if (kind === 'rate') {
    const text = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(
      value * 100,
    );
    return { text, unit: 'percent' };
  }
  const { amount, unit } = durationParts(value);
  return { text: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(amount), unit };
}

export type TrendTone = 'better' | 'worse' | 'same' | 'neutral';

/** What the trend line under a KPI says: an arrow, a signed change and its tone; null = no trend to show. */
export type TrendDisplay = { arrow: '▲' | '▼' | '＝'; change: string; tone: TrendTone };

/**
 * The change against the previous period: rates in percentage points, counts and durations as a
 * relative change (or absolute when the previous value was 0). Null when the API has no previous value.
 */
export function formatTrend(trend: KpiTrendDto, kind: KpiKind, locale: string): TrendDisplay | null {
  if (trend.change === null || trend.assessment === null) return null;
  const tone: TrendTone = trend.assessment;
  const arrow = trend.change > 0 ? '▲' : trend.change < 0 ? '▼' : '＝';
  const signed = (n: number, digits: number) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: digits, signDisplay: 'exceptZero' }).format(n);
  let change: string;
  if (kind === 'rate') change = `${signed(trend.change * 100, 1)} pt`;
  else if (trend.changeRatio !== null) change = `${signed(trend.changeRatio * 100, 0)}%`;
  else if (kind === 'count') change = signed(trend.change, 0);
  else change = signed(durationParts(Math.abs(trend.change)).amount * Math.sign(trend.change), 1);
  return { arrow, change, tone };
}
