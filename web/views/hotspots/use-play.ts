import { useEffect, useState } from 'react';
import { HOTSPOT_LAYOUT } from './hotspot-layout';
import { DEFAULT_WINDOW_DAYS, stepWindow, type TimeWindow, windowAt, type YearRange } from './time-window';

/**
 * Play: moves the window through the year by its own length every `playStepMs`, looping. Starts
 * from the first window of the default length when the whole year was shown.
 */
export function usePlay(
  range: YearRange,
  window: TimeWindow | null,
  onStep: (next: TimeWindow) => void,
): [boolean, () => void] {
  const [playing, setPlaying] = useState(false);
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      onStep(window ? stepWindow(range, window) : windowAt(range, 0, DEFAULT_WINDOW_DAYS));
    }, HOTSPOT_LAYOUT.playStepMs);
    return () => clearInterval(timer);
  }, [playing, range, window, onStep]);
  return [playing, () => setPlaying((p) => !p)];
}
