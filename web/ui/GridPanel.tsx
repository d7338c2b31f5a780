import { useTranslation } from 'react-i18next';
import type { GridDetailDto } from '../api/types';
import type { GridLevel } from '../grids/grid-features';

export type TierCounts = Record<GridLevel, number>;

function Facts({ households, population }: { households: number; population: number }) {
  const { t, i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language);
  return (
    <dl className="gs-facts">
      <div>
        <dt>{t('grid.households')}</dt>
        <dd>{format.format(households)}</dd>
      </div>
      <div>
        <dt>{t('grid.population')}</dt>
        <dd>{format.format(population)}</dd>
      </div>
    </dl>
  );
}

/** The district overview: the three tiers and their totals. */
export function DistrictPanel({
  districtName,
  summary,
  counts,
  households,
  population,
}: {
  districtName: string;
  summary: string;
  counts: TierCounts;
  households: number;
  population: number;
}) {
  const { t } = useTranslation();
  return (
    <aside className="gs-panel gs-card" data-testid="grid-panel">
      <p className="gs-panel__kicker">{t('tiers.title')}</p>
      <h1 className="gs-panel__title">{districtName}</h1>
      <p className="gs-panel__summary">{summary}</p>
      <Facts households={households} population={population} />
      <ul className="gs-tiers">
        {([1, 2, 3] as const).map((level) => (
          <li key={level} className={`gs-tiers__item gs-tiers__item--${level}`}>
            {t(`tiers.level${level}`, { count: counts[level] })}
          </li>
        ))}
      </ul>
    </aside>
  );
}

/** One grid: its facts, its children (each opens on click) and its staff. */
export function GridPanel({ detail, onSelect }: { detail: GridDetailDto; onSelect: (code: string) => void }) {
  const { t, i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language);
  const { grid, children, staff } = detail;
  return (
    <aside className="gs-panel gs-card" data-testid="grid-panel">
      <p className="gs-panel__kicker">{t(`level.${grid.level}`)}</p>
      <h1 className="gs-panel__title">{grid.name}</h1>
      <p className="gs-panel__code gs-mono">
        {t('grid.code')} {grid.code}
      </p>
      <Facts households={grid.households} population={grid.population} />
      {children.length > 0 && (
        <section>
          <h2 className="gs-panel__heading">
            {t('grid.children')} · {children.length}
          </h2>
          <ul className="gs-list">
            {children.map((child) => (
              <li key={child.code}>
                <button type="button" onClick={() => onSelect(child.code)}>
                  <span>{child.name}</span>
                  <span className="gs-list__meta">
                    {format.format(child.households)} {t('legend.unit')}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section>
        <h2 className="gs-panel__heading">{t('grid.staff')}</h2>
        {staff.length === 0 ? (
          <p className="gs-panel__empty">{t('grid.noStaff')}</p>
        ) : (
          <ul className="gs-list gs-list--static">
            {staff.map((person) => (
              <li key={person.id}>
                <span>{person.name}</span>
                <span className="gs-list__meta">
                  {t(`staffRole.${person.role}`, { defaultValue: person.role })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </aside>
  );
}
