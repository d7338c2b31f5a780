import { useTranslation } from 'react-i18next';
import { type ClassedScale, legendEntries } from '../theme/ramp';

/** Classes of the households ramp, plus the outline key of the two upper tiers. */
export function Legend({ scale }: { scale: ClassedScale }) {
  const { t, i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language);
  const label = (min: number | null, max: number | null) => {
    if (min === null && max !== null) return t('legend.below', { max: format.format(max) });
    if (max === null && min !== null) return t('legend.atLeast', { min: format.format(min) });
    return t('legend.range', { min: format.format(min ?? 0), max: format.format(max ?? 0) });
  };
  return (
    <section className="gs-legend gs-card" data-testid="legend">
      <h2 className="gs-legend__title">{t('legend.title')}</h2>
      <ul className="gs-legend__ramp">
        {legendEntries(scale).map((entry) => (
          <li key={entry.color}>
            <span className="gs-legend__swatch" style={{ background: entry.color }} />
            <span>{label(entry.min, entry.max)}</span>
          </li>
        ))}
      </ul>
      <ul className="gs-legend__lines">
        <li>
          <span className="gs-legend__line gs-legend__line--1" />
          {t('level.1')}
        </li>
        <li>
          <span className="gs-legend__line gs-legend__line--2" />
          {t('level.2')}
        </li>
      </ul>
    </section>
  );
}
