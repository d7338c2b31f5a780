import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Row, SqlParam } from '../../server/db/db';
import { resolveWindow, type Window } from '../../server/domain/metrics';
import {
  GRID_STATS_FIELDS,
  type GridStatsField,
  getTierStatsColumns,
  type TierRequest,
} from '../../server/queries/stats-grids';
import { testBackends } from '../support/backends';
import type { createTestApp } from '../support/test-app';
import type { TestDb } from '../support/test-db';
import { FIXTURE_NOW, FIXTURE_WINDOW, openStatsFixture } from './fixtures';

const WINDOW = `from=${FIXTURE_WINDOW.from}&to=${FIXTURE_WINDOW.to}`;

// biome-ignore lint/suspicious/noExplicitAny: answers are compared field by field with the full answer
type Json = Record<string, any>;

/** `db` recording the SQL text of every query it runs. */
function createRecordingDb(db: Db): { db: Db; statements: string[] } {
  const statements: string[] = [];
  const recording: Db = {
    backend: db.backend,
    query: <T extends Row = Row>(sql: string, params?: readonly SqlParam[]) => {
      statements.push(sql);
      return db.query<T>(sql, params);
    },
    exec: (sql) => db.exec(sql),
    transaction: (fn) => db.transaction(fn),
    close: () => db.close(),
  };
  return { db: recording, statements };
}

function fixtureWindow(): Window {
  const w = resolveWindow(FIXTURE_WINDOW, FIXTURE_WINDOW.to);
  if (typeof w === 'string') throw new Error(w);
  return w;
}

describe.each(testBackends())('GET /api/stats/grids?fields= (%s)', (backend) => {
  let t: TestDb;
  let app: ReturnType<typeof createTestApp>;
  const get = async (path: string): Promise<Json> => {
    const res = await app.request(path);
    expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
    return (await res.json()) as Json;
  };

  beforeAll(async () => {
    ({ t, app } = await openStatsFixture(backend));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers the requested figures as columns aligned with codes, equal to the full answer', async () => {
    const fieldSets: GridStatsField[][] = [
      ['overdueRate', 'open'],
      ['name', 'medianResponseSeconds'],
      ['householdsPerWorker', 'casesPer1000Households', 'responseRate'],
      [...GRID_STATS_FIELDS].reverse(),
    ];
    for (const level of [1, 2, 3]) {
      const full = await get(`/api/stats/grids?level=${level}&${WINDOW}`);
      for (const fields of fieldSets) {
        const compact = await get(`/api/stats/grids?level=${level}&${WINDOW}&fields=${fields.join(',')}`);
        const { grids, ...header } = full;
        expect(Object.keys(compact)).toEqual([...Object.keys(header), 'codes', ...fields]);
        expect(compact).toMatchObject(header);
        expect(compact.codes).toEqual(grids.map((g: Json) => g.code));
        for (const f of fields)
          expect(compact[f], `level ${level} ${f}`).toEqual(grids.map((g: Json) => g[f]));
      }
    }
  });

  it('keeps the grid filter: the level-3 grids of C2 only', async () => {
    const compact = await get(`/api/stats/grids?level=3&grid=C2&${WINDOW}&fields=cases,open`);
    expect(compact.codes).toEqual(['C2-1', 'C2-2']);
    expect(compact.cases).toEqual([0, 2]);
    expect(compact.open).toEqual([0, 1]);
  });

  it('rejects unknown, repeated and empty field names with problem+json naming them', async () => {
    const cases: [string, RegExp][] = [
      ['fields=open,nope', /'nope'/],
      ['fields=code', /'code'/],
      ['fields=', /''/],
      ['fields=open,open', /'open' asked twice/],
    ];
    for (const [query, detail] of cases) {
      const res = await app.request(`/api/stats/grids?level=3&${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type'), query).toMatch(/^application\/problem\+json/);
      const body = (await res.json()) as Json;
      expect(body.type, query).toMatch(/\/invalid-request$/);
      expect(body.detail, query).toMatch(detail);
      expect(body.errors[0].path, query).toBe('fields');
    }
  });

  it('runs only the sub-queries the requested figures need', async () => {
    const r: TierRequest = {
      level: 3,
      grid: null,
      window: fixtureWindow(),
      now: FIXTURE_NOW,
      category: null,
    };
    const tables = async (fields: GridStatsField[]) => {
      const recording = createRecordingDb(t.db);
      await getTierStatsColumns(recording.db, r, fields);
      const sql = recording.statements.join('\n');
      return {
        statements: recording.statements.length,
        staff: /\bFROM staff\b/.test(sql),
        // Level 3 reads its cases' facts (migration 017); the flush applies queued changes to the rollups.
        flush: /\bstats_flush\(\)/.test(sql),
        cohorts: /\bstats_case_day_facts\(/.test(sql),
        histogram: /\bstats_case_duration_facts\(/.test(sql),
        openCases: /\bstatus NOT IN \('resolved'/.test(sql),
      };
    };
    const none = { staff: false, flush: false, cohorts: false, histogram: false, openCases: false };
    expect(await tables(['name', 'households'])).toEqual({ statements: 1, ...none });
    expect(await tables(['overdueRate', 'open'])).toEqual({ statements: 2, ...none, openCases: true });
    expect(await tables(['medianResponseSeconds'])).toEqual({
      statements: 3,
      ...none,
      flush: true,
      histogram: true,
    });
    expect(await tables(['casesPer1000Households'])).toEqual({
      statements: 3,
      ...none,
      flush: true,
      cohorts: true,
    });
    expect(await tables(['householdsPerWorker'])).toEqual({ statements: 1, ...none, staff: true });
    expect(await tables(['satisfactionRate'])).toEqual({
      statements: 3,
      ...none,
      flush: true,
      cohorts: true,
    });
    expect(await tables(['responseRate'])).toEqual({
      statements: 4,
      ...none,
      flush: true,
      cohorts: true,
      openCases: true,
    });
  });
});
