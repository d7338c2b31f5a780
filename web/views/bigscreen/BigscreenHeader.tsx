import { useTranslation } from 'react-i18next';
import type { LiveStatus } from '../../api/live';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import { useClock } from './use-clock';

export type BigscreenHeaderProps = {
  districtName: string;
  /** The toured area's name, or null for the whole district. */
  areaName: string | null;
  /** When the figures were last fetched (ms since epoch; 0 = not yet). */
  updatedAtMs: number;
  live: LiveStatus;
  /** The figures could not be refreshed. */
  statsFailed: boolean;
  tour: { enabled: boolean; paused: boolean; seconds: number; toggle: () => void };
};

const TIME: Intl.DateTimeFormatOptions = {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
};
const DATE: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' };

/** District and area, live clock, data freshness, the stream status, tour pause and language. */
export function BigscreenHeader({
  districtName,
  areaName,
  updatedAtMs,
  live,
  statsFailed,
  tour,
}: BigscreenHeaderProps) {
  const { t, i18n } = useTranslation();
  const now = useClock();
  const stale = live === 'down' || statsFailed;
  const status = stale ? 'stale' : live === 'open' ? 'live' : 'connecting';
  const updated = updatedAtMs > 0 ? new Date(updatedAtMs).toLocaleTimeString(i18n.language, TIME) : '—';
  return (
    <header className="bs-header">
      <div className="bs-header__title">
        <h1>
          {districtName} <span className="bs-header__sub">{t('bigscreen.title')}</span>
        </h1>
        <span className="bs-header__area" data-testid="tour-area">
          {areaName ?? t('bigscreen.wholeDistrict')}
        </span>
      </div>
      <div className="bs-header__status">
        <span className={`bs-badge bs-badge--${status}`} data-testid="live-status" data-status={status}>
          <span className="bs-badge__dot" aria-hidden="true" />
          {t(`bigscreen.${status}`)}
        </span>
        <span className="bs-header__fresh" data-testid="data-freshness">
          {t('bigscreen.updatedAt', { time: updated })}
        </span>
        {tour.enabled || tour.seconds === 0 ? (
          <button
            type="button"
            className="bs-button"
            onClick={tour.toggle}
            disabled={!tour.enabled}
            data-testid="tour-toggle"
          >
            {!tour.enabled
              ? t('bigscreen.tour.off')
              : tour.paused
                ? `▶ ${t('bigscreen.tour.resume')}`
                : `❚❚ ${t('bigscreen.tour.pause')}`}
          </button>
        ) : null}
        <LanguageSwitch />
      </div>
      <div className="bs-header__clock" title={t('bigscreen.clockLabel')}>
        <time className="bs-clock" dateTime={now.toISOString()} data-testid="clock">
          {now.toLocaleTimeString(i18n.language, TIME)}
        </time>
        <span className="bs-clock__date">{now.toLocaleDateString(i18n.language, DATE)}</span>
      </div>
    </header>
  );
}
