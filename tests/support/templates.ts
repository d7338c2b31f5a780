import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import pg from 'pg';
import { isDatabaseEmpty, loadDemoData } from '../../scripts/demo/load';
import type { Db } from '../../server/db/db';
import { migrate } from '../../server/db/migrate';
import { wrapPglite } from '../../server/db/pglite';
import { openPostgres } from '../../server/db/postgres';
import { syncVocabulary } from '../../server/db/vocabulary';
import { databaseUrlFor } from './backends';

export type Template = 'empty' | 'demo';

export const TEST_SEED = 20260301;
/** Demo data is generated relative to a fixed "now" so tests are repeatable. */
export const TEST_NOW = new Date('2026-11-20T08:00:00+08:00');

const ROOT = new URL('../../', import.meta.url).pathname;
const CACHE_DIR = join(ROOT, 'node_modules/.cache/gridsight-test');

/** Everything a template depends on; a change to any of these rebuilds the cached templates. */
function sourceFingerprint(): string {
  const hash = createHash('sha1');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|sql|json)$/.test(name)) hash.update(relative(ROOT, path)).update(readFileSync(path));
    }
  };
  for (const dir of ['server/db', 'scripts/demo', 'server/queries/demo.ts', 'data', 'server/domain']) {
    const path = join(ROOT, dir);
    if (!existsSync(path)) continue;
    if (statSync(path).isDirectory()) walk(path);
    else hash.update(dir).update(readFileSync(path));
  }
  hash.update(String(TEST_SEED)).update(TEST_NOW.toISOString());
  return hash.digest('hex').slice(0, 16);
}

async function fill(db: Db, template: Template): Promise<void> {
  await migrate(db);
  await syncVocabulary(db);
  if (template === 'demo' && (await isDatabaseEmpty(db))) {
    await loadDemoData(db, { seed: TEST_SEED, now: TEST_NOW });
  }
}

/**
 * A dump of other sources is deleted once unused for this long (each is 60–280 MB). Not at once: a
 * run that started before a source edit may still be opening its dump; runs last minutes, and every
 * run that reuses a dump touches it.
 */
const STALE_DUMP_MS = 60 * 60_000;

function pruneStaleDumps(current: readonly string[], log: (s: string) => void): void {
  const now = Date.now();
  let removed = 0;
  for (const name of readdirSync(CACHE_DIR)) {
    const path = join(CACHE_DIR, name);
    if (!name.startsWith('pglite-') || current.includes(path)) continue;
    if (now - statSync(path).mtimeMs < STALE_DUMP_MS) continue;
    rmSync(path, { force: true });
    removed += 1;
  }
  if (removed > 0) log(`Removed ${removed} PGlite template dump(s) of older sources.`);
}

/** Builds (or reuses) PGlite dumps of the empty and demo databases; returns their file paths. */
export async function buildPgliteTemplates(log: (s: string) => void): Promise<Record<Template, string>> {
  mkdirSync(CACHE_DIR, { recursive: true });
  const fp = sourceFingerprint();
  const paths = {
    empty: join(CACHE_DIR, `pglite-empty-${fp}.tar`),
    demo: join(CACHE_DIR, `pglite-demo-${fp}.tar`),
  };
  pruneStaleDumps(Object.values(paths), log);
  if (existsSync(paths.empty) && existsSync(paths.demo)) {
    const now = new Date();
    for (const path of Object.values(paths)) utimesSync(path, now, now);
    return paths;
  }
  log('Building PGlite test templates (once per source change) ...');
  for (const template of ['empty', 'demo'] as const) {
    const started = Date.now();
    const raw = await PGlite.create({ extensions: { postgis } });
    const db = wrapPglite(raw);
    await fill(db, template);
    const dump = await raw.dumpDataDir('none');
    // Write then rename: several test runs may build the same template at once.
    const tmp = `${paths[template]}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, paths[template]);
    await raw.close();
    log(`  PGlite ${template} template in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return paths;
}

/** Template database names carry the source fingerprint, so concurrent runs never rebuild one in use. */
export function templateDatabaseName(template: Template): string {
  return `gridsight_tpl_${template}_${sourceFingerprint()}`;
}

/**
 * Builds (or reuses) the PostgreSQL template databases on the TEST_DATABASE_URL server; returns their
 * names. Names are fixed here, once per run, so an edit during the run cannot point tests elsewhere.
 */
export async function buildPostgresTemplates(log: (s: string) => void): Promise<Record<Template, string>> {
  const names = { empty: templateDatabaseName('empty'), demo: templateDatabaseName('demo') };
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    // One builder at a time per server; the others wait and then find the templates ready.
    await admin.query('SELECT pg_advisory_lock(72817)');
    for (const template of ['empty', 'demo'] as const) {
      const name = names[template];
      const ready = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [`${name}`]);
      if (ready.rowCount) continue;
      const started = Date.now();
      const building = `${name}_building`;
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${building}`);
      const db = await openPostgres({ connectionString: databaseUrlFor(building), max: 2 });
      await fill(db, template);
      await db.close();
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      log(`  PostgreSQL ${template} template in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    await admin.query('SELECT pg_advisory_unlock(72817)').catch(() => undefined);
    await admin.end();
  }
  return names;
}
