/**
 * The bench's result: the targets of issue #8 judged met/missed, a Markdown table printed and written
 * between the markers of BENCHMARKS.md, and the whole result as JSON (bench-results/<date>.json).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LoadResult } from './loadtest';
import type { Figures, Measurement } from './measure';
import type { PublishMeasurement } from './publish';
import type { WebFigures } from './web';

export type BenchResult = {
  date: string;
  command: string;
  machine: {
    cores: number;
    cpu: string;
    ramGb: number;
    postgres: string;
    postgis: string;
    node: string;
    loadAverage: number[];
  };
  params: { grids: number; cases: number; seed: number; smoke: boolean };
  build: { reused: boolean; seconds: number; phases?: Record<string, number>; caseEvents?: number };
  measurements: Measurement[];
  publish: PublishMeasurement | null;
  load: { intake: LoadResult | null; tiles: LoadResult | null; tileUrls: number };
  web: WebFigures | null;
  targets: TargetRow[];
  seconds: number;
};

export type TargetRow = { target: string; measured: string; met: boolean | null };

const ms = (v: number | undefined | null) =>
  v === undefined || v === null ? '–' : v < 10 ? v.toFixed(2) : v.toFixed(0);
const ratio = (m: Measurement) =>
  m.api && m.sql && m.sql.p50 > 0 ? Math.round((m.api.p50 / m.sql.p50) * 100) / 100 : null;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0)} KB`;

function find(result: BenchResult, id: string): Measurement | undefined {
  return result.measurements.find((m) => m.id === id);
}

/** Issue #8's targets for this run. */
export function evaluateTargets(result: BenchResult): TargetRow[] {
  const rows: TargetRow[] = [];
  const p95Within = (ids: string[], limit: number, label: string) => {
    const ms95 = ids.map((id) => find(result, id)?.api?.p95 ?? Number.NaN);
    const worst = Math.max(...ms95);
    rows.push({
      target: `${label} API p95 ≤ ${limit} ms`,
      measured: `worst ${ms(worst)} ms`,
      met: worst <= limit,
    });
  };
  p95Within(
    ['overview-city', 'overview-area', 'grid-stats-city-compact', 'grid-stats-area'],
    50,
    'Overview and per-grid stats as the screens ask (default window, each after an intake)',
  );
  p95Within(['grid-stats-city'], 50, 'Per-grid stats of all level-3 grids with every figure (one answer)');
  const caseTiles = ['case-tiles-z10', 'case-tiles-z13', 'case-tiles-z16'];
  p95Within(caseTiles, 100, 'Case tiles z10–z16 (cold)');
  const biggest = Math.max(...caseTiles.map((id) => find(result, id)?.bytes?.max ?? 0));
  rows.push({
    target: 'Every case tile ≤ 500 KB',
    measured: `largest ${kb(biggest)}`,
    met: biggest <= 500 * 1024,
  });
  p95Within(['grid-tiles-z10', 'grid-tiles-z11', 'grid-tiles-z12'], 50, 'Grid tiles of all grids (cold)');
  const intake = result.load.intake;
  if (intake) {
    const clean = intake.errors === 0 && intake.non2xx === 0 && intake.timeouts === 0;
    rows.push({
      target: 'Intake ≥ 500 req/s at p95 ≤ 50 ms, no error (c=32; p97.5 shown as the p95 bound)',
      measured: `${intake.reqPerSec.toFixed(0)} req/s, p97.5 ${intake.latency.p97_5} ms, ${intake.errors + intake.non2xx + intake.timeouts} errors`,
      met: intake.reqPerSec >= 500 && intake.latency.p97_5 <= 50 && clean,
    });
  }
  if (result.publish) {
    const p = result.publish.api;
    rows.push({
      target: 'Publish of 1,000 changed grids ≤ 20 s incl. reassignment',
      measured: `${(p.publishMs / 1000).toFixed(1)} s (${p.changedGrids} grids, ${p.casesReassigned} cases moved)`,
      met: p.publishMs <= 20_000,
    });
  }
  const ratioIds = [
    'overview-city',
    'overview-area',
    'grid-stats-city',
    'grid-stats-city-compact',
    'grid-stats-area',
    ...caseTiles,
    'grid-tiles-z11',
    'grid-tiles-z12',
  ];
  const ratios = ratioIds
    .map((id) => find(result, id))
    .filter((m): m is Measurement => !!m)
    .map(ratio);
  const worstRatio = Math.max(...ratios.map((r) => r ?? 0));
  rows.push({
    target: 'API ≤ 1.3 × raw SQL at p50, tiles and stats',
    measured: `worst ${worstRatio.toFixed(2)}×`,
    met: worstRatio <= 1.3,
  });
  return rows;
}

function fig(f: Figures | null | undefined, key: 'p50' | 'p95') {
  return ms(f?.[key]);
}

