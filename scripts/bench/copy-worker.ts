/**
 * One of the parallel case loaders (load.ts spawns them): generates its range of days (cases.ts) and
 * COPYs cases and events on two connections of its own. Prints `progress <cases>` per day and
 * `done <cases> <events>` at the end, for the parent's progress bar.
 */
import pg from 'pg';
import { CASE_COLUMNS, caseBatches, EVENT_COLUMNS } from './cases';
import { buildCity } from './city';
import { openCopy } from './copy-stream';

export type CopyJob = {
  url: string;
  grids: number;
  cases: number;
  seed: number;
  now: string;
  versionId: number;
  days: [number, number];
};

async function run(job: CopyJob): Promise<void> {
  const city = buildCity(job.grids, job.seed);
  const clients = [
    new pg.Client({ connectionString: job.url }),
    new pg.Client({ connectionString: job.url }),
  ];
  await Promise.all(clients.map((c) => c.connect()));
  try {
    const [a, b] = clients as [pg.Client, pg.Client];
    const cases = openCopy(a, `COPY cases (${CASE_COLUMNS}) FROM STDIN`);
    const events = openCopy(b, `COPY case_event (${EVENT_COLUMNS}) FROM STDIN`);
    let caseCount = 0;
    let eventCount = 0;
    const batches = caseBatches(city, {
      cases: job.cases,
      seed: job.seed,
      now: new Date(job.now),
      versionId: job.versionId,
      days: job.days,
    });
    for (const batch of batches) {
      await Promise.all([cases.write(batch.cases), events.write(batch.events)]);
      caseCount += batch.caseCount;
      eventCount += batch.eventCount;
      process.stdout.write(`progress ${batch.caseCount}\n`);
    }
    await Promise.all([cases.end(), events.end()]);
    process.stdout.write(`done ${caseCount} ${eventCount}\n`);
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

run(JSON.parse(process.argv[2] ?? '{}') as CopyJob).catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
