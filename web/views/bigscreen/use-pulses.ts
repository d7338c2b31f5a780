import { useCallback, useEffect, useState } from 'react';
import type { LiveCaseEvent } from '../../api/live';
import { addPulse, alivePulses, PULSE, type Pulse } from './pulses';

/**
 * Pulses of new cases and the animation clock that drives them. The clock only ticks while a pulse
 * is alive, so an idle screen does not redraw the map.
 */
export function usePulses() {
  const [pulses, setPulses] = useState<Pulse[]>([]);
  const [nowMs, setNowMs] = useState(() => performance.now());

  const add = useCallback((event: LiveCaseEvent) => {
    const { code, lon, lat } = event.case;
    setPulses((current) => addPulse(current, { id: event.id, code, lon, lat, bornMs: performance.now() }));
  }, []);

  const animating = pulses.length > 0;
  useEffect(() => {
    if (!animating) return;
    const timer = setInterval(() => {
      const now = performance.now();
      setNowMs(now);
      setPulses((current) => alivePulses(current, now));
    }, 1_000 / PULSE.framesPerSecond);
    return () => clearInterval(timer);
  }, [animating]);

  return { pulses, nowMs, add };
}
