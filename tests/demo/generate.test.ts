/** The pure generator, without a database: counts, scenario figures, workflow logs, determinism. */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDistrict } from '../../scripts/demo/district-data';
import { generateDemoData } from '../../scripts/demo/generate';
import type { DemoData } from '../../scripts/demo/types';
import { type CaseAction, isOpen, replay } from '../../server/domain/case-workflow';

const NOW = new Date('2026-03-01T02:00:00Z');
const SEED = 20260301;
const RESOLVED = ['resolved', 'visited', 'archived'];

function fingerprint(data: DemoData): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex');
}

describe('demo generator', () => {
  let data: DemoData;
  beforeAll(() => {
    data = generateDemoData(readDistrict(), { seed: SEED, now: NOW });
  });

  it('plans 5 / 29 / 138 grids with the scenario kinds and real names', () => {
    const at = (level: number) => data.grids.filter((g) => g.level === level);
    expect(at(1)).toHaveLength(5);
    expect(at(2)).toHaveLength(29);
    expect(at(3)).toHaveLength(138);
    expect(at(1).every((g) => g.kind === 'street' || g.kind === 'town')).toBe(true);
    expect(at(2).filter((g) => g.kind === 'community')).toHaveLength(14);
    expect(at(2).filter((g) => g.kind === 'village')).toHaveLength(15);
    const district = readDistrict();
    expect(at(1).every((g) => district.streets.some((s) => s.code === g.code && s.name === g.name))).toBe(
      true,
    );
    expect(at(2).every((g) => district.communities.some((c) => c.code === g.code))).toBe(true);
    expect(at(3).every((g) => /^.+第\d+网格$/.test(g.name) && g.kind === 'unit')).toBe(true);
  });

  it('gives level-3 grids 300–500 households and parents the sums of their children', () => {
    for (const g of data.grids.filter((x) => x.level === 3)) {
      expect(g.households).toBeGreaterThanOrEqual(300);
      expect(g.households).toBeLessThanOrEqual(500);
      expect(g.population / g.households).toBeGreaterThan(2.4);
      expect(g.population / g.households).toBeLessThan(2.85);
    }
    for (const parent of data.grids.filter((x) => x.level < 3)) {
      const children = data.grids.filter((c) => c.parentCode === parent.code);
      expect(parent.households).toBe(children.reduce((s, c) => s + c.households, 0));
      expect(parent.population).toBe(children.reduce((s, c) => s + c.population, 0));
    }
  });

  it('staffs every level-3 grid: 163 grid workers, a head per level-2 grid, building heads', () => {
    const workers = data.staff.filter((s) => s.role === 'grid_worker');
    expect(workers).toHaveLength(163);
    const staffed = new Set(workers.map((w) => w.gridCode));
    expect(data.grids.filter((g) => g.level === 3).every((g) => staffed.has(g.code))).toBe(true);
    expect(data.staff.filter((s) => s.role === 'grid_head')).toHaveLength(29);
    expect(data.staff.filter((s) => s.role === 'building_head').length).toBeGreaterThan(50);
  });

  it("sums each grid's building households to the grid's households", () => {
    const sums = new Map<string, number>();
    for (const b of data.buildings) sums.set(b.gridCode, (sums.get(b.gridCode) ?? 0) + b.households);
    for (const g of data.grids.filter((x) => x.level === 3)) expect(sums.get(g.code)).toBe(g.households);
  });

  it('has every kind of facility', () => {
    const kinds = new Set(data.facilities.map((f) => f.kind));
    expect([...kinds].sort()).toEqual([
      'camera',
      'mediation_center',
      'party_household',
      'service_center',
      'station',
    ]);
    expect(data.facilities.filter((f) => f.kind === 'service_center')).toHaveLength(29);
    expect(data.facilities.filter((f) => f.kind === 'mediation_center')).toHaveLength(5);
  });

  it('makes ≥ 20,000 cases over the year before now, hotline first, with unique AY codes', () => {
    expect(data.cases.length).toBeGreaterThanOrEqual(20_000);
    const yearAgo = NOW.getTime() - 366 * 86_400_000;
    expect(data.cases.every((c) => c.reportedAt.getTime() >= yearAgo && c.reportedAt < NOW)).toBe(true);
    const bySource = new Map<string, number>();
    for (const c of data.cases) bySource.set(c.source, (bySource.get(c.source) ?? 0) + 1);
    const top = [...bySource.entries()].sort((a, b) => b[1] - a[1])[0];
    expect(top?.[0]).toBe('hotline');
    expect(new Set(data.cases.map((c) => c.code)).size).toBe(data.cases.length);
    expect(data.cases.every((c) => /^AY\d{8}-\d{5}$/.test(c.code))).toBe(true);
  });

  it('writes logs that replay to each status, with times never going backwards nor past now', () => {
    // Collect the offending case codes instead of 140,000 expect() calls: fast, and a readable failure.
    const bad = data.cases.filter((c) => {
      const actions = c.events.slice(1).map((e) => e.action as CaseAction);
      const chained = c.events.every((e, i) => {
        const prev = c.events[i - 1];
        return i === 0 ? e.action === 'report' && e.from === null : e.from === prev?.to && e.at >= prev.at;
      });
      return (
        replay(actions) !== c.status ||
        !chained ||
        (c.events.at(-1)?.at ?? NOW) > NOW ||
        c.dueAt <= c.reportedAt ||
        (c.status === 'rejected' && !c.rejectReason)
      );
    });
    expect(bad.map((c) => c.code)).toEqual([]);
  });

  it('has realistic outcomes: 5–10 % overdue, reopened (some twice), rejected, open recent cases, content residents', () => {
    const overdue = data.cases.filter((c) =>
      c.resolvedAt ? c.resolvedAt > c.dueAt : isOpen(c.status) && NOW > c.dueAt,
    ).length;
    expect(overdue / data.cases.length).toBeGreaterThan(0.05);
    expect(overdue / data.cases.length).toBeLessThan(0.1);
    expect(data.cases.some((c) => c.reopenCount === 2)).toBe(true);
    expect(data.cases.filter((c) => c.reopenCount > 0).length).toBeGreaterThan(100);
    expect(data.cases.filter((c) => c.status === 'rejected').length).toBeGreaterThan(100);
    const open = data.cases.filter((c) => isOpen(c.status));
    expect(open.length).toBeGreaterThan(50);
    expect(open.filter((c) => NOW.getTime() - c.reportedAt.getTime() < 30 * 86_400_000).length).toBe(
      open.length,
    );
    const rated = data.cases.filter((c) => c.satisfaction !== null);
    expect(rated.filter((c) => (c.satisfaction ?? 0) >= 4).length / rated.length).toBeGreaterThan(0.75);
    expect(data.cases.some((c) => c.escalationCount > 0 && isOpen(c.status))).toBe(true);
  });

  it('reproduces seed 003: 411 appeals collected, 409 resolved, 334 mediations', () => {
    const visits = data.cases.filter((c) => c.source === 'visit');
    expect(visits).toHaveLength(411);
    expect(visits.filter((c) => RESOLVED.includes(c.status))).toHaveLength(409);
    const mediations = data.cases.filter(
      (c) =>
        c.category === 'dispute' &&
        (c.source === 'patrol' || c.source === 'visit') &&
        RESOLVED.includes(c.status),
    );
    expect(mediations).toHaveLength(334);
  });

  it('is deterministic: same seed → identical data, another seed → different data', () => {
    const again = generateDemoData(readDistrict(), { seed: SEED, now: NOW });
    expect(fingerprint(again)).toBe(fingerprint(data));
    const other = generateDemoData(readDistrict(), { seed: SEED + 1, now: NOW });
    expect(fingerprint(other)).not.toBe(fingerprint(data));
    expect(other.grids[0]?.seeds).not.toEqual(data.grids[0]?.seeds);
  });
});
