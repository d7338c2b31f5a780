/** Maintenance of the stats rollups (migration 004). */
import type { Db } from '../db/db';

/**
 * Rebuilds the rollups from `cases`. Triggers keep them current for every INSERT/UPDATE/DELETE, so
 * this is only needed after a load that bypasses triggers (COPY into a new table and swap, a publish
 * that rebuilds `cases` with CREATE TABLE AS instead of UPDATE, session_replication_role = replica)
 * or to drop rows that decremented to zero. Runs in the caller's transaction if there is one.
 */
export async function refreshRollups(db: Db): Promise<void> {
  await db.query('SELECT stats_refresh_rollups()');
}
