import type { Capabilities } from './db/capabilities';
import type { Db } from './db/db';

/** What the Hono app is built from. Tests build their own; `main.ts` builds the real one. */
export type AppDeps = {
  db: Db;
  capabilities: Capabilities;
  district: { code: string; name: string };
  basemapUrl?: string | undefined;
  /** Clock, injectable so tests can pin "now". */
  now?: () => Date;
};
