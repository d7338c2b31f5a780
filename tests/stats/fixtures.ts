/**
 * A hand-computed stats fixture on the rectangle tiling of tests/support/fixtures.ts:
 *
 *   S1 ─ C1 ─ C1-1 (300 hh): A1..A5, incl. A4 reopened twice; A3 reported 00:30 today (16:30 UTC yesterday)
 *      │    └ C1-2 (400 hh): B1..B3, every one open and overdue (B1 never accepted)
 *      └ C2 ─ C2-1 (450 hh): no cases at all, no grid worker
 *           └ C2-2 (450 hh): D1 rejected, D2 visit (dissatisfied), D3 previous period, E1 old reopened
 *
 * "Now" is 2026-11-20 10:00 Asia/Shanghai; the window under test is 11-01..11-20 (previous period
 * 10-12..10-31). The expected figures, worked out by hand, are in stats.test.ts next to each assertion.
 */
import type { Backend, Db } from '../../server/db/db';
import { flushRollups } from '../../server/queries/stats-rollups';
import { createTilingFixture, insertPublishedVersion } from '../support/fixtures';
import { createTestApp } from '../support/test-app';
import { openTestDb, type TestDb } from '../support/test-db';

export const FIXTURE_NOW = new Date('2026-11-20T10:00:00+08:00');
export const FIXTURE_WINDOW = { from: '2026-11-01', to: '2026-11-20' };

const PARENTS: Record<string, [string, string]> = {
  'C1-1': ['C1', 'S1'],
  'C1-2': ['C1', 'S1'],
  'C2-1': ['C2', 'S1'],
  'C2-2': ['C2', 'S1'],
};

export type FixtureCase = {
  code: string;
  grid: keyof typeof PARENTS;
  source: 'hotline' | 'patrol' | 'app' | 'camera' | 'visit';
  category: string;
  priority: 'urgent' | 'high' | 'normal' | 'complex';
  status: string;
  /** Local times, ISO with +08:00. */
  reportedAt: string;
  dueAt: string;
  acceptedAt?: string;
  resolvedAt?: string;
  visitedAt?: string;
  archivedAt?: string;
  rejectedAt?: string;
  satisfaction?: number;
  reopenCount?: number;
};

const T = (local: string) => `2026-${local}+08:00`;

