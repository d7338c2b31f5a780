import { createHash } from 'node:crypto';
import pg from 'pg';
import { type Db, type Row, type SqlParam, toDbError } from './db';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** Same parsing as the PGlite adapter: 64-bit integers and numerics become JS numbers. */
const TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** A stable name per SQL text, so each pooled connection prepares a statement once and reuses it. */
function statementName(sql: string): string {
  return `gs_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
}

type Client = pg.Pool | pg.PoolClient;

function wrap(client: Client, pool: pg.Pool | null): Db {
  const db: Db = {
    backend: 'postgres',
    async query<T extends Row>(sql: string, params: readonly SqlParam[] = []) {
      try {
        const res = await client.query<T>({
          name: statementName(sql),
          text: sql,
          values: params as unknown[],
        });
        return res.rows;
      } catch (err) {
        throw toDbError(err);
      }
    },
    async exec(sql: string) {
      try {
        await client.query(sql);
      } catch (err) {
        throw toDbError(err);
      }
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>) {
      if (!pool) return fn(db);
      const conn = await pool.connect();
      try {
        await conn.query('BEGIN');
        const result = await fn(wrap(conn, null));
        await conn.query('COMMIT');
        return result;
      } catch (err) {
        await conn.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        conn.release();
      }
    },
    async close() {
      if (pool) await pool.end();
    },
  };
  return db;
}

/** How long an idle pooled connection is kept. */
export const IDLE_CONNECTION_MS = 5 * 60_000;

export type PostgresOptions = {
  connectionString: string;
  /** Pool size; the API is I/O bound, a few connections per core is plenty. */
  max?: number;
};

/**
 * Connects to a PostgreSQL/PostGIS server. JIT is switched off for the API's connections: for the short
 * queries the API runs, JIT compilation costs far more than it saves (small tiles: 20-34 ms → 1 ms).
 */
export async function openPostgres(options: PostgresOptions): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    // Keep connections for minutes, not pg's default 10 s: a new connection pays for PostGIS's first
    // ST_Transform (~65 ms, the projection cache) and its prepared statements again.
    idleTimeoutMillis: IDLE_CONNECTION_MS,
    options: '-c jit=off',
    types: TYPES,
  });
  // An idle connection can be closed by the server (restart, admin termination, a dropped test
  // database). pg-pool emits that on the pool; unhandled, it would crash the process. The pool
  // replaces the connection on the next query, so logging is all that is needed.
  pool.on('error', (err) => {
    if ((err as { code?: string }).code !== '57P01')
      console.warn(`[db] idle connection lost: ${err.message}`);
  });
  try {
    const conn = await pool.connect();
    conn.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new Error(
      `Cannot connect to the PostgreSQL server in DATABASE_URL (${(err as Error).message}). ` +
        'Check that the server runs and the URL is right, or unset DATABASE_URL to use the embedded database.',
    );
  }
  return wrap(pool, pool);
}
