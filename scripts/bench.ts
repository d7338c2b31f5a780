/**
 * The city-scale benchmark (issue #8):
 *   DATABASE_URL=postgres://… npm run bench [-- --grids 50000 --cases 5000000 | --smoke] [--keep] [--out FILE]
 * Builds gridsight_bench_<grids>_<cases> on the DATABASE_URL server (never touching that database
 * itself), measures the API and its raw SQL, and writes bench-results/<date>.json and BENCHMARKS.md.
 */
import { parseArgs } from 'node:util';
import {
  type BenchParams,
  benchDatabaseName,
  databaseUrl,
  readBuildStamp,
  recreateBenchDatabase,
  writeBuildStamp,
} from './bench/database';
import { buildBenchDatabase } from './bench/load';

const SEED = 8;

type Options = BenchParams & { smoke: boolean; keep: boolean; out: string | undefined; buildOnly: boolean };

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      grids: { type: 'string' },
      cases: { type: 'string' },
      smoke: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      out: { type: 'string' },
      'build-only': { type: 'boolean', default: false },
    },
  });
  const smoke = values.smoke ?? false;
  const int = (v: string | undefined, fallback: number, name: string) => {
    if (v === undefined) return fallback;
    const n = Number(v.replaceAll('_', ''));
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} needs a positive whole number, got "${v}"`);
    return n;
  };
  return {
    grids: int(values.grids, smoke ? 1_000 : 50_000, 'grids'),
    cases: int(values.cases, smoke ? 100_000 : 5_000_000, 'cases'),
    seed: SEED,
    smoke,
    keep: values.keep ?? false,
    out: values.out,
    buildOnly: values['build-only'] ?? false,
  };
}

async function main(): Promise<number> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    console.error(
      'npm run bench needs a PostgreSQL/PostGIS server: set DATABASE_URL, e.g.\n' +
        '  DATABASE_URL=postgres://gridsight:gridsight@127.0.0.1:5432/gridsight npm run bench -- --smoke\n' +
        'The role must be allowed to create databases; the benchmark builds its own database ' +
        '(gridsight_bench_<grids>_<cases>) and leaves the DATABASE_URL database untouched.',
    );
    return 2;
  }
  const opts = parseOptions();
  const started = performance.now();
  const name = benchDatabaseName(opts);
  let stamp = opts.keep ? await readBuildStamp(baseUrl, opts) : null;
  const url = databaseUrl(baseUrl, name);
  if (stamp) {
    console.log(`[bench] --keep: reusing ${name} built ${stamp.builtAt}`);
  } else {
    console.log(`[bench] building ${name}: ${opts.grids} grids, ${opts.cases} cases (seed ${opts.seed})`);
    await recreateBenchDatabase(baseUrl, opts);
    const now = new Date();
    const summary = await buildBenchDatabase({
      url,
      grids: opts.grids,
      cases: opts.cases,
      seed: opts.seed,
      now,
    });
    const buildSeconds = Math.round((performance.now() - started) / 100) / 10;
    console.log(`[bench] built in ${buildSeconds} s: ${JSON.stringify(summary)}`);
    stamp = {
      grids: opts.grids,
      cases: opts.cases,
      seed: opts.seed,
      complete: true,
      now: now.toISOString(),
      builtAt: new Date().toISOString(),
      buildSeconds,
    };
    await writeBuildStamp(baseUrl, stamp);
  }
  if (opts.buildOnly) return 0;
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`[bench] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
