import type { Backend } from '../../server/db/db';

/**
 * The backends the database tests run on: always the embedded PGlite; PostgreSQL too when
 * TEST_DATABASE_URL points at a server (CI sets it). TEST_BACKENDS=pglite|postgres narrows the set.
 */
export function testBackends(): Backend[] {
  const all: Backend[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
  const only = process.env.TEST_BACKENDS?.split(',').map((s) => s.trim());
  return only ? all.filter((b) => only.includes(b)) : all;
}

/** A database URL on the same server as TEST_DATABASE_URL but for another database name. */
export function databaseUrlFor(name: string): string {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}
