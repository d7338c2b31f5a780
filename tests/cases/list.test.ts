import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends';
import { createTilingFixture, insertPublishedVersion } from '../support/fixtures';
import { TEST_NOW } from '../support/templates';
import { openTestDb, type TestDb } from '../support/test-db';
import { type CaseTestApp, createCaseTestApp, createClock, FIXTURE_POINTS, postJson } from './case-fixtures';

type Item = {
  id: number;
  gridCode: string;
  status: string;
  category: string;
  source: string;
  priority: string;
  reportedAt: string;
  overdue: boolean;
};
type Page = { items: Item[]; nextCursor: string | null };

const START = new Date('2026-11-01T00:00:00Z');
const HOUR = 3_600_000;
const GRIDS = Object.keys(FIXTURE_POINTS) as (keyof typeof FIXTURE_POINTS)[];
const CATEGORIES = ['dispute', 'environment', 'safety'] as const;
const SOURCES = ['hotline', 'patrol', 'app'] as const;
const PRIORITIES = ['urgent', 'normal'] as const;

async function pageThrough(api: CaseTestApp, query: string, limit: number): Promise<Item[]> {
  const all: Item[] = [];
  let cursor: string | null = null;
  do {
    const url = `/api/cases?${query}${query ? '&' : ''}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await api.app.request(url);
    expect(res.status, url).toBe(200);
    const page = (await res.json()) as Page;
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

describe.each(testBackends())(
  'GET /api/cases filters and keyset pagination on the fixture (%s)',
  (backend) => {
    let t: TestDb;
    let api: CaseTestApp;
    const clock = createClock(START);
    const made: Item[] = [];

    beforeAll(async () => {
      t = await openTestDb(backend, 'empty');
      await insertPublishedVersion(t.db, createTilingFixture());
      api = createCaseTestApp(t, { now: clock.now });
      // 48 cases, two per hour (so report times tie in pairs), cycling grids, categories, sources, priorities.
      for (let i = 0; i < 48; i++) {
        if (i % 2 === 0) clock.advanceHours(1);
        const grid = GRIDS[i % 4] as keyof typeof FIXTURE_POINTS;
        const body = {
          ...FIXTURE_POINTS[grid],
          category: CATEGORIES[i % 3],
          source: SOURCES[(i >> 1) % 3],
          priority: PRIORITIES[i % 2],
        };
        const res = await postJson(api.app, '/api/cases', body);
        made.push((await res.json()) as Item);
      }
      for (const c of made.slice(0, 6)) {
        await postJson(api.app, `/api/cases/${c.id}/transitions`, { action: 'accept' });
      }
      clock.set(new Date(START.getTime() + 60 * HOUR));
    });
    afterAll(async () => {
      await t?.close();
    });

    const ids = (items: { id: number }[]) => items.map((c) => c.id).sort((a, b) => a - b);

    it('pages newest first with a stable order, no duplicates and nothing missing', async () => {
      for (const limit of [1, 5, 7, 48, 100]) {
        const all = await pageThrough(api, '', limit);
        expect(all).toHaveLength(48);
        expect(new Set(all.map((c) => c.id)).size).toBe(48);
        const keys = all.map((c) => [Date.parse(c.reportedAt), c.id] as const);
        for (let i = 1; i < keys.length; i++) {
          const [at0, id0] = keys[i - 1] as readonly [number, number];
          const [at1, id1] = keys[i] as readonly [number, number];
          expect(at0 > at1 || (at0 === at1 && id0 > id1)).toBe(true);
        }
      }
    });

    it.each([
      ['S1', 48],
      ['C1', 24],
      ['C2-1', 12],
    ])('filters by grid %s at any level, including descendants', async (grid, n) => {
      const all = await pageThrough(api, `grid=${grid}`, 10);
      expect(all).toHaveLength(n);
      for (const c of all) expect(c.gridCode.startsWith(grid === 'S1' ? 'C' : grid)).toBe(true);
    });

    it('a grid code no published grid has lists nothing (a draft-only or retired code)', async () => {
      expect(await pageThrough(api, 'grid=C9-9', 10)).toEqual([]);
    });

    it('filters by status, category, source and priority, with comma lists', async () => {
      expect(ids(await pageThrough(api, 'status=accepted', 50))).toEqual(ids(made.slice(0, 6)));
      const safety = await pageThrough(api, 'category=safety', 50);
      expect(ids(safety)).toEqual(ids(made.filter((c) => c.category === 'safety')));
      const two = await pageThrough(api, 'source=hotline,app&priority=urgent', 50);
      expect(ids(two)).toEqual(
        ids(made.filter((c) => ['hotline', 'app'].includes(c.source) && c.priority === 'urgent')),
      );
    });

    it('filters overdue cases, derived from the due time and status at read time', async () => {
      // At START+60h: urgent (2 h) cases are overdue unless accepted... accepted is still open, so overdue too.
      const overdue = await pageThrough(api, 'overdue=true', 50);
      expect(ids(overdue)).toEqual(ids(made.filter((c) => c.priority === 'urgent')));
      expect(overdue.every((c) => c.overdue)).toBe(true);
      const notOverdue = await pageThrough(api, 'overdue=false', 50);
      expect(notOverdue).toHaveLength(48 - overdue.length);
    });

    it('filters by report time from (inclusive) to (exclusive) and by bbox', async () => {
      const from = new Date(START.getTime() + 3 * HOUR).toISOString();
      const to = new Date(START.getTime() + 5 * HOUR).toISOString();
      const window = await pageThrough(api, `from=${from}&to=${to}`, 50);
      expect(ids(window)).toEqual(ids(made.slice(4, 8)));
      const west = await pageThrough(api, 'bbox=113.8,27.6,113.85,27.7', 50);
      expect(ids(west)).toEqual(ids(made.filter((c) => c.gridCode.startsWith('C1'))));
    });

    it.each([
      'status=lost',
      'bbox=1,2,3',
      'bbox=113.9,27.6,113.8,27.7',
      'limit=0',
      'limit=501',
      'cursor=not-a-cursor',
      'overdue=maybe',
      'from=yesterday',
      'grid=bad%20code',
      'colour=red',
    ])('answers 400 problem for %s', async (query) => {
      const res = await api.app.request(`/api/cases?${query}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });
  },
);

describe.each(testBackends())('GET /api/cases on the demo data (%s)', (backend) => {
  let t: TestDb;
  let api: CaseTestApp;
  beforeAll(async () => {
    t = await openTestDb(backend, 'demo');
    api = createCaseTestApp(t, { now: () => TEST_NOW });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('pages a level-1 grid completely, matching a direct count', async () => {
    const [l1] = await t.db.query<{ code: string; n: number }>(
      'SELECT grid_l1_code AS code, count(*)::int AS n FROM cases GROUP BY 1 ORDER BY 2 LIMIT 1',
    );
    if (!l1) throw new Error('no demo cases');
    const all = await pageThrough(api, `grid=${l1.code}`, 500);
    expect(all).toHaveLength(l1.n);
    expect(new Set(all.map((c) => c.id)).size).toBe(l1.n);
  });
});
