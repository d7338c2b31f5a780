/**
 * stats_window (migration 019) keeps the default window's per-grid figures current; these tests hold
 * it to the figures computed straight from the rollups and cases (source 'direct') on the demo
 * district, after every kind of write, as the clock passes due times, and across a new day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GridLevel } from '../../server/queries/grids';
import { getTierStats } from '../../server/queries/stats-grids';
import { getOverview } from '../../server/queries/stats-overview';
import { findScopeGrid, type ScopeGrid } from '../../server/queries/stats-scope';
import { refreshStatsWindow, snapshotWindow } from '../../server/queries/stats-window';
import { startStatsUpkeep } from '../../server/stats/stats-upkeep';
import { createWindowCache } from '../../server/stats/window-cache';
import { testBackends } from '../support/backends';
import { TEST_NOW } from '../support/templates';
import { openTestDb, type TestDb } from '../support/test-db';

const HOUR = 3_600_000;

describe.each(testBackends())('kept figures of the default window (%s)', (backend) => {
  let t: TestDb;
  let now = TEST_NOW;
  let scopes: (ScopeGrid | null)[] = [];
  const cache = createWindowCache();

  beforeAll(async () => {
    t = await openTestDb(backend, 'demo');
    const codes = await t.db.query<{ code: string }>(
      `SELECT min(code) AS code FROM grid
       WHERE version_id = (SELECT id FROM boundary_version WHERE status = 'published') GROUP BY level ORDER BY level`,
    );
    scopes = [null, ...(await Promise.all(codes.map((c) => findScopeGrid(t.db, c.code))))];
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Every tier in every scope, and every scope's overview: kept figures equal direct ones. */
  async function expectSameAsDirect(): Promise<void> {
    const window = snapshotWindow(now);
    for (const grid of scopes) {
      for (const level of [1, 2, 3] as GridLevel[]) {
        if (grid && grid.level > level) continue;
        const r = { level, grid, window, now, category: null };
        const direct = await getTierStats(t.db, r, { source: 'direct' });
        const kept = await getTierStats(t.db, r);
        expect(kept.grids.length).toBeGreaterThan(0);
        expect(kept, `level ${level} in ${grid?.code ?? 'district'}`).toEqual(direct);
        // The app's copy, brought up to date with the changed rows only.
        expect(
          await getTierStats(t.db, r, { cache }),
          `cached level ${level} in ${grid?.code ?? 'district'}`,
        ).toEqual(direct);
      }
      const r = { grid, window, now, category: null };
      expect(await getOverview(t.db, r), `overview of ${grid?.code ?? 'district'}`).toEqual(
        await getOverview(t.db, r, 'direct'),
      );
    }
  }

  it('equal the figures computed from the rollups and cases, built once and then fresh', async () => {
    expect(await refreshStatsWindow(t.db, now)).toBe('rebuilt');
    expect(await refreshStatsWindow(t.db, now)).toBe('fresh');
    await expectSameAsDirect();
  });

  it('follow intakes, transitions, reassignments and deletions, recomputing only the grids touched', async () => {
    await refreshStatsWindow(t.db, now);
    // Intakes: 40 cases over the level-3 grids, reported in the last 40 hours, some already handled.
    await t.db.query(
      `INSERT INTO cases (code, source, category, priority, status, geom, grid_code, grid_l2_code, grid_l1_code,
         reported_grid_code, reported_version_id, reported_at, due_at, accepted_at, resolved_at, updated_at)
       SELECT 'WIN-' || i, 'hotline', (ARRAY['dispute', 'environment', 'safety'])[1 + i % 3], 'normal',
              (ARRAY['reported', 'accepted', 'resolved'])[1 + i % 3],
              ST_PointOnSurface(g.geom), g.code, l.l2_code, l.l1_code, g.code, g.version_id,
              $1::timestamptz - i * interval '1 hour', $1::timestamptz - i * interval '1 hour' + interval '20 hours',
              CASE WHEN i % 3 > 0 THEN $1::timestamptz - i * interval '1 hour' + interval '25 minutes' END,
              CASE WHEN i % 3 = 2 THEN $1::timestamptz - i * interval '1 hour' + interval '3 hours' END, now()
       FROM generate_series(1, 40) AS i
       JOIN LATERAL (SELECT * FROM grid WHERE level = 3
                       AND version_id = (SELECT id FROM boundary_version WHERE status = 'published')
                     ORDER BY code OFFSET (i * 7) % 100 LIMIT 1) g ON true
       JOIN stats_grid_lineage l ON l.code = g.code`,
      [now],
    );
    expect(await refreshStatsWindow(t.db, now)).toBe('updated');
    await expectSameAsDirect();
    // Transitions of older cases: accepted late, resolved, reopened.
    await t.db.query(
      `UPDATE cases SET status = 'accepted', accepted_at = reported_at + interval '2 days', updated_at = now()
       WHERE id IN (SELECT id FROM cases WHERE status = 'reported' AND code NOT LIKE 'WIN-%' ORDER BY id DESC LIMIT 15)`,
    );
    await t.db.query(
      `UPDATE cases SET status = 'reopened', resolved_at = NULL, reopen_count = reopen_count + 1, updated_at = now()
       WHERE id IN (SELECT id FROM cases WHERE status = 'resolved' ORDER BY id DESC LIMIT 10)`,
    );
    // Reassignment (as a publish does: grid and ancestry together) and deletion.
    await t.db.query(
      `UPDATE cases c SET grid_code = g.code, grid_l2_code = l.l2_code, grid_l1_code = l.l1_code
       FROM (SELECT code FROM grid WHERE level = 3
               AND version_id = (SELECT id FROM boundary_version WHERE status = 'published')
             ORDER BY code DESC LIMIT 1) g
       JOIN stats_grid_lineage l ON l.code = g.code
       WHERE c.id IN (SELECT id FROM cases WHERE code LIKE 'WIN-%' ORDER BY id LIMIT 12)`,
    );
    await t.db.query(`DELETE FROM cases WHERE code IN ('WIN-5', 'WIN-6', 'WIN-7')`);
    expect(await refreshStatsWindow(t.db, now)).toBe('updated');
    await expectSameAsDirect();
  });

  it('turn open cases overdue as the clock passes their due time', async () => {
    const grid = await t.db.query<{ code: string; open: number; overdue: number }>(
      `SELECT grid_code AS code, open, overdue FROM stats_window WHERE level = 3 ORDER BY grid_code LIMIT 1`,
    );
    const before = grid[0];
    if (!before) throw new Error('no level-3 row');
    await t.db.query(
      `INSERT INTO cases (code, source, category, priority, status, geom, grid_code, grid_l2_code, grid_l1_code,
         reported_grid_code, reported_version_id, reported_at, due_at, updated_at)
       SELECT 'DUE-1', 'hotline', 'dispute', 'urgent', 'reported', ST_PointOnSurface(g.geom), g.code, l.l2_code,
              l.l1_code, g.code, g.version_id, $1::timestamptz - interval '1 hour', $1::timestamptz + interval '1 hour', now()
       FROM grid g JOIN stats_grid_lineage l ON l.code = g.code
       WHERE g.code = $2 AND g.version_id = (SELECT id FROM boundary_version WHERE status = 'published')`,
      [now, before.code],
    );
    await refreshStatsWindow(t.db, now);
    const [added] = await t.db.query<{ open: number; overdue: number }>(
      'SELECT open, overdue FROM stats_window WHERE grid_code = $1',
      [before.code],
    );
    expect(added).toEqual({ open: before.open + 1, overdue: before.overdue });
    // Two hours on (the same local day in the demo's clock): the urgent case is past due.
    now = new Date(now.getTime() + 2 * HOUR);
    expect(snapshotWindow(now)).toEqual(snapshotWindow(TEST_NOW));
    expect(await refreshStatsWindow(t.db, now)).toBe('updated');
    const [later] = await t.db.query<{ open: number; overdue: number }>(
      'SELECT open, overdue FROM stats_window WHERE grid_code = $1',
      [before.code],
    );
    expect(later).toEqual({ open: before.open + 1, overdue: before.overdue + 1 });
    await expectSameAsDirect();
  });

  it('start over on a new local day, and when the staff or the published hierarchy change', async () => {
    now = new Date(now.getTime() + 24 * HOUR);
    expect(await refreshStatsWindow(t.db, now)).toBe('rebuilt');
    await expectSameAsDirect();
    await t.db.query(
      `INSERT INTO staff (name, role, grid_code, phone)
       SELECT '测试员', 'grid_worker', code, '0799-1234567' FROM grid
       WHERE level = 3 AND version_id = (SELECT id FROM boundary_version WHERE status = 'published')
       ORDER BY code LIMIT 3`,
    );
    expect(await refreshStatsWindow(t.db, now)).toBe('rebuilt');
    await expectSameAsDirect();
    // A planner's draft (a new version and its grids) leaves the figures alone.
    await t.db.query(
      `WITH v AS (INSERT INTO boundary_version (name, status, created_at) VALUES ('草稿', 'draft', now()) RETURNING id)
       INSERT INTO grid (version_id, code, name, level, kind, parent_code, households, population, geom)
       SELECT v.id, g.code, g.name, g.level, g.kind, g.parent_code, g.households, g.population, g.geom
       FROM grid g CROSS JOIN v
       WHERE g.version_id = (SELECT id FROM boundary_version WHERE status = 'published') AND g.level = 1`,
    );
    expect(await refreshStatsWindow(t.db, now)).toBe('fresh');
    await t.db.query(
      `UPDATE grid SET households = households + 10
       WHERE level = 2 AND version_id = (SELECT id FROM boundary_version WHERE status = 'published')`,
    );
    expect(await refreshStatsWindow(t.db, now)).toBe('rebuilt');
    await expectSameAsDirect();
  });

  it('are kept up by the server between reads: the queue applied, the window current', async () => {
    await t.db.query(`UPDATE cases SET category = 'safety' WHERE code = 'WIN-1'`);
    const pending = async () =>
      (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM stats_pending'))[0]?.n ?? -1;
    expect(await pending()).toBeGreaterThan(0);
    const log: string[] = [];
    const stop = startStatsUpkeep(
      t.db,
      (line) => log.push(line),
      () => now,
      50,
    );
    try {
      for (let i = 0; i < 200 && (await pending()) > 0; i++) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await stop();
    }
    expect(await pending()).toBe(0);
    expect(log).toEqual([]);
    expect(await refreshStatsWindow(t.db, now)).toBe('fresh');
    await expectSameAsDirect();
  });
});
