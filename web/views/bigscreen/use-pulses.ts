import { useCallback, useEffect, useState } from 'react';
import type { LiveCaseEvent } from '../../api/live';
import { addPulse, alivePulses, PULSE, type Pulse } from './pulses';

/** How often expired pulses are dropped. */
const EXPIRY_CHECK_MS = 1_000;

/** Pulses of new cases: added per live 'report' event, dropped after their lifetime. */
export function usePulses() {
  const [pulses, setPulses] = useState<Pulse[]>([]);

  const add = useCallback((event: LiveCaseEvent) => {
    const { code, lon, lat } = event.case;
    setPulses((current) => addPulse(current, { id: event.id, code, lon, lat, bornMs: performance.now() }));
  }, []);

  const any = pulses.length > 0;
  useEffect(() => {
    if (!any) return;
    const timer = setInterval(
      () => setPulses((current) => alivePulses(current, performance.now(), PULSE.lifetimeMs)),
      EXPIRY_CHECK_MS,
    );
    return () => clearInterval(timer);
  }, [any]);

  return { pulses, add };
}

/**
 * An animation clock (performance.now() ms) ticking `framesPerSecond` times a second while `active`.
 * Used inside the map component only, so a frame re-renders the map's layers and nothing else.
 */
export function useAnimationClock(active: boolean, framesPerSecond: number = PULSE.framesPerSecond): number {
  const [nowMs, setNowMs] = useState(() => performance.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNowMs(performance.now()), 1_000 / framesPerSecond);
    return () => clearInterval(timer);
  }, [active, framesPerSecond]);
  return nowMs;
}
