import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction, types } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { type Db, type Row, type SqlParam, toDbError } from './db';

/** Both adapters parse 64-bit integers and numerics to JS numbers, so query modules see one shape. */
const NUMBER_PARSERS = {
  [types.INT8]: (v: string) => Number(v),
  [types.NUMERIC]: (v: string) => Number(v),
};

type Queryable = Pick<PGlite, 'query' | 'exec'> | Transaction;

function wrap(target: Queryable, root: PGlite | null): Db {
  const db: Db = {
    backend: 'pglite',
    async query<T extends Row>(sql: string, params: readonly SqlParam[] = []) {
      try {
        const res = await target.query<T>(sql, params as unknown[]);
        return res.rows;
      } catch (err) {
        throw toDbError(err);
      }
    },
    async exec(sql: string) {
      try {
        await target.exec(sql);
      } catch (err) {
        throw toDbError(err);
      }
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>) {
      // PGlite has one connection; a nested transaction simply joins the outer one.
      if (!root) return fn(db);
      return root.transaction((tx) => fn(wrap(tx, null)));
    },
    async close() {
      if (root) await root.close();
    },
  };
  return db;
}

/** Wraps an already open PGlite instance (tests restore dumps this way). */
export function wrapPglite(pg: PGlite): Db {
  return wrap(pg, pg);
}

export type PgliteOptions = {
  /** A folder to persist into; `undefined` keeps the database in memory (tests). */
  dataDir: string | undefined;
  /** A dump made by `dumpDataDir()` to start from (tests: a migrated, seeded template). */
  loadDataDir?: Blob;
};

/** Opens the embedded PGlite database with PostGIS loaded. Cold start is ~9-16 s; reopening ~2 s. */
export async function openPglite(options: PgliteOptions): Promise<Db> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pg = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { postgis },
    parsers: NUMBER_PARSERS,
  });
  return wrap(pg, pg);
}
