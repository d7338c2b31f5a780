/**
 * Builds the benchmark database: the app's migrations, the synthetic city (city.ts) and its cases
 * (cases.ts) loaded with COPY, then the app's own rollup rebuild (the parts of stats_refresh_rollups,
 * two at a time) and ANALYZE.
 *
 * Cases and events stream from the generator into two COPY connections at once, with the tables'
 * secondary indexes, keys and user triggers set aside during the load and restored afterwards (two
 * connections build them in parallel); the rollups are then rebuilt set-based, as the migration's
 * comment asks of any writer that bypasses the triggers.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import cliProgress from 'cli-progress';
import pg from 'pg';
import type { Db } from '../../server/db/db';
import { migrate } from '../../server/db/migrate';
import { openPostgres } from '../../server/db/postgres';
import { syncVocabulary } from '../../server/db/vocabulary';
import { insertPublishedVersion } from '../../server/queries/demo';
import { refreshStatsWindow } from '../../server/queries/stats-window';
import { personName } from '../demo/people';
import { createRandom } from '../demo/random';
import { splitDays } from './cases';
import { buildCity, type City, ringToEwkt } from './city';
import { openCopy } from './copy-stream';
import type { CopyJob } from './copy-worker';

export type LoadOptions = { url: string; grids: number; cases: number; seed: number; now: Date };

export type LoadSummary = {
  versionId: number;
  grids: { level1: number; level2: number; level3: number };
  staff: number;
  cases: number;
  caseEvents: number;
  bbox: [number, number, number, number];
  /** Seconds per phase. */
  phases: Record<string, number>;
};

const BULK_TABLES = ['cases', 'case_event'] as const;
const LOADERS = 2;
const COPY_WORKER = fileURLToPath(new URL('./copy-worker.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));

function log(line: string): void {
  console.log(`[bench] ${line}`);
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, options: '-c jit=off' });
  await client.connect();
  await client.query(`SET maintenance_work_mem = '512MB'`);
  // The loader already runs two connections on two cores: parallel workers on top only contend.
  await client.query('SET max_parallel_maintenance_workers = 0');
  await client.query('SET max_parallel_workers_per_gather = 0');
  return client;
}

