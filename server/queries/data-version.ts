import type { Db } from '../db/db';

/**
 * What cached case and grid renderings depend on (migration 013): the case data version, which moves
 * with every statement writing `cases`, and the published boundary version. One indexed read.
 */
export async function readDataVersion(db: Db): Promise<{ cases: string; boundary: string }> {
  const [row] = await db.query<{ cases: string; boundary: string }>(
    `SELECT (SELECT last_value || ':' || is_called FROM case_data_version) AS cases,
            coalesce((SELECT id || ':' || published_at FROM boundary_version WHERE status = 'published'), '-') AS boundary`,
  );
  return row ?? { cases: '-', boundary: '-' };
}