export function createStatsCases(): FixtureCase[] {
  const base = { priority: 'normal' as const, source: 'hotline' as const };
  return [
    // C1-1
    {
      ...base,
      code: 'A1',
      grid: 'C1-1',
      category: 'dispute',
      status: 'visited',
      reportedAt: T('11-02T09:00:00'),
      dueAt: T('11-09T09:00:00'),
      acceptedAt: T('11-02T09:30:00'),
      resolvedAt: T('11-04T09:00:00'),
      visitedAt: T('11-05T09:00:00'),
      satisfaction: 5,
    },
    {
      ...base,
      code: 'A2',
      grid: 'C1-1',
      source: 'patrol',
      priority: 'high',
      category: 'environment',
      status: 'resolved',
      reportedAt: T('11-10T08:00:00'),
      dueAt: T('11-11T08:00:00'),
      acceptedAt: T('11-10T10:00:00'),
      resolvedAt: T('11-12T20:00:00'),
    },
    {
      ...base,
      code: 'A3',
      grid: 'C1-1',
      source: 'app',
      category: 'dispute',
      status: 'reported',
      reportedAt: T('11-20T00:30:00'),
      dueAt: T('11-27T00:30:00'),
    },
    {
      ...base,
      code: 'A4',
      grid: 'C1-1',
      category: 'safety',
      status: 'visited',
      reportedAt: T('11-05T10:00:00'),
      dueAt: T('11-12T10:00:00'),
      acceptedAt: T('11-05T10:10:00'),
      resolvedAt: T('11-15T10:00:00'),
      visitedAt: T('11-16T10:00:00'),
      satisfaction: 4,
      reopenCount: 2,
    },
    {
      ...base,
      code: 'A5',
      grid: 'C1-1',
      source: 'app',
      category: 'policy',
      status: 'resolved',
      reportedAt: T('11-19T09:00:00'),
      dueAt: T('11-26T09:00:00'),
      acceptedAt: T('11-19T09:20:00'),
      resolvedAt: T('11-19T17:00:00'),
    },
    // C1-2: all overdue
    {
      ...base,
      code: 'B1',
      grid: 'C1-2',
      source: 'patrol',
      priority: 'urgent',
      category: 'dispute',
      status: 'reported',
      reportedAt: T('11-18T08:00:00'),
      dueAt: T('11-18T10:00:00'),
    },
    {
      ...base,
      code: 'B2',
      grid: 'C1-2',
      source: 'app',
      priority: 'high',
      category: 'facilities',
      status: 'dispatched',
      reportedAt: T('11-15T09:00:00'),
      dueAt: T('11-16T09:00:00'),
      acceptedAt: T('11-15T09:30:00'),
    },
    {
      ...base,
      code: 'B3',
      grid: 'C1-2',
      category: 'elderly',
      status: 'dispatched',
      reportedAt: T('10-20T09:00:00'),
      dueAt: T('10-27T09:00:00'),
      acceptedAt: T('10-20T09:05:00'),
    },
    // C2-2
    {
      ...base,
      code: 'D1',
      grid: 'C2-2',
      source: 'app',
      category: 'policy',
      status: 'rejected',
      reportedAt: T('11-03T09:00:00'),
      dueAt: T('11-10T09:00:00'),
      rejectedAt: T('11-03T10:00:00'),
    },
    {
      ...base,
      code: 'D2',
      grid: 'C2-2',
      source: 'visit',
      category: 'elderly',
      status: 'archived',
      reportedAt: T('11-17T09:00:00'),
      dueAt: T('11-24T09:00:00'),
      acceptedAt: T('11-17T09:02:00'),
      resolvedAt: T('11-17T11:00:00'),
      visitedAt: T('11-18T09:00:00'),
      archivedAt: T('11-19T09:00:00'),
      satisfaction: 3,
    },
    {
      ...base,
      code: 'D3',
      grid: 'C2-2',
      category: 'environment',
      status: 'resolved',
      reportedAt: T('10-15T09:00:00'),
      dueAt: T('10-22T09:00:00'),
      acceptedAt: T('10-15T12:00:00'),
      resolvedAt: T('10-18T09:00:00'),
    },
    {
      ...base,
      code: 'E1',
      grid: 'C2-2',
      priority: 'complex',
      category: 'traffic',
      status: 'reopened',
      reportedAt: T('09-01T09:00:00'),
      dueAt: T('09-16T09:00:00'),
      acceptedAt: T('09-01T09:30:00'),
      reopenCount: 1,
    },
  ];
}

const CATEGORIES = ['dispute', 'environment', 'safety', 'facilities', 'elderly', 'policy', 'traffic'];

async function insertCategories(db: Db): Promise<void> {
  await db.query(
    `INSERT INTO case_category (code, name_zh, name_en)
     SELECT c, c, c FROM unnest($1::text[]) AS c ON CONFLICT (code) DO NOTHING`,
    [CATEGORIES],
  );
}

/** Inserts fixture cases in one statement (so the statement-level trigger sees a bulk insert). */
export async function insertCases(db: Db, versionId: number, cases: readonly FixtureCase[]): Promise<void> {
  const rows = cases.map((c) => ({ ...c, l2: PARENTS[c.grid]?.[0], l1: PARENTS[c.grid]?.[1] }));
  await db.query(
    `INSERT INTO cases (code, source, category, priority, status, geom, grid_code, grid_l2_code, grid_l1_code,
       reported_grid_code, reported_version_id, satisfaction, reject_reason, reported_at, due_at, accepted_at,
       resolved_at, visited_at, archived_at, rejected_at, reopen_count, updated_at)
     SELECT r.code, r.source, r.category, r.priority, r.status, ST_SetSRID(ST_MakePoint(113.85, 27.65), 4326),
       r.grid, r.l2, r.l1, r.grid, $1, r.satisfaction,
       CASE WHEN r.status = 'rejected' THEN 'duplicate' END,
       r."reportedAt", r."dueAt", r."acceptedAt", r."resolvedAt", r."visitedAt", r."archivedAt", r."rejectedAt",
       coalesce(r."reopenCount", 0), r."reportedAt"
     FROM jsonb_to_recordset($2::jsonb) AS r(code text, source text, category text, priority text, status text,
       grid text, l2 text, l1 text, satisfaction smallint, "reportedAt" timestamptz, "dueAt" timestamptz,
       "acceptedAt" timestamptz, "resolvedAt" timestamptz, "visitedAt" timestamptz, "archivedAt" timestamptz,
       "rejectedAt" timestamptz, "reopenCount" int)`,
    [versionId, JSON.stringify(rows)],
  );
}

