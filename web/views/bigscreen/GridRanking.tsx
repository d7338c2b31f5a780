import { useTranslation } from 'react-i18next';
import type { ChoroplethMetric, RankedGrid } from './choropleth-metrics';
import { formatMetricValue } from './metric-format';

/** The worst grids of the chosen metric, with a bar relative to the worst. */
export function GridRanking({ metric, rows }: { metric: ChoroplethMetric; rows: readonly RankedGrid[] }) {
  const { t, i18n } = useTranslation();
  const worst = rows[0]?.value ?? 0;
  return (
    <section className="bs-panel bs-ranking" data-testid="ranking">
      <h2 className="bs-panel__title">
        {t('bigscreen.ranking.title', { metric: t(`bigscreen.metric.${metric}`) })}
      </h2>
      {rows.length === 0 ? (
        <p className="bs-empty">{t('bigscreen.ranking.empty')}</p>
      ) : (
        <ol className="bs-ranking__list">
          {rows.map((row, i) => (
            <li key={row.code} className="bs-ranking__row">
              <span className="bs-ranking__rank">{i + 1}</span>
              <span className="bs-ranking__name">{row.name}</span>
              <span className="bs-ranking__value">
                {formatMetricValue(row.value, metric, t, i18n.language)}
              </span>
              <span
                className="bs-ranking__bar"
                style={{ inlineSize: `${worst > 0 ? (row.value / worst) * 100 : 0}%` }}
                aria-hidden="true"
              />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
