import type { Db } from '../db/db';

/**
 * What cached renderings depend on (migration 013): `data` moves with every statement writing cases,
 * grids, versions, staff, buildings or facilities; `boundary` is the published boundary version.
 * One cheap read.
 */
export async function readDataVersion(db: Db): Promise<{ data: string; boundary: string }> {
  const [row] = await db.query<{ data: string; boundary: string }>(
    `SELECT (SELECT last_value || ':' || is_called FROM data_version) AS data,
            coalesce((SELECT id || ':' || published_at FROM boundary_version WHERE status = 'published'), '-') AS boundary`,
  );
  return row ?? { data: '-', boundary: '-' };
}
