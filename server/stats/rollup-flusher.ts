import type { Db } from '../db/db';
import { flushRollups } from '../queries/stats-rollups';

/** How often the server applies queued case changes to the rollups when no reader has (migration 017). */
export const ROLLUP_FLUSH_INTERVAL_MS = 5_000;

/**
 * Flushes the rollup queue every `intervalMs`, so it stays short between stats reads (readers flush
 * too; this only bounds the queue and keeps the first read after a quiet spell cheap). One flush at
 * a time; an error is logged and the next tick tries again. Returns the stop function.
 */
export function startRollupFlusher(
  db: Db,
  log: (line: string) => void,
  intervalMs = ROLLUP_FLUSH_INTERVAL_MS,
): () => Promise<void> {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = flushRollups(db)
      .then(() => undefined)
      .catch((err: unknown) =>
        log(`rollup flush failed (retrying): ${err instanceof Error ? err.message : err}`),
      )
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
