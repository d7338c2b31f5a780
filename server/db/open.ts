import { type Capabilities, detectCapabilities } from './capabilities';
import type { Db } from './db';
import { migrate } from './migrate';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import { syncVocabulary } from './vocabulary';

export type OpenOptions = {
  /** A PostgreSQL/PostGIS server; unset → embedded PGlite. */
  databaseUrl: string | undefined;
  /** PGlite data folder; `undefined` → in memory. Ignored with `databaseUrl`. */
  dataDir: string | undefined;
  log?: (line: string) => void;
};

export type OpenedDb = { db: Db; capabilities: Capabilities };

/** Opens the configured backend, applies pending migrations and detects what PostGIS can do. */
export async function openDatabase(options: OpenOptions): Promise<OpenedDb> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  let db: Db;
  if (options.databaseUrl) {
    log('Connecting to PostgreSQL (DATABASE_URL) ...');
    db = await openPostgres({ connectionString: options.databaseUrl });
  } else {
    log(
      options.dataDir
        ? `Opening the embedded database in ${options.dataDir} (first start takes ~10-20 s) ...`
        : 'Opening an in-memory embedded database ...',
    );
    db = await openPglite({ dataDir: options.dataDir });
  }
  log(`Database open after ${((Date.now() - started) / 1000).toFixed(1)} s; applying migrations ...`);
  const applied = await migrate(db, (name) => log(`  migration ${name}`));
  await syncVocabulary(db);
  const capabilities = await detectCapabilities(db);
  log(
    `Database ready after ${((Date.now() - started) / 1000).toFixed(1)} s ` +
      `(${db.backend}, PostGIS ${capabilities.postgisVersion}, ST_AsMVT ${capabilities.mvt ? 'yes' : 'no'}, ` +
      `${applied.length} migration(s) applied).`,
  );
  return { db, capabilities };
}
