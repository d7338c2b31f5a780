import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseListItem } from '../../api/cases';
import {
  CASE_SORT_KEYS,
  type CaseSort,
  type CaseSortKey,
  DEFAULT_CASE_SORT,
  sortCases,
  toggleSort,
} from './case-sort';
import { formatShortDateTime } from './format';
import { HOTSPOT_LAYOUT } from './hotspot-layout';

export type CaseTableProps = {
  title: string;
  rows: readonly CaseListItem[];
  /** The selection's total from the API, or null while unknown. */
  total: number | null;
  isLoading: boolean;
  hasMore: boolean;
  isLoadingMore: boolean;
  onLoadMore: () => void;
  onOpen: (id: number) => void;
};

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

function cellText(row: CaseListItem, key: CaseSortKey, t: (k: string) => string, language: string): string {
  switch (key) {
    case 'code':
      return row.code;
    case 'reportedAt':
      return formatShortDateTime(row.reportedAt, language);
    case 'category':
      return t(`hotspots.category.${row.category}`);
    case 'status':
      return t(`hotspots.status.${row.status}`);
    case 'priority':
      return t(`hotspots.priority.${row.priority}`);
  }
}

/**
 * The grid's cases in a virtualised table: only the visible rows are in the DOM, the next page is
 * fetched as the end comes into view. Sorting reorders the loaded rows (the API pages newest first).
 * The reporter is not a column: field teams see the case, not who reported it.
 */
export function CaseTable({
  title,
  rows,
  total,
  isLoading,
  hasMore,
  isLoadingMore,
  onLoadMore,
  onOpen,
}: CaseTableProps) {
  const { t, i18n } = useTranslation();
  const [sort, setSort] = useState<CaseSort>(DEFAULT_CASE_SORT);
  const sorted = useMemo(() => sortCases(rows, sort), [rows, sort]);
  const scrollRef = useRef<HTMLTableSectionElement>(null);
  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => HOTSPOT_LAYOUT.caseRowHeightPixels,
    overscan: HOTSPOT_LAYOUT.caseRowOverscan,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (hasMore && !isLoadingMore && lastIndex >= sorted.length - HOTSPOT_LAYOUT.caseLoadAheadRows)
      onLoadMore();
  }, [hasMore, isLoadingMore, lastIndex, sorted.length, onLoadMore]);

  const state = isLoading ? 'loading' : hasMore || isLoadingMore ? 'partial' : 'complete';
  return (
    <div
      className="gs-card gs-panel gs-hs-cases"
      data-testid="case-list"
      data-state={state}
      data-total={total ?? ''}
      data-loaded={rows.length}
    >
      <h2 className="gs-panel__title">{title}</h2>
      <p className="gs-panel__summary" data-testid="case-list-count">
        {total === null
          ? t('hotspots.list.loading')
          : t('hotspots.list.total', { total, loaded: rows.length })}
      </p>
      <table className="gs-hs-table" aria-label={t('hotspots.list.title')} aria-rowcount={total ?? -1}>
        <thead>
          <tr className="gs-hs-table__head">
            {CASE_SORT_KEYS.map((key) => (
              <th
                key={key}
                scope="col"
                className={`gs-hs-table__cell gs-hs-table__cell--${key}`}
                aria-sort={sort.key === key ? ARIA_SORT[sort.direction] : 'none'}
              >
                <button
                  type="button"
                  title={t('hotspots.list.sortHint')}
                  onClick={() => setSort(toggleSort(sort, key))}
                >
                  {t(`hotspots.list.column.${key}`)}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody ref={scrollRef} className="gs-hs-table__body" data-testid="case-list-scroll">
          <tr className="gs-hs-table__spacer" style={{ height: virtualizer.getTotalSize() }} />
          {items.map((item) => {
            const row = sorted[item.index];
            if (!row) return null;
            return (
              <tr
                key={row.id}
                className={`gs-hs-table__row${row.overdue ? ' gs-hs-table__row--overdue' : ''}`}
                data-testid="case-row"
                data-case-id={row.id}
                style={{ height: item.size, transform: `translateY(${item.start}px)` }}
                onClick={() => onOpen(row.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') onOpen(row.id);
                }}
              >
                {CASE_SORT_KEYS.map((key) =>
                  key === 'code' ? (
                    <td key={key} className="gs-hs-table__cell gs-hs-table__cell--code">
                      <button type="button" className="gs-hs-table__open" onClick={() => onOpen(row.id)}>
                        {row.code}
                      </button>
                    </td>
                  ) : (
                    <td key={key} className={`gs-hs-table__cell gs-hs-table__cell--${key}`}>
                      {cellText(row, key, t, i18n.language)}
                    </td>
                  ),
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length === 0 && !isLoading && <p className="gs-panel__empty">{t('hotspots.list.empty')}</p>}
      {isLoadingMore && <p className="gs-panel__empty">{t('hotspots.list.loadingMore')}</p>}
    </div>
  );
}
