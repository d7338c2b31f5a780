/** A SQL parameter value. Values always travel as `$n` parameters, never spliced into SQL text. */
export type SqlParam = string | number | boolean | null | Date | readonly SqlParam[] | Uint8Array;

export type Row = Record<string, unknown>;

export type Backend = 'pglite' | 'postgres';

/**
 * The one small interface every query module talks to. Two implementations: `pg` (PostgreSQL server)
 * and PGlite (embedded, WASM). The same SQL runs on both.
 */
export interface Db {
  readonly backend: Backend;
  query<T extends Row = Row>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
  /** Runs a script of several statements with no parameters (migrations, DDL). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction; commits if it resolves, rolls back if it throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Thrown by the adapters with the PostgreSQL error fields preserved, whatever the backend. */
export class DbError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly detail: string | undefined,
    readonly constraint: string | undefined,
  ) {
    super(message);
    this.name = 'DbError';
  }
}

type PgLikeError = { message?: string; code?: string; detail?: string; constraint?: string };

export function toDbError(err: unknown): DbError {
  if (err instanceof DbError) return err;
  const e = (err ?? {}) as PgLikeError;
  return new DbError(e.message ?? String(err), e.code, e.detail, e.constraint);
}
