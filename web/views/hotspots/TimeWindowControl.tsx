import { useTranslation } from 'react-i18next';
import {
  DEFAULT_WINDOW_DAYS,
  type TimeWindow,
  WINDOW_LENGTHS_DAYS,
  windowAt,
  windowLengthDays,
  windowOffsetDays,
  type YearRange,
} from './time-window';

export type TimeWindowControlProps = {
  range: YearRange;
  /** null: the whole year. */
  window: TimeWindow | null;
  playing: boolean;
  onChange: (window: TimeWindow | null, options?: { replace?: boolean }) => void;
  onTogglePlay: () => void;
};

/** Shows the last day inside the window (the URL's `to` is exclusive). */
function lastDay(w: TimeWindow): string {
  return windowAt({ from: w.from, to: w.to }, windowLengthDays(w) - 1, 1).from;
}

/** The time window: whole year or N days, a slider for its start and a play button. */
export function TimeWindowControl({
  range,
  window,
  playing,
  onChange,
  onTogglePlay,
}: TimeWindowControlProps) {
  const { t } = useTranslation();
  const length = window ? windowLengthDays(window) : DEFAULT_WINDOW_DAYS;
  const offset = window ? windowOffsetDays(range, window) : 0;
  const maxOffset = windowLengthDays(range) - length;
  return (
    <div className="gs-card gs-hs-time" data-testid="time-window">
      <button
        type="button"
        className="gs-hs-time__play"
        aria-pressed={playing}
        onClick={onTogglePlay}
        data-testid="time-play"
      >
        {playing ? t('hotspots.time.pause') : t('hotspots.time.play')}
      </button>
      <fieldset className="gs-hs-time__lengths" aria-label={t('hotspots.time.label')}>
        <button type="button" aria-pressed={window === null} onClick={() => onChange(null)}>
          {t('hotspots.time.all')}
        </button>
        {WINDOW_LENGTHS_DAYS.map((days) => (
          <button
            key={days}
            type="button"
            aria-pressed={window !== null && length === days}
            onClick={() => onChange(windowAt(range, offset, days))}
          >
            {t('hotspots.time.days', { count: days })}
          </button>
        ))}
      </fieldset>
      <input
        className="gs-hs-time__slider"
        type="range"
        min={0}
        max={Math.max(0, maxOffset)}
        step={1}
        value={offset}
        disabled={window === null}
        aria-label={t('hotspots.time.slider')}
        onChange={(e) => onChange(windowAt(range, Number(e.target.value), length), { replace: true })}
      />
      <output className="gs-hs-time__label gs-mono" data-testid="time-label">
        {window
          ? t('hotspots.time.window', { from: window.from, to: lastDay(window) })
          : t('hotspots.time.window', { from: range.from, to: lastDay(range) })}
      </output>
    </div>
  );
}