function bar(label: string, total: number) {
  const b = new cliProgress.SingleBar(
    {
      format: `[bench] ${label.padEnd(8)} [{bar}] {percentage}% | {value}/{total} | {duration}s elapsed, eta {eta}s`,
      noTTYOutput: true,
      notTTYSchedule: 15_000,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  b.start(total, 0);
  return b;
}

function gridsCopyText(city: City, versionId: number): string {
  return city.grids
    .map(
      (g) =>
        `${versionId}\t${g.code}\t${g.name}\t${g.level}\t${g.kind}\t${g.parentCode ?? '\\N'}\t${g.households}\t${g.population}\t${ringToEwkt(g.ring)}\n`,
    )
    .join('');
}

/** A grid worker in most level-3 grids (93 %), a grid head per level-2 grid; Pingxiang office numbers. */
function staffCopyText(city: City, seed: number): { text: string; count: number } {
  const random = createRandom(seed).fork('staff');
  const rows: string[] = [];
  const phone = () => `0799-${String(random.int(0, 9_999_999)).padStart(7, '0')}`;
  for (const g of city.grids) {
    if (g.level === 3 && random.chance(0.93))
      rows.push(`${personName(random)}\tgrid_worker\t${g.code}\t${phone()}\n`);
    if (g.level === 2) rows.push(`${personName(random)}\tgrid_head\t${g.code}\t${phone()}\n`);
  }
  return { text: rows.join(''), count: rows.length };
}

type SetAside = {
  constraints: { table: string; name: string; def: string; type: string }[];
  indexes: string[];
};

/** Drops the keys and secondary indexes of cases/case_event (and foreign keys pointing at them). */
async function setAsideIndexes(client: pg.Client): Promise<SetAside> {
  const tables = BULK_TABLES.map((t) => `'${t}'::regclass`).join(', ');
  const constraints = (
    await client.query<{ table: string; name: string; def: string; type: string }>(
      `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS def,
              contype::text AS type
       FROM pg_constraint
       WHERE contype IN ('p', 'u', 'f') AND (conrelid IN (${tables}) OR confrelid IN (${tables}))`,
    )
  ).rows;
  const indexes = (
    await client.query<{ def: string; name: string }>(
      `SELECT pg_get_indexdef(i.indexrelid) AS def, i.indexrelid::regclass::text AS name
       FROM pg_index i
       WHERE i.indrelid IN (${tables})
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    )
  ).rows;
  for (const c of constraints.filter((x) => x.type === 'f'))
    await client.query(`ALTER TABLE ${c.table} DROP CONSTRAINT ${c.name}`);
  for (const c of constraints.filter((x) => x.type !== 'f'))
    await client.query(`ALTER TABLE ${c.table} DROP CONSTRAINT ${c.name}`);
  for (const i of indexes) await client.query(`DROP INDEX ${i.name}`);
  for (const t of BULK_TABLES) await client.query(`ALTER TABLE ${t} DISABLE TRIGGER USER`);
  // No autovacuum racing the load, the index builds and the rollups: the build ends with VACUUM (ANALYZE).
  for (const t of BULK_TABLES) await client.query(`ALTER TABLE ${t} SET (autovacuum_enabled = false)`);
  return { constraints, indexes: indexes.map((i) => i.def) };
}

/** Runs statements on `clients` in parallel, each client taking the next statement when free. */
async function runParallel(clients: pg.Client[], statements: string[], done?: () => void): Promise<void> {
  const queue = [...statements];
  await Promise.all(
    clients.map(async (client) => {
      for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
        await client.query(s);
        done?.();
      }
    }),
  );
}

async function restoreIndexes(clients: pg.Client[], aside: SetAside, progress: () => void): Promise<void> {
  const add = (c: SetAside['constraints'][number]) =>
    `ALTER TABLE ${c.table} ADD CONSTRAINT ${c.name} ${c.def}`;
  const keys = aside.constraints.filter((c) => c.type !== 'f').map(add);
  // Keys first (foreign keys need them), the biggest index first so both connections stay busy.
  await runParallel(clients, keys);
  progress();
  const byCost = [...aside.indexes].sort((a, b) => Number(b.includes('gist')) - Number(a.includes('gist')));
  await runParallel(clients, byCost);
  progress();
  await runParallel(clients, aside.constraints.filter((c) => c.type === 'f').map(add));
  for (const t of BULK_TABLES) await clients[0]?.query(`ALTER TABLE ${t} ENABLE TRIGGER USER`);
  await clients[0]?.query(
    `SELECT setval(pg_get_serial_sequence('cases', 'id'), (SELECT max(id) FROM cases))`,
  );
  await clients[0]?.query(
    `SELECT setval(pg_get_serial_sequence('case_event', 'id'), (SELECT max(id) FROM case_event))`,
  );
  progress();
}

async function timed<T>(phases: Record<string, number>, name: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await fn();
  phases[name] = Math.round((performance.now() - started) / 100) / 10;
  log(`${name}: ${phases[name]} s`);
  return result;
}

/** Runs one copy-worker.ts child; `onCases` gets each day's case count; resolves with its event count. */
function runCopyWorker(job: CopyJob, onCases: (n: number) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, COPY_WORKER, JSON.stringify(job)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let events = -1;
    let rest = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      const lines = (rest + d.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        const [kind, a, b] = line.split(' ');
        if (kind === 'progress') onCases(Number(a));
        if (kind === 'done') events = Number(b);
      }
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0 && events >= 0) resolve(events);
      else
        reject(new Error(`case loader for days ${job.days.join('-')} exited ${code}: ${err.slice(-1500)}`));
    });
  });
}

/**
 * Cases and events from LOADERS child processes, each generating a range of days and COPYing on its
 * own connections: generation is the bottleneck of a single process (PostgreSQL waits on the client).
 */
async function loadCases(opts: LoadOptions, versionId: number): Promise<number> {
  const progress = bar('cases', opts.cases);
  let done = 0;
  try {
    const counts = await Promise.all(
      splitDays(opts.cases, opts.now, LOADERS).map((days) =>
        runCopyWorker(
          {
            url: opts.url,
            grids: opts.grids,
            cases: opts.cases,
            seed: opts.seed,
            now: opts.now.toISOString(),
            versionId,
            days,
          },
          (n) => {
            done += n;
            progress.update(done);
          },
        ),
      ),
    );
    return counts.reduce((a, b) => a + b, 0);
  } finally {
    progress.stop();
  }
}

/** Migrations, vocabulary, one published boundary version, grids, staff, cases, events, rollups. */
export async function buildBenchDatabase(opts: LoadOptions): Promise<LoadSummary> {
  const phases: Record<string, number> = {};
  const db: Db = await openPostgres({ connectionString: opts.url, max: 2 });
  const clients: [pg.Client, pg.Client] = [await connect(opts.url), await connect(opts.url)];
  try {
    await timed(phases, 'migrate', async () => {
      await migrate(db);
      await syncVocabulary(db);
    });
    const city = await timed(phases, 'city', async () => buildCity(opts.grids, opts.seed));
    const versionId = await insertPublishedVersion(
      db,
      `基准测试城市 ${opts.grids} 网格`,
      `npm run bench: ${opts.grids} level-3 grids, ${opts.cases} cases, seed ${opts.seed}`,
      new Date(opts.now.getTime() - 400 * 86_400_000),
    );
    const staff = await timed(phases, 'grids', async () => {
      const grids = openCopy(
        clients[0],
        'COPY grid (version_id, code, name, level, kind, parent_code, households, population, geom) FROM STDIN',
      );
      await grids.write(gridsCopyText(city, versionId));
      await grids.end();
      const s = staffCopyText(city, opts.seed);
      const staffCopy = openCopy(clients[0], 'COPY staff (name, role, grid_code, phone) FROM STDIN');
      await staffCopy.write(s.text);
      await staffCopy.end();
      return s.count;
    });
    const aside = await setAsideIndexes(clients[0]);
    const caseEvents = await timed(phases, 'cases', () => loadCases(opts, versionId));
    await timed(phases, 'indexes', async () => {
      const progress = bar('indexes', 3);
      let step = 0;
      try {
        await restoreIndexes(clients, aside, () => progress.update(++step));
      } finally {
        progress.stop();
      }
    });
    // The app's rebuild (stats_refresh_rollups), its independent parts on both connections at once.
    await timed(phases, 'rollups', async () => {
      const { rows } = await (clients[0] as pg.Client).query<{ part: string }>(
        'SELECT unnest(stats_rollup_parts()) AS part',
      );
      const progress = bar('rollups', rows.length);
      let done = 0;
      try {
        await runParallel(
          clients,
          rows.map((r) => `SELECT ${r.part}()`),
          () => progress.update(++done),
        );
      } finally {
        progress.stop();
      }
    });
    await timed(phases, 'analyze', async () => {
      await runParallel(clients, [
        'VACUUM (ANALYZE) cases',
        'VACUUM (ANALYZE) case_event',
        'VACUUM (ANALYZE) stats_tier_day',
        'VACUUM (ANALYZE) stats_tier_day_duration',
        'VACUUM (ANALYZE) case_tile_bin',
        'VACUUM (ANALYZE) case_tile_day_bin',
        'VACUUM (ANALYZE) grid',
        'VACUUM (ANALYZE) staff',
      ]);
      for (const t of BULK_TABLES) await clients[0].query(`ALTER TABLE ${t} RESET (autovacuum_enabled)`);
    });
    // The kept per-grid figures of the default window (migration 019), as the server's upkeep job
    // would make them on its first tick: the first request should not pay for them.
    await timed(phases, 'window', async () => {
      await refreshStatsWindow(db, new Date());
    });
    const level = (n: number) => city.grids.filter((g) => g.level === n).length;
    return {
      versionId,
      grids: { level1: level(1), level2: level(2), level3: level(3) },
      staff,
      cases: opts.cases,
      caseEvents,
      bbox: city.bbox,
      phases,
    };
  } finally {
    await Promise.all(clients.map((c) => c.end()));
    await db.close();
  }
}