/**
 * Staff, facilities and buildings for coverage. Around 27.652° N one degree of latitude is ≈ 110,814 m
 * and one of longitude ≈ 98,680 m: 0.002707° of latitude ≈ 300 m (across the C2-2/C2-1 border),
 * 0.007095° of longitude ≈ 700 m. In degrees both are far below 500, so a degree-based distance
 * would count every building as served.
 */
async function insertCoverageData(db: Db): Promise<void> {
  await db.exec(`
    INSERT INTO staff (name, role, grid_code) VALUES
      ('甲一', 'grid_worker', 'C1-1'), ('甲二', 'grid_worker', 'C1-1'), ('乙一', 'grid_worker', 'C1-2'),
      ('丁一', 'grid_worker', 'C2-2'), ('丙长', 'grid_head', 'C2-1');
    INSERT INTO facility (kind, name, grid_code, geom) VALUES
      ('service_center', '甲社区党群服务中心', 'C1-1', ST_SetSRID(ST_MakePoint(113.82, 27.62), 4326)),
      ('station', '乙村红帆驿站', 'C2-2', ST_SetSRID(ST_MakePoint(113.86, 27.652), 4326)),
      ('camera', '探头', 'C1-2', ST_SetSRID(ST_MakePoint(113.84, 27.69), 4326));
    INSERT INTO building (name, households, grid_code, geom) VALUES
      ('近楼', 100, 'C1-1', ST_SetSRID(ST_MakePoint(113.8201, 27.6201), 4326)),
      ('远楼', 200, 'C1-1', ST_SetSRID(ST_MakePoint(113.84, 27.64), 4326)),
      ('300米楼', 450, 'C2-1', ST_SetSRID(ST_MakePoint(113.86, 27.652 - 0.002707), 4326)),
      ('700米楼', 50, 'C2-2', ST_SetSRID(ST_MakePoint(113.86 + 0.007095, 27.652), 4326));
  `);
}

/** Loads the whole fixture into an empty database; returns the published version id. */
export async function loadStatsFixture(db: Db): Promise<number> {
  const versionId = await insertPublishedVersion(db, createTilingFixture());
  await insertCategories(db);
  await insertCases(db, versionId, createStatsCases());
  await insertCoverageData(db);
  return versionId;
}

/** A fresh database holding the whole fixture, and the app on it with the clock at FIXTURE_NOW. */
export async function openStatsFixture(
  backend: Backend,
): Promise<{ t: TestDb; app: ReturnType<typeof createTestApp> }> {
  const t = await openTestDb(backend, 'empty');
  await loadStatsFixture(t.db);
  return { t, app: createTestApp(t, () => FIXTURE_NOW) };
}

/**
 * The rollup tables (migration 017: community, street and '*' day rows, street and '*' histogram
 * rows), queued changes applied first, zero rows dropped, in a stable order: what a rebuild from
 * `cases` must equal.
 */
export async function rollupSnapshot(db: Db): Promise<unknown[]> {
  await flushRollups(db);
  const snapshot: unknown[] = [];
  for (const table of ['stats_tier_day']) {
    snapshot.push(
      await db.query(
        `SELECT * FROM ${table}
         WHERE reported + status_rejected + accepted + rated + patrol_visits + resolved_on_day
               + status_reported + status_accepted + status_dispatched + status_resolved + status_visited
               + status_archived + status_reopened + accepted_in_sla + resolved_on_time + satisfied + reopened <> 0
         ORDER BY grid_code, day, category`,
      ),
    );
  }
  snapshot.push(
    await db.query('SELECT * FROM stats_tier_hour WHERE reported <> 0 ORDER BY grid_code, category, hour'),
  );
  for (const table of ['stats_tier_day_duration']) {
    snapshot.push(
      await db.query(
        `SELECT * FROM ${table} WHERE cases <> 0 ORDER BY grid_code, day, category, measure, bucket`,
      ),
    );
  }
  return snapshot;
}
