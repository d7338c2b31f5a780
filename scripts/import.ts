/**
 * Bulk import: `npm run import -- cases FILE [--batch N] [--errors PATH]`.
 * FILE is CSV (header: externalId,lon,lat,category,source,priority,title,description,address,
 * reporterName,reporterPhone,reportedAt) or GeoJSON (.geojson/.json FeatureCollection of Points with
 * the same properties). Valid rows are committed in batches; rejected rows are listed by row number
 * (data rows from 1, header not counted) and written to an error report. Re-importing adds nothing.
 * Exit code: 0 all rows in (or already there), 3 some rows rejected, 1 failure.
 */
import { createReadStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/open';
import { csvRecords, type SourceRecord } from '../server/import/csv-records';
import { geojsonRecords } from '../server/import/geojson-records';
import { type ImportReport, importCases } from '../server/import/import-cases';

type Args = { file: string; batchSize: number; errorsPath: string };

function parseArgs(argv: string[]): Args {
  const [kind, file, ...rest] = argv;
  if (kind !== 'cases' || !file) {
    throw new Error('Usage: npm run import -- cases FILE.csv|FILE.geojson [--batch 2000] [--errors PATH]');
  }
  const option = (name: string) => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const batchSize = Number(option('--batch') ?? 2000);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 20_000)
    throw new Error('--batch must be 1-20000');
  return { file, batchSize, errorsPath: option('--errors') ?? `${file}.errors.csv` };
}

/** CSV streams (progress by bytes); GeoJSON is parsed whole (progress by features). */
function openRecords(
  file: string,
  bar: cliProgress.SingleBar,
): AsyncIterable<SourceRecord> | Iterable<SourceRecord> {
  if (/\.(geo)?json$/i.test(file)) {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { features?: unknown[] };
    bar.start(doc.features?.length ?? 0, 0, { unit: 'features' });
    return geojsonRecords(doc);
  }
  bar.start(statSync(file).size, 0, { unit: 'bytes' });
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  async function* counted() {
    let bytes = 0;
    for await (const chunk of stream as AsyncIterable<string>) {
      bytes += Buffer.byteLength(chunk);
      bar.update(bytes);
      yield chunk;
    }
  }
  return csvRecords(counted());
}

function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function printReport(report: ImportReport, args: Args): void {
  const rate = report.seconds > 0 ? Math.round(report.rows / report.seconds) : report.rows;
  console.log(
    `Imported ${report.inserted} new case(s) from ${report.rows} row(s) in ${report.seconds.toFixed(1)} s ` +
      `(${rate} rows/s); ${report.duplicates} already present; ${report.errors.length} rejected.`,
  );
  if (report.errors.length === 0) return;
  for (const e of report.errors.slice(0, 20)) console.log(`  row ${e.row}: ${e.reason}`);
  if (report.errors.length > 20) console.log(`  ... and ${report.errors.length - 20} more`);
  const lines = ['row,reason', ...report.errors.map((e) => `${e.row},${csvCell(e.reason)}`)];
  writeFileSync(args.errorsPath, `${lines.join('\n')}\n`);
  console.log(`Error report: ${args.errorsPath}`);
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const { db } = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
  });
  const bar = new cliProgress.SingleBar(
    { format: 'cases |{bar}| {percentage}% | {value}/{total} {unit} | {eta_formatted}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  try {
    const records = openRecords(args.file, bar);
    const isGeojson = /\.(geo)?json$/i.test(args.file);
    const report = await importCases(db, records, {
      now: new Date(),
      slaOverrides: config.slaOverrides,
      batchSize: args.batchSize,
      onProgress: (r) => {
        if (isGeojson) bar.update(r.rows);
      },
    });
    bar.stop();
    printReport(report, args);
    return report.errors.length > 0 ? 3 : 0;
  } finally {
    bar.stop();
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`Import failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
