import { useTranslation } from 'react-i18next';
import {
  CASE_CATEGORIES,
  CASE_SOURCES,
  type CaseCategory,
  type CaseSource,
} from '../../../server/domain/case-vocabulary';
import { BIN_MODES, type BinMode } from './url-state';

/** Toggles one value in a list kept in vocabulary order. */
export function toggleIn<T extends string>(list: readonly T[], value: T, vocabulary: readonly T[]): T[] {
  const set = new Set(list);
  if (set.has(value)) set.delete(value);
  else set.add(value);
  return vocabulary.filter((v) => set.has(v));
}

function ChipGroup<T extends string>({
  label,
  values,
  selected,
  labelOf,
  onChange,
  testId,
}: {
  label: string;
  values: readonly T[];
  selected: readonly T[];
  labelOf: (value: T) => string;
  onChange: (next: T[]) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="gs-hs-chips" data-testid={testId}>
      <legend>{label}</legend>
      <button type="button" aria-pressed={selected.length === 0} onClick={() => onChange([])}>
        {t('hotspots.filters.all')}
      </button>
      {values.map((v) => (
        <button
          key={v}
          type="button"
          data-value={v}
          aria-pressed={selected.includes(v)}
          onClick={() => onChange(toggleIn(selected, v, values))}
        >
          {labelOf(v)}
        </button>
      ))}
    </fieldset>
  );
}

export type FilterBarProps = {
  categories: readonly CaseCategory[];
  sources: readonly CaseSource[];
  binMode: BinMode;
  onCategories: (next: CaseCategory[]) => void;
  onSources: (next: CaseSource[]) => void;
  onBinMode: (mode: BinMode) => void;
};

/** Category and source filters and the bin colouring, in one card under the breadcrumb. */
export function FilterBar({
  categories,
  sources,
  binMode,
  onCategories,
  onSources,
  onBinMode,
}: FilterBarProps) {
  const { t } = useTranslation();
  return (
    <div className="gs-card gs-hs-filters" data-testid="hotspot-filters">
      <ChipGroup
        label={t('hotspots.filters.categories')}
        values={CASE_CATEGORIES}
        selected={categories}
        labelOf={(c) => t(`hotspots.category.${c}`)}
        onChange={onCategories}
        testId="filter-categories"
      />
      <ChipGroup
        label={t('hotspots.filters.sources')}
        values={CASE_SOURCES}
        selected={sources}
        labelOf={(s) => t(`hotspots.source.${s}`)}
        onChange={onSources}
        testId="filter-sources"
      />
      <fieldset className="gs-hs-chips">
        <legend>{t('hotspots.binMode.label')}</legend>
        {BIN_MODES.map((mode) => (
          <button key={mode} type="button" aria-pressed={binMode === mode} onClick={() => onBinMode(mode)}>
            {t(`hotspots.binMode.${mode}`)}
          </button>
        ))}
      </fieldset>
    </div>
  );
}
