/**
 * Synthetic cases for the benchmark (pure, streaming): yields one local day at a time as COPY text
 * for `cases` and `case_event`, in report-time order with ids ascending (as a live system writes them).
 *
 * Spatial skew: a cell is drawn by its weight (denser centre, hotspot clusters, households; city.ts)
 * and a third of a cell's cases cluster around a focus point inside it. Temporal skew: weekdays over
 * weekends, office/field/camera hour profiles, a summer bump and slow growth over the year.
 * Workflow: each case's log is replayed through the state machine (server/domain/case-workflow.ts)
 * and cut at `now`; stored fields are derived from it by the demo's recordFromEvents(), so status,
 * accepted/resolved times, satisfaction and counters agree with the events.
 */
import { caseCode, caseCodePrefix } from '../../server/domain/case-code';
import { CATEGORY_NAMES, type CaseCategory, type CaseSource } from '../../server/domain/case-vocabulary';
import { type CaseStatus, isOpen, nextStatus } from '../../server/domain/case-workflow';
import { dueAt } from '../../server/domain/sla';
import { CAMERA_HOURS, OFFICE_HOURS, WINDOW_DAYS } from '../demo/case-clock';
import { planPriority } from '../demo/case-mix';
import { caseTitle } from '../demo/case-text';
import { reporterName } from '../demo/people';
import { createRandom, type Random } from '../demo/random';
import type { DemoCaseEvent } from '../demo/types';
import { type City, type CityCell, pointInCell } from './city';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const BEIJING = 8 * HOUR;

const SOURCES: readonly CaseSource[] = ['hotline', 'patrol', 'app', 'camera', 'visit'];
const SOURCE_WEEKDAY = [52, 16, 16, 10, 6];
const SOURCE_WEEKEND = [60, 4, 22, 12, 2];
const CATEGORY_SHARES: Record<CaseSource, Partial<Record<CaseCategory, number>>> = {
  hotline: {
    environment: 20,
    facilities: 17,
    property: 15,
    traffic: 12,
    dispute: 11,
    policy: 11,
    safety: 8,
    elderly: 6,
  },
  patrol: { safety: 28, environment: 28, facilities: 16, dispute: 10, elderly: 9, property: 6, traffic: 3 },
  app: { environment: 38, facilities: 25, traffic: 17, safety: 14, property: 6 },
  camera: { environment: 45, traffic: 40, safety: 15 },
  visit: { dispute: 30, elderly: 22, policy: 25, facilities: 10, environment: 8, property: 5 },
};
/** Sunday first. */
const WEEKDAY = [0.6, 1.2, 1.1, 1.05, 1.0, 1.0, 0.65];
const FIELD_HOURS = [
  0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.05, 0.3, 1.2, 1.8, 1.8, 1.3, 0.3, 0.4, 1.5, 1.8, 1.6, 1.0, 0.3, 0.05,
  0.01, 0.01, 0.01, 0.01,
];
const HOURS: Record<CaseSource, readonly number[]> = {
  hotline: OFFICE_HOURS,
  app: OFFICE_HOURS,
  camera: CAMERA_HOURS,
  patrol: FIELD_HOURS,
  visit: FIELD_HOURS,
};
const ON_THE_SPOT: Record<CaseSource, number> = {
  patrol: 0.5,
  visit: 0.45,
  camera: 0.15,
  hotline: 0.08,
  app: 0.1,
};
const VISITED: Record<CaseSource, number> = {
  hotline: 0.92,
  app: 0.8,
  camera: 0.3,
  patrol: 0.5,
  visit: 0.85,
};
const REJECTED: Record<CaseSource, number> = { hotline: 0.025, app: 0.04, camera: 0.03, patrol: 0, visit: 0 };
const LATE_SHARE = 0.06;
const ARCHIVED_SHARE = 0.3;
const REJECT_REASON = '重复诉求，已合并处理';

export type CaseStreamOptions = {
  cases: number;
  seed: number;
  now: Date;
  versionId: number;
  /** Day indexes [from, to) of the 365-day window to generate (all by default), for parallel loaders. */
  days?: [number, number];
};

/** Event ids are case id × 16 + seq (a case has at most 11 events): unique without a shared counter. */
export const EVENT_ID_STRIDE = 16;

