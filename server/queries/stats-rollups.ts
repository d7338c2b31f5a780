/** Maintenance of the stats rollups (migrations 004, 014, 017). */
import type { Db } from '../db/db';

/**
 * Rebuilds the rollups from `cases`. The queue (migration 017) keeps them current for every
 * INSERT/UPDATE/DELETE, so this is only needed after a load that bypasses triggers (COPY into a new
 * table and swap, session_replication_role = replica) or to drop rows that decremented to zero.
 * Runs in the caller's transaction if there is one.
 */
export async function refreshRollups(db: Db): Promise<void> {
  await db.query('SELECT stats_refresh_rollups()');
}

/**
 * Applies the case changes queued since the last flush (migration 017), so the rollups are exact;
 * every stats reader calls it first. Cheap when nothing is queued. Returns the changes applied.
 */
export async function flushRollups(db: Db): Promise<number> {
  const [row] = await db.query<{ applied: number }>('SELECT stats_flush() AS applied');
  return row?.applied ?? 0;
}
