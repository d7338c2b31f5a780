import type { TFunction } from 'i18next';
import { type ChoroplethMetric, METRIC_DEFINITIONS } from './choropleth-metrics';
import { formatKpiValue } from './kpi-format';

const DENSITY_UNIT: Partial<Record<ChoroplethMetric, 'perThousand' | 'perWorker'>> = {
  caseDensity: 'perThousand',
  coverage: 'perWorker',
};

/** A choropleth value as one short string with its unit, e.g. "12.5%", "3.2 小时", "41 户/人". */
export function formatMetricValue(
  value: number | null,
  metric: ChoroplethMetric,
  t: TFunction,
  locale: string,
): string {
  const { kind } = METRIC_DEFINITIONS[metric];
  if (value === null || !Number.isFinite(value)) return '—';
  if (kind === 'density') {
    const unit = DENSITY_UNIT[metric] ?? 'perThousand';
    const digits = unit === 'perWorker' ? 0 : 1;
    const text = new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
    return `${text} ${t(`bigscreen.unit.${unit}`)}`;
  }
  const { text, unit } = formatKpiValue(value, kind, locale);
  if (unit === null) return text;
  return unit === 'percent' ? `${text}%` : `${text} ${t(`bigscreen.unit.${unit}`)}`;
}
