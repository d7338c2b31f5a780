import { useTranslation } from 'react-i18next';
import type { OverviewDto } from '../../api/stats';
import { formatKpiValue, formatTrend, type KpiKind } from './kpi-format';

type KpiName = keyof OverviewDto['kpis'];

/** The tiles, in reading order: workload first, then the three rates, then speed. */
export const KPI_TILES: readonly { name: KpiName; kind: KpiKind }[] = [
  { name: 'casesToday', kind: 'count' },
  { name: 'open', kind: 'count' },
  { name: 'overdue', kind: 'count' },
  { name: 'responseRate', kind: 'rate' },
  { name: 'resolutionRate', kind: 'rate' },
  { name: 'satisfactionRate', kind: 'rate' },
  { name: 'medianResponseSeconds', kind: 'duration' },
];

type TileName = (typeof KPI_TILES)[number]['name'];

function KpiTile({
  name,
  kind,
  overview,
}: {
  name: TileName;
  kind: KpiKind;
  overview: OverviewDto | undefined;
}) {
  const { t, i18n } = useTranslation();
  const trend = overview?.kpis[name];
  const value = formatKpiValue(trend?.value ?? null, kind, i18n.language);
  const display = trend ? formatTrend(trend, kind, i18n.language) : null;
  const basis = name === 'casesToday' ? t('bigscreen.kpi.vsYesterday') : t('bigscreen.kpi.vsPrevious');
  return (
    <li className={`bs-kpi bs-kpi--${name}`} data-testid={`kpi-${name}`}>
      <span className="bs-kpi__label">{t(`bigscreen.kpi.${name}`)}</span>
      <span className="bs-kpi__value">
        <span data-testid={`kpi-${name}-value`}>{overview ? value.text : '…'}</span>
        {value.unit && (
          <span className="bs-kpi__unit">
            {value.unit === 'percent' ? '%' : t(`bigscreen.unit.${value.unit}`)}
          </span>
        )}
      </span>
      <span className={`bs-kpi__trend bs-tone--${display?.tone ?? 'none'}`}>
        {display ? (
          <>
            <span aria-hidden="true">{display.arrow}</span> {display.change}{' '}
            <span className="bs-kpi__basis">{basis}</span>
          </>
        ) : (
          <span className="bs-kpi__basis">{overview ? t('bigscreen.kpi.now') : ''}</span>
        )}
      </span>
    </li>
  );
}

/** The KPI strip under the header. */
export function KpiTiles({ overview }: { overview: OverviewDto | undefined }) {
  return (
    <ul className="bs-kpis" data-testid="kpi-tiles">
      {KPI_TILES.map(({ name, kind }) => (
        <KpiTile key={name} name={name} kind={kind} overview={overview} />
      ))}
    </ul>
  );
}
