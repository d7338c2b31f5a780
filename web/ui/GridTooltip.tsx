import { useTranslation } from 'react-i18next';
import type { GridProperties } from '../grids/grid-features';

/**
 * What is under the pointer: the level-3 grid's name and code, its chain street › community ›
 * grid, its households, and which grid a click opens.
 */
export function GridTooltip({
  chain,
  clickTarget,
  x,
  y,
}: {
  chain: readonly GridProperties[];
  clickTarget: GridProperties | null;
  x: number;
  y: number;
}) {
  const { t, i18n } = useTranslation();
  const grid = chain[chain.length - 1];
  if (!grid) return null;
  const format = new Intl.NumberFormat(i18n.language);
  return (
    <div
      className="gs-tooltip"
      role="tooltip"
      data-testid="grid-tooltip"
      style={{ left: x + 14, top: y + 14 }}
    >
      <div className="gs-tooltip__chain">
        {chain.map((g, i) => (
          <span key={g.code}>
            {i > 0 && <span className="gs-sep"> › </span>}
            {g.name}
          </span>
        ))}
      </div>
      <div className="gs-tooltip__name">{grid.name}</div>
      <dl className="gs-tooltip__facts">
        <dt>{t('grid.code')}</dt>
        <dd className="gs-mono">{grid.code}</dd>
        <dt>{t('grid.households')}</dt>
        <dd>{format.format(grid.households)}</dd>
        <dt>{t('grid.population')}</dt>
        <dd>{format.format(grid.population)}</dd>
      </dl>
      {clickTarget && (
        <div className="gs-tooltip__hint">{t('grid.clickToOpen', { name: clickTarget.name })}</div>
      )}
    </div>
  );
}
