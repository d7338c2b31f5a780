/**
 * Loads the generated demo data into a database, all or nothing (one transaction). Grid polygons are
 * grown in PostGIS from the generator's seed points (see grid-plan.ts and server/queries/demo.ts).
 */
import type { Db } from '../../server/db/db';
import { syncVocabulary } from '../../server/db/vocabulary';
import * as q from '../../server/queries/demo';
import { readDistrict } from './district-data';
import { generateDemoData } from './generate';
import { loadParty } from './party-load';
import type { DemoCase, DemoData, DemoGrid } from './types';

const CASE_BATCH = 2_000;
const EVENT_BATCH = 10_000;
const POINT_BATCH = 5_000;

export type LoadOptions = {
  seed: number;
  now?: Date;
  onProgress?: (step: string, done: number, total: number) => void;
};

export type DemoSummary = {
  seed: number;
  now: Date;
  boundaryVersionId: number;
  grids: { level1: number; level2: number; level3: number };
  staff: number;
  gridWorkers: number;
  facilities: number;
  buildings: number;
  cases: number;
  caseEvents: number;
  generateMs: number;
  loadMs: number;
};

/** Empty means: no boundary version yet (a fresh database the demo may fill). */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  return !(await q.hasBoundaryVersion(db));
}

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function gridRow(g: DemoGrid): q.GridRow {
  return {
    code: g.code,
    name: g.name,
    kind: g.kind,
    parent_code: g.parentCode,
    households: g.households,
    population: g.population,
  };
}

function caseRow(c: DemoCase): q.CaseRow {
  return {
    code: c.code,
    source: c.source,
    category: c.category,
    priority: c.priority,
    status: c.status,
    title: c.title,
    description: c.description,
    address: c.address,
    reporter_name: c.reporterName,
    lon: c.location[0],
    lat: c.location[1],
    grid_code: c.gridCode,
    grid_l2_code: c.gridL2Code,
    grid_l1_code: c.gridL1Code,
    department_code: c.departmentCode,
    satisfaction: c.satisfaction,
    reject_reason: c.rejectReason,
    reported_at: c.reportedAt.toISOString(),
    due_at: c.dueAt.toISOString(),
    accepted_at: iso(c.acceptedAt),
    dispatched_at: iso(c.dispatchedAt),
    resolved_at: iso(c.resolvedAt),
    visited_at: iso(c.visitedAt),
    archived_at: iso(c.archivedAt),
    rejected_at: iso(c.rejectedAt),
    escalated_at: iso(c.escalatedAt),
    escalation_count: c.escalationCount,
    reopen_count: c.reopenCount,
    updated_at: c.updatedAt.toISOString(),
  };
}

function eventRows(c: DemoCase): q.CaseEventRow[] {
  return c.events.map((e, i) => ({
    case_code: c.code,
    seq: i + 1,
    action: e.action,
    from_status: e.from,
    to_status: e.to,
    actor: e.actor,
    at: e.at.toISOString(),
    note: e.note,
    department_code: e.departmentCode,
    satisfaction: e.satisfaction,
    reason: e.reason,
  }));
}

async function loadGrids(tx: Db, data: DemoData, versionId: number): Promise<void> {
  const level = (n: number) => data.grids.filter((g) => g.level === n);
  await q.insertLevel1Grids(
    tx,
    versionId,
    JSON.stringify(data.district.outline),
    level(1).map(gridRow),
    level(1).flatMap((g) => g.seeds.map(([lon, lat]) => ({ code: g.code, lon, lat }))),
  );
  for (const n of [2, 3] as const) {
    const rows = level(n).map((g) => ({
      ...gridRow(g),
      lon: g.seeds[0]?.[0] ?? 0,
      lat: g.seeds[0]?.[1] ?? 0,
    }));
    await q.insertChildGrids(tx, versionId, n, rows);
  }
}

