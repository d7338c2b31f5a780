import { postgisVersion, probeMvt } from '../queries/capabilities';
import type { Db } from './db';

export type Capabilities = {
  postgisVersion: string;
  /** PGlite's PostGIS is built without protobuf: ST_AsMVT exists in the catalogue but fails when called. */
  mvt: boolean;
};

/** Detected once at start: the functions differ between builds, so we try them rather than trust the catalogue. */
export async function detectCapabilities(db: Db): Promise<Capabilities> {
  return { postgisVersion: await postgisVersion(db), mvt: await probeMvt(db) };
}
