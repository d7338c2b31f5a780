import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'wouter';
import { URL_PARAMS, VIEWS, type ViewId, viewPath } from '../views/routes';
import { LanguageSwitch } from './LanguageSwitch';

/**
 * Title, the views (those of the user's role, when given) and the language switch, then `children`
 * (who is logged in). Switching view keeps the grid in focus.
 */
export function Header({
  current,
  districtName,
  views = VIEWS,
  children,
}: {
  current: ViewId | null;
  districtName: string | null;
  views?: readonly ViewId[];
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const grid = params.get(URL_PARAMS.grid);
  const search = grid ? `?${new URLSearchParams({ [URL_PARAMS.grid]: grid })}` : '';
  return (
    <header className="gs-header">
      <div className="gs-brand">
        <span className="gs-brand__mark" aria-hidden="true" />
        <span className="gs-brand__title">{t('app.title')}</span>
        {districtName && <span className="gs-brand__district">{districtName}</span>}
      </div>
      <nav className="gs-nav">
        {views.map((view) => (
          <Link
            key={view}
            href={`${viewPath(view)}${search}`}
            className="gs-nav__link"
            aria-current={view === current ? 'page' : undefined}
          >
            {t(`nav.${view}`)}
          </Link>
        ))}
      </nav>
      <LanguageSwitch />
      {children}
    </header>
  );
}
