import { useTranslation } from 'react-i18next';
import type { LiveCaseEvent } from '../../api/live';
import type { GridIndex } from '../../grids/grid-index';

const TIME: Intl.DateTimeFormatOptions = {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
};

/** The latest case events, newest on top: time, what happened, category and grid. */
export function LiveTicker({ events, index }: { events: readonly LiveCaseEvent[]; index: GridIndex }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="bs-panel bs-ticker" data-testid="ticker" data-count={events.length}>
      <h2 className="bs-panel__title">{t('bigscreen.ticker.title')}</h2>
      {events.length === 0 ? (
        <p className="bs-empty">{t('bigscreen.ticker.empty')}</p>
      ) : (
        <ol className="bs-ticker__list">
          {events.map((e) => (
            <li
              key={e.id}
              className={`bs-ticker__row bs-ticker__row--${e.action}`}
              data-case-code={e.case.code}
            >
              <time className="bs-ticker__time">
                {new Date(e.at).toLocaleTimeString(i18n.language, TIME)}
              </time>
              <span className="bs-ticker__action">
                {t(`bigscreen.action.${e.action}`, { defaultValue: e.action })}
              </span>
              <span className="bs-ticker__what">
                {t(`bigscreen.category.${e.case.category}`, { defaultValue: e.case.category })}
                <span className="bs-ticker__grid">
                  {index.get(e.case.gridCode)?.properties.name ?? e.case.gridCode}
                </span>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