async function loadPoints(
  tx: Db,
  data: DemoData,
  report: (step: string, done: number, total: number) => void,
) {
  await q.insertStaff(
    tx,
    data.staff.map((s) => ({ name: s.name, role: s.role, grid_code: s.gridCode, phone: s.phone })),
  );
  report('staff', data.staff.length, data.staff.length);
  const point = (p: { name: string; gridCode: string; location: readonly [number, number] }) => ({
    name: p.name,
    grid_code: p.gridCode,
    lon: p.location[0],
    lat: p.location[1],
  });
  await q.insertFacilities(
    tx,
    data.facilities.map((f) => ({ ...point(f), kind: f.kind })),
  );
  report('facilities', data.facilities.length, data.facilities.length);
  let done = 0;
  for (const batch of chunks(data.buildings, POINT_BATCH)) {
    await q.insertBuildings(
      tx,
      batch.map((b) => ({ ...point(b), households: b.households })),
    );
    done += batch.length;
    report('buildings', done, data.buildings.length);
  }
}

async function loadCases(
  tx: Db,
  data: DemoData,
  versionId: number,
  report: (s: string, d: number, t: number) => void,
) {
  let done = 0;
  for (const batch of chunks(data.cases, CASE_BATCH)) {
    await q.insertCases(tx, versionId, batch.map(caseRow));
    done += batch.length;
    report('cases', done, data.cases.length);
  }
  const events = data.cases.flatMap(eventRows);
  done = 0;
  for (const batch of chunks(events, EVENT_BATCH)) {
    await q.insertCaseEvents(tx, batch);
    done += batch.length;
    report('events', done, events.length);
  }
  return events.length;
}

/**
 * Cases and events with per-row triggers off where allowed (see server/queries/demo.ts), then an
 * integrity proof and the rollup rebuild; a failure throws and rolls the whole load back.
 */
async function loadCasesInBulk(
  tx: Db,
  data: DemoData,
  versionId: number,
  report: (s: string, d: number, t: number) => void,
) {
  const skip = await q.canSkipTriggers(tx);
  if (!skip) return loadCases(tx, data, versionId, report);
  await q.setTriggersSkipped(tx, true);
  const eventCount = await loadCases(tx, data, versionId, report);
  await q.setTriggersSkipped(tx, false);
  const dangling = await q.countDanglingReferences(tx);
  if (dangling > 0) throw new Error(`demo load: ${dangling} case rows reference missing rows`);
  report('rollups', 0, 1);
  await q.refreshRollupsIfPresent(tx);
  report('rollups', 1, 1);
  return eventCount;
}

/** Generates the demo data for `seed` and inserts it in one transaction. */
export async function loadDemoData(db: Db, opts: LoadOptions): Promise<DemoSummary> {
  const report = opts.onProgress ?? (() => undefined);
  const now = opts.now ?? new Date();
  const started = Date.now();
  report('generate', 0, 1);
  const data = generateDemoData(readDistrict(), { seed: opts.seed, now });
  report('generate', 1, 1);
  const generateMs = Date.now() - started;
  const loadStarted = Date.now();
  const { versionId, caseEvents } = await db.transaction(async (tx) => {
    // The vocabulary has one source (server/domain/case-vocabulary.ts), synced the same way at every start.
    await syncVocabulary(tx);
    const id = await q.insertPublishedVersion(
      tx,
      data.boundaryVersionName,
      `演示数据：${data.district.name}，种子 ${data.seed}`,
      now,
    );
    report('grids', 0, data.grids.length);
    await loadGrids(tx, data, id);
    report('grids', data.grids.length, data.grids.length);
    await loadPoints(tx, data, report);
    await loadParty(tx, data, report);
    const eventCount = await loadCasesInBulk(tx, data, id, report);
    await q.analyzeDemoTables(tx);
    return { versionId: id, caseEvents: eventCount };
  });
  const level = (n: number) => data.grids.filter((g) => g.level === n).length;
  return {
    seed: opts.seed,
    now,
    boundaryVersionId: versionId,
    grids: { level1: level(1), level2: level(2), level3: level(3) },
    staff: data.staff.length,
    gridWorkers: data.staff.filter((s) => s.role === 'grid_worker').length,
    facilities: data.facilities.length,
    buildings: data.buildings.length,
    cases: data.cases.length,
    caseEvents,
    generateMs,
    loadMs: Date.now() - loadStarted,
  };
}
