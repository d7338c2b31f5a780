import { useTranslation } from 'react-i18next';
import {
  PARTY_COVERAGE_CLASSES,
  type PartyCoverageClass,
  partyCoverageClassColor,
} from '../../map/layers/party-coverage';
import { PALETTE } from '../../theme/theme';

type Counts = { grids: number; households: number; stations: number };

/** Key of the organisation layer: coverage classes, member households, stations and their walking radius. */
export function PartyLegend({ radiusMetres, counts }: { radiusMetres: number; counts: Counts }) {
  const { t } = useTranslation();
  const label = (cls: PartyCoverageClass) =>
    cls === 'noBranch'
      ? t('party.legend.noBranch')
      : cls === 5
        ? t('party.legend.complete')
        : t('party.legend.haves', { count: cls });
  return (
    <section
      className="gs-legend gs-card gs-party-legend"
      data-testid="party-legend"
      data-grids={counts.grids}
      data-households={counts.households}
      data-stations={counts.stations}
    >
      <h2 className="gs-legend__title">{t('party.legend.title')}</h2>
      <ul>
        {[...PARTY_COVERAGE_CLASSES].reverse().map((cls) => (
          <li key={cls}>
            <span className="gs-legend__swatch" style={{ background: partyCoverageClassColor(cls) }} />
            <span>{label(cls)}</span>
          </li>
        ))}
      </ul>
      <ul className="gs-legend__lines">
        <li>
          <span className="gs-party-legend__dot" style={{ background: PALETTE.white }} />
          {t('party.legend.memberHousehold')} · {counts.households}
        </li>
        <li>
          <span className="gs-party-legend__ring" style={{ borderColor: PALETTE.accentStrong }}>
            <span style={{ background: PALETTE.accent }} />
          </span>
          {t('party.legend.station')} · {counts.stations}
        </li>
        <li className="gs-party-legend__note">{t('party.legend.radius', { metres: radiusMetres })}</li>
      </ul>
    </section>
  );
}
