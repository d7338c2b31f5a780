import { useTranslation } from 'react-i18next';
import type { HotspotBinsDto } from '../../api/hotspots';

/** Cases per category summed over the bins: the same set as the total, so the parts add up to it. */
export function categoryTotals(bins: HotspotBinsDto): [string, number][] {
  const totals = new Map<string, number>();
  for (const f of bins.features) {
    for (const [category, n] of Object.entries(f.properties.categories)) {
      totals.set(category, (totals.get(category) ?? 0) + n);
    }
  }
  return [...totals.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

export type SelectionSummaryProps = {
  kicker: string;
  title: string;
  hint: string;
  bins: HotspotBinsDto | undefined;
  /** False while the bins shown are still the previous selection's. */
  fresh: boolean;
  clusterCount: number | null;
};

/** The figures of the current selection: case total (from the API), hot bins, clusters, categories. */
export function SelectionSummary({ kicker, title, hint, bins, fresh, clusterCount }: SelectionSummaryProps) {
  const { t } = useTranslation();
  const total = bins && fresh ? bins.meta.totalCount : null;
  const hotBins = bins ? bins.features.filter((f) => f.properties.giClass > 0).length : null;
  const categories = bins ? categoryTotals(bins) : [];
  const top = categories[0]?.[1] ?? 0;
  const none = t('hotspots.counts.none');
  return (
    <div className="gs-card gs-panel gs-hs-summary" data-testid="grid-panel">
      <p className="gs-panel__kicker">{kicker}</p>
      <h2 className="gs-panel__title">{title}</h2>
      <p className="gs-panel__summary">{hint}</p>
      <dl className="gs-facts">
        <div>
          <dt>{t('hotspots.counts.cases')}</dt>
          <dd data-testid="selection-total" data-total={total ?? ''}>
            {total ?? none}
          </dd>
        </div>
        <div>
          <dt>{t('hotspots.counts.hotBins')}</dt>
          <dd>{hotBins ?? none}</dd>
        </div>
        <div>
          <dt>{t('hotspots.counts.clusters')}</dt>
          <dd>{clusterCount ?? none}</dd>
        </div>
        <div>
          <dt>{t('hotspots.counts.topCategory')}</dt>
          <dd className="gs-hs-summary__small">
            {categories[0] ? t(`hotspots.category.${categories[0][0]}`) : none}
          </dd>
        </div>
      </dl>
      <ul className="gs-hs-bars" aria-label={t('hotspots.filters.categories')}>
        {categories.map(([category, n]) => (
          <li key={category}>
            <span>{t(`hotspots.category.${category}`)}</span>
            <meter min={0} max={top} value={n} />
            <span className="gs-mono">{n}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
