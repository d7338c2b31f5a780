/**
 * The city-scale benchmark (issue #8):
 *   DATABASE_URL=postgres://… npm run bench [-- --grids 50000 --cases 5000000 | --smoke] [--keep] [--out FILE]
 * Builds gridsight_bench_<grids>_<cases> on the DATABASE_URL server (never touching that database
 * itself), measures the API and its raw SQL, and writes bench-results/<date>.json and BENCHMARKS.md.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { createApp } from '../server/app';
import { withCaseDefaults } from '../server/cases/case-deps';
import { openDatabase } from '../server/db/open';
import { openPostgres } from '../server/db/postgres';
import { locateGrid } from '../server/queries/case-intake';
import { refreshStatsWindow } from '../server/queries/stats-window';
import { startStatsUpkeep } from '../server/stats/stats-upkeep';
import { tileEncoderFor } from '../server/tiles/render';
import { buildCity, CITY_CENTRE } from './bench/city';
import {
  type BenchParams,
  benchDatabaseName,
  databaseUrl,
  readBuildStamp,
  recreateBenchDatabase,
  schemaFingerprint,
  serverVersions,
  writeBuildStamp,
} from './bench/database';
import { createBenchClient } from './bench/http';
import { buildBenchDatabase, type LoadSummary } from './bench/load';
import { runLoad } from './bench/loadtest';
import { measureQueries, tilesAround } from './bench/measure';
import { chooseVertices, measurePublishApi, measurePublishSql } from './bench/publish';
import {
  type BenchResult,
  evaluateTargets,
  renderMarkdown,
  writeBenchmarksMd,
  writeJson,
} from './bench/report';
import { measureWeb } from './bench/web';

const WEB_DIST = fileURLToPath(new URL('../web/dist/', import.meta.url));
const RESULTS_DIR = fileURLToPath(new URL('../bench-results/', import.meta.url));
const BENCHMARKS_MD = fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url));

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
  let built: LoadSummary | null = null;
  const url = databaseUrl(baseUrl, name);
  if (stamp) {
    console.log(`[bench] --keep: reusing ${name} built ${stamp.builtAt}`);
  } else {
    if (opts.keep) console.log(`[bench] --keep: no complete ${name} built with these migrations; rebuilding`);
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
    built = summary;
    const buildSeconds = Math.round((performance.now() - started) / 100) / 10;
    console.log(`[bench] built in ${buildSeconds} s: ${JSON.stringify(summary)}`);
    stamp = {
      grids: opts.grids,
      cases: opts.cases,
      seed: opts.seed,
      complete: true,
      schema: schemaFingerprint(),
      now: now.toISOString(),
      builtAt: new Date().toISOString(),
      buildSeconds,
    };
    await writeBuildStamp(baseUrl, stamp);
  }
  if (opts.buildOnly) return 0;
  const result = await measure(opts, url, stamp, built, started);
  const markdown = renderMarkdown(result);
  console.log(`\n${markdown}\n`);
  const out =
    opts.out ??
    `${RESULTS_DIR}${result.date.replaceAll(':', '-').slice(0, 19)}${opts.smoke ? '-smoke' : ''}.json`;
  writeJson(out, result);
  console.log(`[bench] wrote ${out}`);
  if (!opts.smoke) {
    writeBenchmarksMd(BENCHMARKS_MD, markdown);
    console.log(`[bench] updated ${BENCHMARKS_MD}`);
  }
  return 0;
}

/** The district the bench's app and SQL-side intakes run as. */
const BENCH_DISTRICT = { code: '510100', name: '基准测试城市' };

function log(line: string): void {
  console.log(`[bench] ${line}`);
}

