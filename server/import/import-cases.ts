import type { Db } from '../db/db';
import { DbError } from '../db/db';
import type { SlaOverrides } from '../domain/sla';
import type { CaseEventBus } from '../live/case-event-bus';
import { type BatchResult, type ImportCaseRow, insertCaseBatch } from '../queries/case-import';
import { listLiveEvents } from '../queries/cases';
import { checkImportRecord } from './case-import-row';
import type { SourceRecord } from './csv-records';

export type RowError = { row: number; reason: string };

export type ImportReport = {
  rows: number;
  inserted: number;
  duplicates: number;
  errors: RowError[];
  seconds: number;
};

export type ImportOptions = {
  now: Date;
  slaOverrides?: SlaOverrides;
  /** ~2,000 rows keep one statement's jsonb parameter under a megabyte and commits frequent. */
  batchSize?: number;
  actor?: string;
  onProgress?: (report: ImportReport) => void;
  /** In the server process, committed rows are announced to live clients. */
  events?: CaseEventBus;
};

const OUTSIDE = 'the point lies outside every grid of the published boundary version';

/**
 * Inserts a batch; if the database refuses it (a rule the row check does not know), splits it in
 * halves until the offending rows are isolated and reported, so the valid rows still go in.
 */
async function insertIsolating(
  db: Db,
  rows: ImportCaseRow[],
  actor: string,
  errors: RowError[],
): Promise<{ rows: ImportCaseRow[]; result: BatchResult }[]> {
  try {
    return [{ rows, result: await db.transaction((tx) => insertCaseBatch(tx, rows, actor)) }];
  } catch (err) {
    if (!(err instanceof DbError)) throw err;
    const [only] = rows;
    if (rows.length === 1 && only) {
      errors.push({ row: only.row_no, reason: `rejected by the database: ${err.message}` });
      return [];
    }
    const half = Math.ceil(rows.length / 2);
    return [
      ...(await insertIsolating(db, rows.slice(0, half), actor, errors)),
      ...(await insertIsolating(db, rows.slice(half), actor, errors)),
    ];
  }
}

async function announce(db: Db, events: CaseEventBus, first: number, last: number, now: Date) {
  for (const e of await listLiveEvents(
    db,
    { afterId: first - 1, upToId: last, limit: last - first + 1, take: 'oldest' },
    now,
  )) {
    events.publish(e);
  }
}

/** Each row's outcome: outside, inserted (first row of its externalId that went in), or already present. */
function tally(report: ImportReport, rows: ImportCaseRow[], result: BatchResult) {
  const outside = new Set(result.outsideRows);
  const inserted = new Set(result.insertedExternalIds);
  for (const row of rows) {
    if (outside.has(row.row_no)) report.errors.push({ row: row.row_no, reason: OUTSIDE });
    else if (inserted.delete(row.external_id)) report.inserted += 1;
    else report.duplicates += 1;
  }
}

/** Checks every record, commits the valid ones in batches, and reports each rejected row by number. */
export async function importCases(
  db: Db,
  records: AsyncIterable<SourceRecord> | Iterable<SourceRecord>,
  options: ImportOptions,
) {
  const started = Date.now();
  const report: ImportReport = { rows: 0, inserted: 0, duplicates: 0, errors: [], seconds: 0 };
  const actor = options.actor ?? 'import';
  let batch: ImportCaseRow[] = [];
  const flush = async () => {
    for (const { rows, result } of await insertIsolating(db, batch, actor, report.errors)) {
      tally(report, rows, result);
      if (options.events && result.firstEventId !== null && result.lastEventId !== null) {
        await announce(db, options.events, result.firstEventId, result.lastEventId, options.now);
      }
    }
    batch = [];
    report.seconds = (Date.now() - started) / 1000;
    options.onProgress?.(report);
  };
  for await (const { row, record } of records) {
    report.rows += 1;
    const checked = checkImportRecord(row, record, options.now, options.slaOverrides);
    if (checked.ok) batch.push(checked.row);
    else report.errors.push({ row, reason: checked.reason });
    if (batch.length >= (options.batchSize ?? 2000)) await flush();
  }
  await flush();
  report.errors.sort((a, b) => a.row - b.row);
  return report;
}
