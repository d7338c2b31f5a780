import type { Db } from '../db/db';
import { refreshStatsWindow } from '../queries/stats-window';

/** How often the server applies queued case changes to the rollups and stats_window when no reader has. */
export const STATS_UPKEEP_INTERVAL_MS = 5_000;

/**
 * Every `intervalMs`, applies the rollup queue (migration 017) and brings stats_window (019) up to
 * the clock: readers do both too, so this only keeps the queue short and does the slow part — the
 * fresh start of a new local day, after a publish — before a reader has to wait for it. One run at a
 * time; an error is logged and the next tick tries again. Returns the stop function.
 */
export function startStatsUpkeep(
  db: Db,
  log: (line: string) => void,
  now: () => Date = () => new Date(),
  intervalMs = STATS_UPKEEP_INTERVAL_MS,
): () => Promise<void> {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    const started = performance.now();
    running = refreshStatsWindow(db, now())
      .then((outcome) => {
        if (outcome === 'rebuilt')
          log(`stats window rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      })
      .catch((err: unknown) =>
        log(
          `stats refresh failed (retrying in ${intervalMs / 1000} s): ${err instanceof Error ? err.message : err}`,
        ),
      )
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
