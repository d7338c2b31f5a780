/** The demo district's party figures: every share strictly between 0 and 100 % (realistic gaps). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAllowedParent, type UnitKind } from '../../server/domain/party/vocabulary';
import { testBackends } from '../support/backends';
import { TEST_NOW } from '../support/templates';
import { createTestApp } from '../support/test-app';
import { openTestDb, type TestDb } from '../support/test-db';

// biome-ignore lint/suspicious/noExplicitAny: checked field by field
type Json = Record<string, any>;

describe.each(testBackends())('party figures of the demo district (%s)', (backend) => {
  let t: TestDb;
  let app: ReturnType<typeof createTestApp>;
  beforeAll(async () => {
    t = await openTestDb(backend, 'demo');
    app = createTestApp(t, () => TEST_NOW);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('has the organisation for all 138 level-3 grids, with gaps', async () => {
    const o = (await (await app.request('/api/party/overview')).json()) as Json;
    expect(o.organisation.grids).toBe(138);
    const shares = {
      branchCoverage: o.organisation.branchCoverage,
      buildingCoverage: o.organisation.buildingCoverage,
      stationHouseholds: o.stations.householdShare,
      fiveHaves: o.fiveHaves.completion,
      active: o.inService.activeShare,
      claimed: o.needs.claimedShare,
    };
    for (const [name, share] of Object.entries(shares)) {
      expect(share, name).toBeGreaterThan(0);
      expect(share, name).toBeLessThan(1);
    }
    expect(o.inService.hoursThisMonth).toBeGreaterThan(0);
    expect(o.needs.projects).toBeGreaterThan(0);
  });

  it('every demo claim obeys the claim rule (same category, within the service distance)', async () => {
    const rows = await t.db.query<{ bad: number }>(
      `SELECT count(*) AS bad FROM party_need n JOIN party_resource r ON r.id = n.resource_id
       WHERE r.category <> n.category OR NOT ST_DWithin(r.geom::geography, n.geom::geography, r.service_radius_metres)`,
    );
    expect(rows[0]?.bad).toBe(0);
  });

  it('every demo unit hangs under an allowed parent kind (seed 000 and 001 chains)', async () => {
    const rows = await t.db.query<{ kind: UnitKind; parentKind: UnitKind | null }>(
      `SELECT DISTINCT u.kind, p.kind AS "parentKind" FROM party_unit u LEFT JOIN party_unit p ON p.id = u.parent_id`,
    );
    expect(rows.filter((r) => !isAllowedParent(r.kind, r.parentKind))).toEqual([]);
    expect(new Set(rows.map((r) => r.kind)).size).toBe(8); // every kind appears
  });

  it('a level-3 grid has its tree and checklist', async () => {
    const tier = (await (await app.request('/api/party/grids?level=3')).json()) as Json;
    const withBranch = tier.grids.find((g: Json) => g.organisation.gridsWithBranch === 1);
    const tree = (await (await app.request(`/api/party/tree?grid=${withBranch.code}`)).json()) as Json;
    expect(['grid_branch', 'grid_work_group']).toContain(tree.units[0].kind);
    expect(tier.grids.some((g: Json) => g.checklist.missing.length > 0)).toBe(true);
  });
});
