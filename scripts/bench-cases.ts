/**
 * Measures case intake latency and bulk-import throughput on a scratch database:
 *   npx tsx scripts/bench-cases.ts [pglite|postgres] [--rows 100000] [--requests 1000]
 * postgres needs DATABASE_URL (a server where a scratch database may be created and dropped).
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import { detectCapabilities } from '../server/db/capabilities';
import type { Db } from '../server/db/db';
import { migrate } from '../server/db/migrate';
import { openPglite } from '../server/db/pglite';
import { openPostgres } from '../server/db/postgres';
import { syncVocabulary } from '../server/db/vocabulary';
import { csvRecords } from '../server/import/csv-records';
import { importCases } from '../server/import/import-cases';
import { createTilingFixture, insertPublishedVersion } from '../tests/support/fixtures';

type Scratch = { db: Db; drop(): Promise<void> };

async function openScratch(backend: string): Promise<Scratch> {
  if (backend === 'pglite') {
    const db = await openPglite({ dataDir: undefined });
    return { db, drop: () => db.close() };
  }
  const base = loadConfig().databaseUrl;
  if (!base) throw new Error('postgres needs DATABASE_URL');
  const name = `gridsight_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = await openPostgres({ connectionString: url.toString() });
  return {
    db,
    async drop() {
      await db.close();
      // Let the pool's sockets finish closing before the database goes away.
      await new Promise((r) => setTimeout(r, 200));
      await admin.query(`DROP DATABASE ${name}`);
      await admin.end();
    },
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

async function benchIntake(db: Db, requests: number): Promise<void> {
  const app = createApp({
    db,
    capabilities: await detectCapabilities(db),
    district: { code: '', name: 'bench' },
  });
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const body = JSON.stringify({
      lon: 113.8 + Math.random() * 0.1,
      lat: 27.6 + Math.random() * 0.1,
      category: 'dispute',
      source: 'hotline',
    });
    const started = performance.now();
    const res = await app.request('/api/cases', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    times.push(performance.now() - started);
    if (res.status !== 201) throw new Error(`intake answered ${res.status}: ${await res.text()}`);
  }
  times.sort((a, b) => a - b);
  console.log(
    `intake: ${requests} sequential requests, p50 ${percentile(times, 0.5).toFixed(2)} ms, p95 ${percentile(times, 0.95).toFixed(2)} ms`,
  );
}

function writeCsv(path: string, rows: number): void {
  const lines = ['externalId,lon,lat,category,source,priority,title,reportedAt'];
  const categories = ['dispute', 'environment', 'safety', 'facilities'];
  for (let i = 0; i < rows; i++) {
    const lon = (113.8 + Math.random() * 0.1).toFixed(6);
    const lat = (27.6 + Math.random() * 0.1).toFixed(6);
    const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    lines.push(`bench-${i},${lon},${lat},${categories[i % 4]},hotline,normal,批量导入第${i}件,${at}`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

async function benchImport(db: Db, rows: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gridsight-bench-'));
  try {
    const file = join(dir, 'cases.csv');
    writeCsv(file, rows);
    const records = csvRecords(createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 }));
    const report = await importCases(db, records, { now: new Date() });
    if (report.inserted !== rows)
      throw new Error(`imported ${report.inserted} of ${rows}: ${JSON.stringify(report.errors.slice(0, 3))}`);
    console.log(
      `import: ${rows} rows in ${report.seconds.toFixed(1)} s = ${Math.round(rows / report.seconds)} rows/s`,
    );
    const again = await importCases(db, csvRecords(createReadStream(file, { encoding: 'utf8' })), {
      now: new Date(),
    });
    console.log(
      `re-import: ${again.duplicates} duplicates, ${again.inserted} inserted, ${again.seconds.toFixed(1)} s`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const [backend = 'pglite', ...rest] = process.argv.slice(2);
  const option = (name: string, fallback: number) => {
    const i = rest.indexOf(name);
    return i >= 0 ? Number(rest[i + 1]) : fallback;
  };
  const scratch = await openScratch(backend);
  try {
    await migrate(scratch.db);
    await insertPublishedVersion(scratch.db, createTilingFixture());
    await syncVocabulary(scratch.db);
    console.log(`backend ${backend}`);
    await benchIntake(scratch.db, option('--requests', 1000));
    await benchImport(scratch.db, option('--rows', 100_000));
  } finally {
    await scratch.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