export function renderMarkdown(result: BenchResult): string {
  const m = result.machine;
  const lines: string[] = [];
  lines.push(
    `Run ${result.date} — \`${result.command}\` — ${result.params.grids.toLocaleString('en')} level-3 grids, ` +
      `${result.params.cases.toLocaleString('en')} cases${result.build.caseEvents ? ` (${result.build.caseEvents.toLocaleString('en')} events)` : ''}.`,
  );
  lines.push('');
  lines.push(
    `Machine: ${m.cores} cores (${m.cpu}), ${m.ramGb} GB RAM, PostgreSQL ${m.postgres}, PostGIS ${m.postgis}, Node ${m.node}; ` +
      `load average at start ${m.loadAverage.map((v) => v.toFixed(1)).join(' / ')}.`,
  );
  const b = result.build;
  lines.push(
    b.reused
      ? 'Database reused (`--keep`).'
      : `Build: ${b.seconds} s (${Object.entries(b.phases ?? {})
          .map(([k, v]) => `${k} ${v} s`)
          .join(', ')}).`,
  );
  lines.push('');
  lines.push(
    '| Operation | API p50 | API p95 | API warm p50 | SQL p50 | SQL p95 | API/SQL p50 | Bytes (max) | n |',
  );
  lines.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const x of result.measurements) {
    const r = ratio(x);
    lines.push(
      `| ${x.label} | ${fig(x.api, 'p50')} | ${fig(x.api, 'p95')} | ${fig(x.apiWarm, 'p50')} | ${fig(x.sql, 'p50')} | ${fig(x.sql, 'p95')} | ${r === null ? '–' : `${r.toFixed(2)}×`} | ${x.bytes ? kb(x.bytes.max) : '–'} | ${x.api?.n ?? 0}/${x.sql?.n ?? 0} |`,
    );
  }
  lines.push('');
  lines.push(
    'Times in ms. API = HTTP on 127.0.0.1 (keep-alive, logged-in session); SQL = the same query module on a pool.',
  );
  if (result.publish) {
    lines.push('');
    lines.push(
      '| Boundary draft of ~1,000 changed grids | create draft | edits (requests) | issues | impact | publish | grids changed | cases reassigned |',
    );
    lines.push('|---|--:|--:|--:|--:|--:|--:|--:|');
    const row = (name: string, p: PublishMeasurement['api']) =>
      `| ${name} | ${ms(p.createDraftMs)} | ${ms(p.editMs)} (${p.editRequests}) | ${ms(p.issuesMs)} | ${ms(p.impactMs)} | ${ms(p.publishMs)} | ${p.changedGrids} | ${p.casesReassigned} |`;
    lines.push(row('API', result.publish.api));
    if (result.publish.sql) lines.push(row('SQL (query modules)', result.publish.sql));
  }
  const load = result.load;
  if (load.intake || load.tiles) {
    lines.push('');
    lines.push(
      '| Load (autocannon, second process) | connections | req/s | p50 | p90 | p97.5 | p99 | errors / non-2xx / timeouts |',
    );
    lines.push('|---|--:|--:|--:|--:|--:|--:|--:|');
    const row = (name: string, c: number, r: LoadResult | null) =>
      r
        ? `| ${name} | ${c} | ${r.reqPerSec.toFixed(0)} | ${r.latency.p50} | ${r.latency.p90} | ${r.latency.p97_5} | ${r.latency.p99} | ${r.errors} / ${r.non2xx} / ${r.timeouts} |`
        : `| ${name} | ${c} | – | – | – | – | – | – |`;
    lines.push(row('Intake POST /api/cases', 32, load.intake));
    lines.push(row(`Tiles (${load.tileUrls} case and grid tile URLs, z10–z16)`, 64, load.tiles));
  }
  if (result.web) {
    const w = result.web;
    lines.push('');
    lines.push(
      `Web: production bundle ${kb(w.bundle.jsGzipBytes)} JS + ${kb(w.bundle.cssGzipBytes)} CSS gzipped ` +
        `(${w.bundle.files} files; fonts excluded). ` +
        (w.bigScreen
          ? `Big screen first map render ${ms(w.bigScreen.firstRenderMs)} ms in headless Chromium; ` +
            `largest API response ${kb(w.bigScreen.largestApiBytes)} (${w.bigScreen.largestApiPath}), ${w.bigScreen.apiRequests} API requests.`
          : `Big screen: ${w.note ?? 'not measured'}.`),
    );
  }
  lines.push('');
  lines.push('| Target (issue #8) | Measured | Met |');
  lines.push('|---|---|---|');
  for (const t of result.targets)
    lines.push(`| ${t.target} | ${t.measured} | ${t.met === null ? '–' : t.met ? 'met' : 'MISSED'} |`);
  return lines.join('\n');
}

const START = '<!-- bench:latest:start -->';
const END = '<!-- bench:latest:end -->';

/** Replaces the generated section of BENCHMARKS.md (keeps the notes around it). */
export function writeBenchmarksMd(path: string, markdown: string): void {
  let doc: string;
  try {
    doc = readFileSync(path, 'utf8');
  } catch {
    doc = `# Benchmarks\n\nWritten by \`npm run bench\` (scripts/bench.ts).\n\n${START}\n${END}\n`;
  }
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  const section = `${START}\n${markdown}\n${END}`;
  doc =
    a >= 0 && b > a
      ? doc.slice(0, a) + section + doc.slice(b + END.length)
      : `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(path, doc);
}

export function writeJson(path: string, result: BenchResult): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
}
