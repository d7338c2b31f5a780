import { useTranslation } from 'react-i18next';
import { type ClassedScale, legendEntries } from '../../theme/ramp';
import type { ChoroplethMetric } from './choropleth-metrics';
import { formatMetricValue } from './metric-format';

/** Classes of the choropleth with their value ranges, plus the no-data key. */
export function ChoroplethLegend({ metric, scale }: { metric: ChoroplethMetric; scale: ClassedScale }) {
  const { t, i18n } = useTranslation();
  const fmt = (v: number) => formatMetricValue(v, metric, t, i18n.language);
  const label = (min: number | null, max: number | null) => {
    if (min === null && max !== null) return `< ${fmt(max)}`;
    if (max === null && min !== null) return `≥ ${fmt(min)}`;
    if (min === null || max === null) return '—';
    return `${fmt(min)} – ${fmt(max)}`;
  };
  return (
    <section className="bs-legend" data-testid="choropleth-legend">
      <h2 className="bs-legend__title">{t(`bigscreen.metricLegend.${metric}`)}</h2>
      <ul className="bs-legend__ramp">
        {legendEntries(scale).map((entry) => (
          <li key={entry.color}>
            <span className="bs-legend__swatch" style={{ background: entry.color }} />
            {label(entry.min, entry.max)}
          </li>
        ))}
        <li>
          <span className="bs-legend__swatch bs-legend__swatch--none" />
          {t('bigscreen.noData')}
        </li>
      </ul>
    </section>
  );
}
