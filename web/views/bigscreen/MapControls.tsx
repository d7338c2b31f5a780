import { useTranslation } from 'react-i18next';
import { GRID_LEVELS, type GridLevel } from '../../grids/grid-features';
import { CHOROPLETH_METRICS, type ChoroplethMetric } from './choropleth-metrics';

export type MapControlsProps = {
  metric: ChoroplethMetric;
  tier: GridLevel;
  onMetric: (metric: ChoroplethMetric) => void;
  onTier: (tier: GridLevel) => void;
};

/** Metric and tier pickers over the map (also settable by URL: ?metric=&tier=). */
export function MapControls({ metric, tier, onMetric, onTier }: MapControlsProps) {
  const { t } = useTranslation();
  return (
    <div className="bs-controls">
      <fieldset className="bs-segmented" aria-label={t('bigscreen.metric.label')}>
        {CHOROPLETH_METRICS.map((m) => (
          <button
            key={m}
            type="button"
            aria-pressed={m === metric}
            onClick={() => onMetric(m)}
            data-metric={m}
          >
            {t(`bigscreen.metric.${m}`)}
          </button>
        ))}
      </fieldset>
      <fieldset className="bs-segmented" aria-label={t('bigscreen.tier.label')}>
        {GRID_LEVELS.map((level) => (
          <button
            key={level}
            type="button"
            aria-pressed={level === tier}
            onClick={() => onTier(level)}
            data-tier={level}
          >
            {t(`levelShort.${level}`)}
          </button>
        ))}
      </fieldset>
    </div>
  );
}
