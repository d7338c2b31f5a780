import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureMigrationTable, listApplied, recordApplied } from '../queries/migrations';
import type { Db } from './db';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);

export type Migration = { name: string; sql: string };

/** Ordered SQL files `NNN_name.sql`; the order of the number prefix is the order applied. */
export function readMigrations(dir: string = MIGRATIONS_DIR.pathname): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(dir, name), 'utf8') }));
}

/** Applies every migration not yet recorded, each in its own transaction. Returns the names applied. */
export async function migrate(db: Db, onApply?: (name: string) => void): Promise<string[]> {
  await ensureMigrationTable(db);
  const applied = new Set(await listApplied(db));
  const done: string[] = [];
  for (const m of readMigrations()) {
    if (applied.has(m.name)) continue;
    onApply?.(m.name);
    await db.transaction(async (tx) => {
      await tx.exec(m.sql);
      await recordApplied(tx, m.name);
    });
    done.push(m.name);
  }
  return done;
}