async function measure(
  opts: Options,
  url: string,
  stamp: { buildSeconds: number },
  built: LoadSummary | null,
  started: number,
): Promise<BenchResult> {
  const loadAverage = loadavg();
  const versions = await serverVersions(url);
  const { db, capabilities } = await openDatabase({ databaseUrl: url, dataDir: undefined });
  const sqlDb = await openPostgres({ connectionString: url, max: 4 });
  const hasWeb = existsSync(`${WEB_DIST}index.html`);
  const app = createApp(
    { db, capabilities, district: BENCH_DISTRICT },
    hasWeb ? { webDistDir: WEB_DIST } : {},
  );
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  // As server/main.ts: the upkeep job keeps the rollup queue short and stats_window current.
  const stopUpkeep = startStatsUpkeep(db, log);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const client = await createBenchClient(base, sqlDb, ['leader', 'dispatcher', 'planner']);
    const city = buildCity(opts.grids, opts.seed);
    const centre: [number, number] = [CITY_CENTRE[0] + 0.004, CITY_CENTRE[1] + 0.003];
    const area = await locateGrid(sqlDb, centre[0], centre[1]);
    if (!area) throw new Error('no grid at the city centre: is this a bench database?');
    const now = new Date();
    log(`server on ${base}; measuring (area ${area.gridL1Code}) ...`);
    const measurements = await measureQueries({
      client,
      db: sqlDb,
      caseDeps: withCaseDefaults({ db: sqlDb, capabilities, district: BENCH_DISTRICT }),
      encoder: tileEncoderFor(capabilities),
      now,
      bbox: city.bbox,
      centre,
      areaCode: area.gridL1Code,
      smoke: opts.smoke,
      log,
    });

    log('boundary draft and publish ...');
    const moves = chooseVertices(city, opts.smoke ? 100 : 1_000);
    const publishApi = await measurePublishApi(client, sqlDb, moves);
    log(`publish via API: ${JSON.stringify(publishApi)}`);
    // The smoke run (CI) publishes once, through the API; the full run also through the query modules.
    const publishSql = opts.smoke ? null : await measurePublishSql(sqlDb, moves, now);
    if (publishSql) log(`publish via query modules: ${JSON.stringify(publishSql)}`);

    // A publish starts stats_window over; the upkeep job would do it within 5 s. Do it here, timed,
    // so the load runs below do not share the cores with it.
    const rebuildStarted = performance.now();
    await refreshStatsWindow(sqlDb, new Date());
    log(`stats window after the publish: ${Math.round(performance.now() - rebuildStarted)} ms`);

    const seconds = opts.smoke ? 3 : 20;
    log(`load: intake c=32 for ${seconds} s ...`);
    const inner = city.bbox;
    const innerBox: [number, number, number, number] = [
      inner[0] + (inner[2] - inner[0]) * 0.25,
      inner[1] + (inner[3] - inner[1]) * 0.25,
      inner[2] - (inner[2] - inner[0]) * 0.25,
      inner[3] - (inner[3] - inner[1]) * 0.25,
    ];
    const intake = await runLoad({
      url: `${base}/api/cases`,
      kind: 'intake',
      connections: 32,
      durationSeconds: seconds,
      headers: client.authHeaders('dispatcher', 'POST'),
      bbox: innerBox,
    });
    log(`intake load: ${JSON.stringify(intake)}`);
    const tilePaths = [
      ...[10, 12, 13, 14, 15, 16].flatMap((z) =>
        tilesAround(centre, city.bbox, z).map((t) => `/api/tiles/cases/${t.z}/${t.x}/${t.y}.mvt`),
      ),
      ...[11, 12, 14].flatMap((z) =>
        tilesAround(centre, city.bbox, z).map((t) => `/api/tiles/grids/${t.z}/${t.x}/${t.y}.mvt?level=3`),
      ),
    ];
    log(`load: tiles c=64 for ${seconds} s over ${tilePaths.length} URLs ...`);
    const tiles = await runLoad({
      url: base,
      kind: 'tiles',
      connections: 64,
      durationSeconds: seconds,
      headers: client.authHeaders('leader', 'GET'),
      paths: tilePaths,
    });
    log(`tiles load: ${JSON.stringify(tiles)}`);

    log('web: bundle size and big screen first render ...');
    mkdirSync(RESULTS_DIR, { recursive: true });
    const cookie = client.authHeaders('leader').cookie ?? null;
    const web = hasWeb
      ? await measureWeb(WEB_DIST, base, cookie, `${RESULTS_DIR}bigscreen-${opts.grids}.png`)
      : null;
    log(`web: ${JSON.stringify(web)}`);

    const result: BenchResult = {
      date: new Date().toISOString(),
      command: `npm run bench --${opts.smoke ? ' --smoke' : ''} --grids ${opts.grids} --cases ${opts.cases}${opts.keep ? ' --keep' : ''}`,
      machine: {
        cores: cpus().length,
        cpu: cpus()[0]?.model ?? '?',
        ramGb: Math.round(totalmem() / 2 ** 30),
        postgres: versions.postgres,
        postgis: versions.postgis,
        node: process.version,
        loadAverage,
      },
      params: { grids: opts.grids, cases: opts.cases, seed: opts.seed, smoke: opts.smoke },
      build: built
        ? { reused: false, seconds: stamp.buildSeconds, phases: built.phases, caseEvents: built.caseEvents }
        : { reused: true, seconds: stamp.buildSeconds },
      measurements,
      publish: { api: publishApi, sql: publishSql },
      load: { intake, tiles, tileUrls: tilePaths.length },
      web:
        web ??
        (hasWeb
          ? null
          : {
              bundle: { jsGzipBytes: 0, cssGzipBytes: 0, files: 0 },
              bigScreen: null,
              note: 'web/dist missing: run npm run build',
            }),
      targets: [],
      seconds: Math.round((performance.now() - started) / 1000),
    };
    result.targets = evaluateTargets(result);
    return result;
  } finally {
    await stopUpkeep();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await sqlDb.close();
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`[bench] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