export type CaseBatch = { cases: string; events: string; caseCount: number; eventCount: number };

type Cumulative = Float64Array;

function cumulative(weights: readonly number[]): Cumulative {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    out[i] = sum;
  });
  return out;
}

function draw(cum: Cumulative, r: number): number {
  const target = r * (cum[cum.length - 1] as number);
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cum[mid] as number) > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function categoryTables(): Record<CaseSource, { cum: Cumulative; keys: CaseCategory[] }> {
  const out = {} as Record<CaseSource, { cum: Cumulative; keys: CaseCategory[] }>;
  for (const s of SOURCES) {
    const keys = Object.keys(CATEGORY_SHARES[s]) as CaseCategory[];
    out[s] = { keys, cum: cumulative(keys.map((k) => CATEGORY_SHARES[s][k] ?? 0)) };
  }
  return out;
}

/** Beijing midnight of the window's first day (365 days ending today). */
export function windowStart(now: Date): number {
  const todayStart = Math.floor((now.getTime() + BEIJING) / DAY) * DAY - BEIJING;
  return todayStart - (WINDOW_DAYS - 1) * DAY;
}

/** Splits the window's days into `parts` consecutive ranges of about equal case counts. */
export function splitDays(cases: number, now: Date, parts: number): [number, number][] {
  const perDay = casesPerDay(cases, windowStart(now), WINDOW_DAYS);
  const ranges: [number, number][] = [];
  let from = 0;
  let sum = 0;
  for (let d = 0; d < WINDOW_DAYS && ranges.length < parts - 1; d++) {
    sum += perDay[d] as number;
    if (sum >= (cases * (ranges.length + 1)) / parts) {
      ranges.push([from, d + 1]);
      from = d + 1;
    }
  }
  ranges.push([from, WINDOW_DAYS]);
  return ranges;
}

