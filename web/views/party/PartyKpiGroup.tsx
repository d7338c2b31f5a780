import { useTranslation } from 'react-i18next';
import type { PartyOverviewDto } from '../../api/party';
import { formatKpiValue, type KpiKind } from '../bigscreen/kpi-format';
import './party-bigscreen.css';

type TileName = 'branchCoverage' | 'fiveHaves' | 'serviceHours' | 'needsClaimed';

/** The figures of one tile: its value and what it is counted over. */
export function partyKpiFigures(
  o: PartyOverviewDto,
): Record<TileName, { value: number | null; kind: KpiKind; count: number; total: number | null }> {
  return {
    branchCoverage: {
      value: o.organisation.branchCoverage,
      kind: 'rate',
      count: o.organisation.gridsWithBranch,
      total: o.organisation.grids,
    },
    fiveHaves: {
      value: o.fiveHaves.completion,
      kind: 'rate',
      count: o.fiveHaves.complete,
      total: o.fiveHaves.grids,
    },
    serviceHours: {
      value: o.inService.hoursThisMonth,
      kind: 'count',
      count: o.inService.activeMembers,
      total: null,
    },
    needsClaimed: {
      value: o.needs.claimedShare,
      kind: 'rate',
      count: o.needs.claimed,
      total: o.needs.needs,
    },
  };
}

export const PARTY_KPI_TILES: readonly TileName[] = [
  'branchCoverage',
  'fiveHaves',
  'serviceHours',
  'needsClaimed',
];

const BASIS_KEY: Record<TileName, string> = {
  branchCoverage: 'party.kpi.ofGrids',
  fiveHaves: 'party.kpi.ofGrids',
  serviceHours: 'party.kpi.members',
  needsClaimed: 'party.kpi.ofNeeds',
};

/** 大屏 "党建引领" KPI group: branch coverage, five haves met, 双报到 service hours this month, needs claimed. */
export function PartyKpiGroup({ overview }: { overview: PartyOverviewDto | undefined }) {
  const { t, i18n } = useTranslation();
  const figures = overview ? partyKpiFigures(overview) : null;
  return (
    <section className="bs-panel bs-party" data-testid="party-kpis">
      <h2 className="bs-panel__title">{t('party.kpi.title')}</h2>
      <ul className="bs-party__list">
        {PARTY_KPI_TILES.map((name) => {
          const f = figures?.[name];
          const value = f ? formatKpiValue(f.value, f.kind, i18n.language) : null;
          return (
            <li key={name} className="bs-party__row" data-testid={`party-kpi-${name}`}>
              <span className="bs-party__label">{t(`party.kpi.${name}`)}</span>
              <span className="bs-party__value">
                <span data-testid={`party-kpi-${name}-value`}>{value ? value.text : '…'}</span>
                <span className="bs-party__unit">
                  {value?.unit === 'percent' ? '%' : name === 'serviceHours' ? t('bigscreen.unit.hours') : ''}
                </span>
              </span>
              <span className="bs-party__basis">
                {f ? t(BASIS_KEY[name], { count: f.count, total: f.total ?? '' }) : ''}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
