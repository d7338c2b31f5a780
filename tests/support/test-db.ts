import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Capabilities, detectCapabilities } from '../../server/db/capabilities';
import type { Backend, Db } from '../../server/db/db';
import { openPglite } from '../../server/db/pglite';
import { openPostgres } from '../../server/db/postgres';
import { databaseUrlFor } from './backends';
import type { Template } from './templates';

export type TestDb = { db: Db; capabilities: Capabilities; close(): Promise<void> };

/**
 * A private database for one test file, copied from a template built in global setup:
 * PGlite restores the template dump in memory; PostgreSQL clones the template database.
 */
export async function openTestDb(backend: Backend, template: Template = 'demo'): Promise<TestDb> {
  if (backend === 'pglite') {
    const dump = readFileSync(inject('pgliteTemplates')[template]);
    const db = await openPglite({ dataDir: undefined, loadDataDir: new Blob([dump]) });
    return { db, capabilities: await detectCapabilities(db), close: () => db.close() };
  }
  const templates = inject('postgresTemplates');
  if (!templates) throw new Error('PostgreSQL templates were not built (TEST_DATABASE_URL unset)');
  const name = `gridsight_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templates[template]}`);
  const db = await openPostgres({ connectionString: databaseUrlFor(name), max: 8 });
  return {
    db,
    capabilities: await detectCapabilities(db),
    async close() {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
