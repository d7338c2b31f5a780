/**
 * `npm run seed [-- --seed N] [-- --force]`: loads the demo data (安源区, ~24,000 cases) into the
 * configured database (DATABASE_URL, or the embedded one in GRIDSIGHT_DATA_DIR) when it is empty.
 * It never deletes anything: on a database that already has grids it stops, and `--force` does not
 * change that — it only makes the refusal an error (exit code 1) for scripts that expect fresh data.
 */
import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/open';
import { type DemoSummary, isDatabaseEmpty, loadDemoData } from './demo/load';

const STEP_NAMES: Record<string, string> = {
  generate: 'generating',
  grids: 'grids',
  staff: 'staff',
  facilities: 'facilities',
  buildings: 'buildings',
  cases: 'cases',
  events: 'case events',
  rollups: 'rollups',
};

function printSummary(s: DemoSummary): void {
  console.log(
    [
      `Demo data loaded (seed ${s.seed}, cases up to ${s.now.toISOString()}):`,
      `  boundary version #${s.boundaryVersionId} (published)`,
      `  grids: ${s.grids.level1} level 1, ${s.grids.level2} level 2, ${s.grids.level3} level 3`,
      `  staff: ${s.staff} (${s.gridWorkers} grid workers); facilities: ${s.facilities}; buildings: ${s.buildings}`,
      `  cases: ${s.cases}; case events: ${s.caseEvents}`,
      `  generated in ${(s.generateMs / 1000).toFixed(1)} s, loaded in ${(s.loadMs / 1000).toFixed(1)} s`,
    ].join('\n'),
  );
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { force: { type: 'boolean', default: false }, seed: { type: 'string' } },
  });
  const config = loadConfig();
  const seed = values.seed === undefined ? config.seed : Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got "${values.seed}"`);
  const { db } = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
    log: (line) => console.log(line),
  });
  try {
    if (!(await isDatabaseEmpty(db))) {
      const where = config.databaseUrl
        ? 'The database at DATABASE_URL'
        : `The embedded database in ${config.dataDir}`;
      console.error(
        `${where} already holds boundary versions, so the demo data was not loaded; nothing was changed.\n` +
          'GridSight never deletes data by itself. To start over, drop and re-create that database ' +
          '(or delete the embedded data folder) and run `npm run seed` again.',
      );
      return values.force ? 1 : 0;
    }
    const bar = new SingleBar(
      { format: '{step} [{bar}] {value}/{total}', hideCursor: true },
      Presets.shades_classic,
    );
    let current = '';
    const summary = await loadDemoData(db, {
      seed,
      onProgress(step, done, total) {
        if (step !== current) {
          if (current) bar.stop();
          current = step;
          bar.start(total, done, { step: (STEP_NAMES[step] ?? step).padEnd(12) });
        } else {
          bar.update(done);
        }
      },
    });
    bar.stop();
    printSummary(summary);
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
