import { useTranslation } from 'react-i18next';

export type BreadcrumbItem = { code: string; name: string };

/** District › street › community › grid. Every item but the last goes back up to it. */
export function Breadcrumb({
  districtName,
  items,
  onSelect,
}: {
  districtName: string;
  items: readonly BreadcrumbItem[];
  onSelect: (code: string | null) => void;
}) {
  const { t } = useTranslation();
  const all: { code: string | null; name: string }[] = [
    { code: null, name: t('breadcrumb.root', { district: districtName }) },
    ...items,
  ];
  return (
    <nav className="gs-breadcrumb" aria-label={t('breadcrumb.label')} data-testid="breadcrumb">
      <ol>
        {all.map((item, i) => {
          const last = i === all.length - 1;
          return (
            <li key={item.code ?? 'root'}>
              {last ? (
                <span aria-current="location">{item.name}</span>
              ) : (
                <button type="button" onClick={() => onSelect(item.code)}>
                  {item.name}
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
