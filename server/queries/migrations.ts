import type { Db } from '../db/db';

export async function ensureMigrationTable(db: Db): Promise<void> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    name text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
}

export async function listApplied(db: Db): Promise<string[]> {
  const rows = await db.query<{ name: string }>('SELECT name FROM schema_migration ORDER BY name');
  return rows.map((r) => r.name);
}

export async function recordApplied(db: Db, name: string): Promise<void> {
  await db.query('INSERT INTO schema_migration (name) VALUES ($1)', [name]);
}
