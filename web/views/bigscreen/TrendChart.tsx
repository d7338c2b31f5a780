import { useTranslation } from 'react-i18next';
import type { SeriesDto } from '../../api/stats';
import { linePath, niceCeiling, TREND_CHART } from './trend-path';

/** Reported and resolved cases per day over the window: two lines, a top gridline with its value. */
export function TrendChart({ series }: { series: SeriesDto | undefined }) {
  const { t } = useTranslation();
  const points = series?.points ?? [];
  const reported = points.map((p) => p.reported);
  const resolved = points.map((p) => p.resolved);
  const top = niceCeiling(Math.max(0, ...reported, ...resolved));
  const { width, height, padTop } = TREND_CHART;
  return (
    <section className="bs-panel bs-trend" data-testid="trend-chart">
      <h2 className="bs-panel__title">{t('bigscreen.trend.title')}</h2>
      <div className="bs-trend__keys">
        <span className="bs-trend__key bs-trend__key--reported">{t('bigscreen.trend.reported')}</span>
        <span className="bs-trend__key bs-trend__key--resolved">{t('bigscreen.trend.resolved')}</span>
        <span className="bs-trend__top">max {top}</span>
      </div>
      <svg
        className="bs-trend__svg"
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={t('bigscreen.trend.title')}
      >
        <line className="bs-trend__grid" x1={0} x2={width} y1={padTop} y2={padTop} />
        <line className="bs-trend__grid" x1={0} x2={width} y1={height - 1} y2={height - 1} />
        {points.length > 1 && (
          <>
            <path className="bs-trend__line bs-trend__line--resolved" d={linePath(resolved, top)} />
            <path className="bs-trend__line bs-trend__line--reported" d={linePath(reported, top)} />
          </>
        )}
      </svg>
    </section>
  );
}