/** Cases per local day over the window: weekday × season × adoption growth, summing to `total`. */
export function casesPerDay(total: number, firstDayMs: number, days: number): number[] {
  const weights = Array.from({ length: days }, (_, i) => {
    const d = new Date(firstDayMs + i * DAY + BEIJING);
    const summer = 1 + 0.15 * Math.sin(((d.getUTCMonth() - 3) / 12) * 2 * Math.PI);
    return (WEEKDAY[d.getUTCDay()] as number) * summer * (0.9 + 0.2 * (i / days));
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((w / sum) * total));
  let rest = total - counts.reduce((a, b) => a + b, 0);
  for (let i = days - 1; rest > 0; i = (i - 1 + days) % days, rest--) counts[i] = (counts[i] as number) + 1;
  return counts;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const pointBytes = new Uint8Array(16);
const pointDoubles = new Float64Array(pointBytes.buffer);
/** Hex EWKB of a WGS84 point (what `geometry` accepts fastest in COPY text). Little-endian host. */
export function ewkbPoint(lon: number, lat: number): string {
  pointDoubles[0] = lon;
  pointDoubles[1] = lat;
  let hex = '0101000020E6100000';
  for (let i = 0; i < 16; i++) hex += HEX[pointBytes[i] as number];
  return hex;
}

const dayPrefixes = new Map<number, string>();
const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
/** ISO-8601 UTC text of epoch ms (whole seconds), with the date part cached per day. */
export function isoSeconds(ms: number): string {
  const day = Math.floor(ms / DAY);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  const s = Math.floor((ms - day * DAY) / 1000);
  return `${prefix}${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}Z`;
}

const iso = (ms: number | null) => (ms === null ? '\\N' : isoSeconds(ms));
const nul = (v: string | number | null) => (v === null ? '\\N' : String(v));

type Step = { action: DemoCaseEvent['action']; at: number; actor: string; dept?: string; sat?: number };

/** The case's whole intended history (chronological), before the cut at `now`. */
function plan(
  source: CaseSource,
  category: CaseCategory,
  reportedMs: number,
  dueMs: number,
  random: Random,
): Step[] {
  const sla = dueMs - reportedMs;
  const reporter = source === 'hotline' ? 'hotline-12345' : source === 'app' ? 'citizen-app' : 'grid-worker';
  const steps: Step[] = [{ action: 'report', at: reportedMs, actor: reporter }];
  const field = source === 'patrol' || source === 'visit';
  const acceptDelay = field
    ? random.float(1, 20) * MINUTE
    : Math.min(30 * MINUTE, sla * 0.1) * Math.exp(random.normal() * 0.9);
  const acceptAt = reportedMs + Math.max(MINUTE, Math.round(acceptDelay));
  if (random.chance(REJECTED[source])) {
    steps.push({ action: 'reject', at: acceptAt, actor: 'dispatch-centre' });
    return steps;
  }
  steps.push({ action: 'accept', at: acceptAt, actor: 'dispatch-centre' });
  const department = CATEGORY_NAMES[category].department;
  let t = acceptAt;
  if (!random.chance(ON_THE_SPOT[source])) {
    t += Math.round(random.float(5, 90) * MINUTE);
    steps.push({ action: 'dispatch', at: t, actor: 'dispatch-centre', dept: department });
  }
  const late = random.chance(LATE_SHARE);
  const resolveAt = late
    ? dueMs + sla * random.float(0.05, 1.5)
    : Math.max(t + 10 * MINUTE, reportedMs + sla * (0.05 + 0.9 * random.next() ** 1.7));
  if (late && dueMs > t) {
    steps.push({
      action: 'escalate',
      at: dueMs + Math.min(HOUR, (resolveAt - dueMs) / 2),
      actor: 'supervision-office',
    });
  }
  t = Math.round(resolveAt);
  steps.push({ action: 'resolve', at: t, actor: field ? 'grid-worker' : department });
  if (!random.chance(VISITED[source])) {
    if (random.chance(ARCHIVED_SHARE))
      steps.push({ action: 'archive', at: t + DAY, actor: 'dispatch-centre' });
    return steps;
  }
  t += Math.round(random.float(2, 72) * HOUR);
  const r = random.next();
  const sat = r < 0.6 ? 5 : r < 0.87 ? 4 : r < 0.95 ? 3 : r < 0.98 ? 2 : 1;
  steps.push({ action: 'visit', at: t, actor: 'visit-desk', sat });
  if (sat <= 2 && random.chance(0.6)) {
    t += Math.round(random.float(1, 24) * HOUR);
    steps.push({ action: 'reopen', at: t, actor: 'visit-desk' });
    t += Math.round(random.float(1, 8) * HOUR);
    steps.push({ action: 'dispatch', at: t, actor: 'dispatch-centre', dept: department });
    t += Math.round(random.float(1, 5) * DAY);
    steps.push({ action: 'resolve', at: t, actor: department });
    t += Math.round(random.float(2, 48) * HOUR);
    steps.push({ action: 'visit', at: t, actor: 'visit-desk', sat: random.int(3, 5) });
  }
  if (random.chance(ARCHIVED_SHARE)) {
    steps.push({
      action: 'archive',
      at: t + Math.round(random.float(1, 10) * DAY),
      actor: 'dispatch-centre',
    });
  }
  return steps;
}

type Replayed = { step: Step; from: CaseStatus | null; to: CaseStatus };

/** The steps up to `now`, replayed through the state machine (throws on an illegal move). */
function replaySteps(steps: readonly Step[], nowMs: number): Replayed[] {
  const out: Replayed[] = [];
  let status: CaseStatus | null = null;
  for (const step of steps) {
    if (step.at > nowMs) break;
    const to: CaseStatus | null =
      step.action === 'report' ? 'reported' : nextStatus(status as CaseStatus, step.action);
    if (to === null) throw new Error(`bench case log does not replay: ${status} -${step.action}->`);
    out.push({ step, from: status, to });
    status = to;
  }
  return out;
}

export type CaseFields = {
  status: CaseStatus;
  departmentCode: string | null;
  satisfaction: number | null;
  rejectReason: string | null;
  acceptedAt: number | null;
  dispatchedAt: number | null;
  resolvedAt: number | null;
  visitedAt: number | null;
  archivedAt: number | null;
  rejectedAt: number | null;
  escalatedAt: number | null;
  escalationCount: number;
  reopenCount: number;
  updatedAt: number;
};

/**
 * The stored fields of a case from its replayed log, by the rules of scripts/demo/case-record.ts
 * (recordFromEvents; a test compares the two): resolution/visit only while they stand, first acceptance.
 */
export function fieldsOf(log: readonly Replayed[]): CaseFields {
  const last = log[log.length - 1] as Replayed;
  const status = last.to;
  let acceptedAt: number | null = null;
  let dispatch: Step | null = null;
  let resolve: Step | null = null;
  let visit: Step | null = null;
  let archive: Step | null = null;
  let reject: Step | null = null;
  let escalate: Step | null = null;
  let reopenAt: number | null = null;
  let escalationCount = 0;
  let reopenCount = 0;
  for (const { step } of log) {
    switch (step.action) {
      case 'accept':
        acceptedAt ??= step.at;
        break;
      case 'dispatch':
        dispatch = step;
        break;
      case 'resolve':
        resolve = step;
        break;
      case 'visit':
        visit = step;
        break;
      case 'archive':
        archive = step;
        break;
      case 'reject':
        reject = step;
        break;
      case 'escalate':
        escalate = step;
        escalationCount++;
        break;
      case 'reopen':
        reopenAt = step.at;
        reopenCount++;
        break;
      default:
        break;
    }
  }
  const closed = !isOpen(status);
  const resolved = resolve && closed && (reopenAt === null || resolve.at >= reopenAt) ? resolve : null;
  const visited = visit && closed && (reopenAt === null || visit.at >= reopenAt) ? visit : null;
  const visitAfterResolve = visited && resolved && visited.at >= resolved.at ? visited : null;
  return {
    status,
    departmentCode: dispatch?.dept ?? null,
    satisfaction: visitAfterResolve?.sat ?? null,
    rejectReason: reject ? REJECT_REASON : null,
    acceptedAt,
    dispatchedAt: dispatch?.at ?? null,
    resolvedAt: resolved?.at ?? null,
    visitedAt: visitAfterResolve?.at ?? null,
    archivedAt: archive?.at ?? null,
    rejectedAt: reject?.at ?? null,
    escalatedAt: escalate?.at ?? null,
    escalationCount,
    reopenCount,
    updatedAt: last.step.at,
  };
}

/** One case's history as the demo's event type (for the cross-check test). */
export function sampleCaseLog(seed: number, now: Date): { events: DemoCaseEvent[]; fields: CaseFields } {
  const random = createRandom(seed);
  const reportedMs = Math.floor((now.getTime() - random.float(0, 40) * DAY) / 1000) * 1000;
  const source = SOURCES[random.int(0, SOURCES.length - 1)] as CaseSource;
  const category = random.pick(Object.keys(CATEGORY_SHARES[source]) as CaseCategory[]);
  const priority = planPriority(category, random);
  const due = dueAt(new Date(reportedMs), priority, category).getTime();
  const log = replaySteps(plan(source, category, reportedMs, due, random), now.getTime());
  const events = log.map(({ step, from, to }) => ({
    action: step.action,
    from,
    to,
    actor: step.actor,
    at: new Date(step.at),
    note: null,
    departmentCode: step.dept ?? null,
    satisfaction: step.sat ?? null,
    reason: step.action === 'reject' ? REJECT_REASON : null,
  }));
  return { events, fields: fieldsOf(log) };
}

/**
 * The cases of the year before `now`, one Beijing day per batch. Memory is bounded by one day's
 * text (~15k cases at 5M/year).
 */
export function* caseBatches(city: City, opts: CaseStreamOptions): Generator<CaseBatch> {
  const root = createRandom(opts.seed);
  const nowMs = opts.now.getTime();
  const firstDay = windowStart(opts.now);
  const perDay = casesPerDay(opts.cases, firstDay, WINDOW_DAYS);
  const cellCum = cumulative(city.cells.map((c) => c.weight));
  const categories = categoryTables();
  const weekdaySources = cumulative(SOURCE_WEEKDAY);
  const weekendSources = cumulative(SOURCE_WEEKEND);
  const hours = Object.fromEntries(SOURCES.map((s) => [s, cumulative(HOURS[s])])) as Record<
    CaseSource,
    Cumulative
  >;
  const [fromDay, toDay] = opts.days ?? [0, WINDOW_DAYS];
  let id = perDay.slice(0, fromDay).reduce((a, b) => a + b, 0);
  for (let d = fromDay; d < toDay; d++) {
    // One stream per day: the data do not depend on how the days are split between loaders.
    const random = root.fork(`cases-${d}`);
    const dayStart = firstDay + d * DAY;
    const weekday = new Date(dayStart + BEIJING).getUTCDay();
    const sources = weekday === 0 || weekday === 6 ? weekendSources : weekdaySources;
    const n = perDay[d] as number;
    const codePrefix = caseCodePrefix(new Date(dayStart));
    const drafts: { source: CaseSource; at: number }[] = [];
    for (let k = 0; k < n; k++) {
      const source = SOURCES[draw(sources, random.next())] as CaseSource;
      const hour = draw(hours[source], random.next());
      // Today's cases stop at `now`; whole seconds, as a call centre records them.
      const span = Math.min(HOUR, nowMs - (dayStart + hour * HOUR));
      const at = dayStart + hour * HOUR + Math.floor((random.next() * Math.max(span, 1000)) / 1000) * 1000;
      drafts.push({ source, at: Math.min(at, nowMs - 1000) });
    }
    drafts.sort((a, b) => a.at - b.at);
    const caseRows: string[] = [];
    const eventRows: string[] = [];
    let eventCount = 0;
    for (const draft of drafts) {
      id++;
      const cell = city.cells[draw(cellCum, random.next())] as CityCell;
      const clustered = random.chance(0.35);
      const u = clustered
        ? Math.min(0.98, Math.max(0.02, cell.focus[0] + random.normal() * 0.08))
        : random.float(0.01, 0.99);
      const v = clustered
        ? Math.min(0.98, Math.max(0.02, cell.focus[1] + random.normal() * 0.08))
        : random.float(0.01, 0.99);
      const [lon, lat] = pointInCell(cell, u, v);
      const table = categories[draft.source];
      const category = table.keys[draw(table.cum, random.next())] as CaseCategory;
      const priority = planPriority(category, random);
      const reportedAt = new Date(draft.at);
      const due = dueAt(reportedAt, priority, category);
      const log = replaySteps(plan(draft.source, category, draft.at, due.getTime(), random), nowMs);
      const r = fieldsOf(log);
      const code = caseCode(codePrefix, id);
      const title = caseTitle(category, random);
      const reporter = draft.source === 'hotline' ? reporterName(random) : null;
      caseRows.push(
        `${id}\t${code}\t${draft.source}\t${category}\t${priority}\t${r.status}\t${title}\t\\N\t${nul(reporter)}\t${ewkbPoint(lon, lat)}\t${cell.code}\t${cell.l2Code}\t${cell.l1Code}\t${cell.code}\t${opts.versionId}\t${nul(r.departmentCode)}\t${nul(r.satisfaction)}\t${nul(r.rejectReason)}\t${isoSeconds(draft.at)}\t${isoSeconds(due.getTime())}\t${iso(r.acceptedAt)}\t${iso(r.dispatchedAt)}\t${iso(r.resolvedAt)}\t${iso(r.visitedAt)}\t${iso(r.archivedAt)}\t${iso(r.rejectedAt)}\t${iso(r.escalatedAt)}\t${r.escalationCount}\t${r.reopenCount}\t${isoSeconds(r.updatedAt)}\n`,
      );
      for (let s = 0; s < log.length; s++) {
        const { step, from, to } = log[s] as Replayed;
        eventRows.push(
          `${id * EVENT_ID_STRIDE + s + 1}\t${id}\t${s + 1}\t${step.action}\t${nul(from)}\t${to}\t${step.actor}\t${isoSeconds(step.at)}\t\\N\t${nul(step.dept ?? null)}\t${nul(step.sat ?? null)}\t${step.action === 'reject' ? REJECT_REASON : '\\N'}\n`,
        );
      }
      eventCount += log.length;
    }
    yield { cases: caseRows.join(''), events: eventRows.join(''), caseCount: n, eventCount };
  }
}

/** Column lists matching the text above (COPY writes explicit identity values). */
export const CASE_COLUMNS =
  'id, code, source, category, priority, status, title, address, reporter_name, geom, grid_code, grid_l2_code, grid_l1_code, reported_grid_code, reported_version_id, department_code, satisfaction, reject_reason, reported_at, due_at, accepted_at, dispatched_at, resolved_at, visited_at, archived_at, rejected_at, escalated_at, escalation_count, reopen_count, updated_at';
export const EVENT_COLUMNS =
  'id, case_id, seq, action, from_status, to_status, actor, at, note, department_code, satisfaction, reason';
