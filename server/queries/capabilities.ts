import type { Db } from '../db/db';

export async function postgisVersion(db: Db): Promise<string> {
  const [row] = await db.query<{ v: string }>('SELECT postgis_lib_version() AS v');
  return row?.v ?? 'unknown';
}

export async function probeMvt(db: Db): Promise<boolean> {
  try {
    await db.query(
      `SELECT ST_AsMVT(t, 'probe') FROM (
         SELECT ST_AsMVTGeom(ST_Point(0, 0, 3857), ST_MakeEnvelope(-1, -1, 1, 1, 3857)) AS geom
       ) AS t`,
    );
    return true;
  } catch {
    return false;
  }
}
