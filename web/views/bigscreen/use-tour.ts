import { useEffect, useState } from 'react';
import { nextTourStop } from './tour';

/**
 * The auto-tour: the level-1 area on screen (null = the whole district), moving on every
 * `seconds` (0 = off) unless paused.
 */
export function useTour(areaCodes: readonly string[], seconds: number) {
  const [stop, setStop] = useState<string | null>(null);
  const [paused, setPaused] = useState(false);
  const enabled = seconds > 0 && areaCodes.length > 0;
  useEffect(() => {
    if (!enabled || paused) return;
    const timer = setInterval(() => setStop((current) => nextTourStop(areaCodes, current)), seconds * 1_000);
    return () => clearInterval(timer);
  }, [enabled, paused, areaCodes, seconds]);
  return { stop: enabled ? stop : null, enabled, paused, togglePaused: () => setPaused((p) => !p) };
}
