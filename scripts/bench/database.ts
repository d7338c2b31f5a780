/**
 * The benchmark's own database on the DATABASE_URL server: `gridsight_bench_<grids>_<cases>`, dropped
 * and created for each build, never the DATABASE_URL database itself. A finished build writes its
 * parameters into the database comment, which is what `--keep` checks before reusing it.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { readMigrations } from '../../server/db/migrate';

export type BenchParams = { grids: number; cases: number; seed: number };

export type BuildStamp = BenchParams & {
  complete: true;
  now: string;
  builtAt: string;
  buildSeconds: number;
  /** Hash of the app's migrations: a database built with other (or edited) migrations is rebuilt. */
  schema: string;
};

export function schemaFingerprint(): string {
  const hash = createHash('sha1');
  for (const m of readMigrations()) hash.update(m.name).update(m.sql);
  return hash.digest('hex').slice(0, 16);
}

export function benchDatabaseName(p: BenchParams): string {
  return `gridsight_bench_${p.grids}_${p.cases}`;
}

/** DATABASE_URL with its database replaced by `name`. */
export function databaseUrl(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(baseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The stamp of a complete earlier build with the same parameters, or null. */
export async function readBuildStamp(baseUrl: string, p: BenchParams): Promise<BuildStamp | null> {
  return withAdmin(baseUrl, async (client) => {
    const res = await client.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [benchDatabaseName(p)],
    );
    const comment = res.rows[0]?.comment;
    if (!comment) return null;
    try {
      const stamp = JSON.parse(comment) as BuildStamp;
      const same =
        stamp.complete &&
        stamp.grids === p.grids &&
        stamp.cases === p.cases &&
        stamp.seed === p.seed &&
        stamp.schema === schemaFingerprint();
      return same ? stamp : null;
    } catch {
      return null;
    }
  });
}

/** Drops (closing other sessions) and creates the bench database; returns its URL. */
export async function recreateBenchDatabase(baseUrl: string, p: BenchParams): Promise<string> {
  const name = benchDatabaseName(p);
  const current = new URL(baseUrl).pathname.slice(1);
  if (name === current) throw new Error(`DATABASE_URL points at ${name}; point it at another database`);
  await withAdmin(baseUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  });
  return databaseUrl(baseUrl, name);
}

export async function writeBuildStamp(baseUrl: string, stamp: BuildStamp): Promise<void> {
  const literal = JSON.stringify(stamp).replaceAll("'", "''");
  await withAdmin(baseUrl, (client) =>
    client.query(`COMMENT ON DATABASE ${benchDatabaseName(stamp)} IS '${literal}'`),
  );
}

/** "PostgreSQL 15.x" and the PostGIS version of the server, for the report. */
export async function serverVersions(url: string): Promise<{ postgres: string; postgis: string }> {
  return withAdmin(url, async (client) => {
    const res = await client.query<{ pg: string; gis: string }>(
      `SELECT current_setting('server_version') AS pg, postgis_lib_version() AS gis`,
    );
    return { postgres: res.rows[0]?.pg ?? '?', postgis: res.rows[0]?.gis ?? '?' };
  });
}
