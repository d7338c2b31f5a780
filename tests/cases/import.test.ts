import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRecords } from '../../server/import/csv-records';
import { geojsonRecords } from '../../server/import/geojson-records';
import { importCases } from '../../server/import/import-cases';
import { createCaseEventBus, type LiveCaseEvent } from '../../server/live/case-event-bus';
import { testBackends } from '../support/backends';
import { createTilingFixture, insertPublishedVersion } from '../support/fixtures';
import { openTestDb, type TestDb } from '../support/test-db';
import { FIXTURE_POINTS } from './case-fixtures';

const NOW = new Date('2026-11-20T02:00:00Z');
const { lon: x1, lat: y1 } = FIXTURE_POINTS['C1-1'];
const { lon: x2, lat: y2 } = FIXTURE_POINTS['C2-2'];

/** Rows 1, 2, 5 and 7 are good; 3, 4, 6 and 8 are bad for the reasons the test expects. */
const CSV = [
  'externalId,lon,lat,category,source,priority,title,reportedAt',
  `imp-1,${x1},${y1},dispute,hotline,high,"楼上漏水, 急",2026-10-01T09:00:00+08:00`,
  `imp-2,${x2},${y2},environment,patrol,,垃圾,2026-10-02T10:00:00Z`,
  `imp-3,abc,${y1},dispute,hotline,,,`,
  `imp-4,${x1},${y1},aliens,hotline,,,`,
  `,${x2},${y2},safety,camera,urgent,无编号,2026-10-03T00:00:00Z`,
  `imp-6,120.0,30.0,dispute,hotline,,,`,
  `imp-7,${x1},${y1},policy,app,complex,"含""引号""",`,
  `imp-8,${x1},${y1},policy,app,,,not-a-date`,
].join('\n');

const GEOJSON = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [x1, y1] },
      properties: { externalId: 'geo-1', category: 'elderly', source: 'visit' },
    },
    {
      type: 'Feature',
      geometry: {
        type: 'LineString',
        coordinates: [
          [x1, y1],
          [x2, y2],
        ],
      },
      properties: { externalId: 'geo-2', category: 'elderly', source: 'visit' },
    },
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [x2, y2] },
      properties: { externalId: 'geo-3', category: 'traffic', source: 'app', colour: 'red' },
    },
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [x2, y2] },
      properties: { externalId: 'geo-4', category: 'traffic', source: 'app', priority: 'urgent' },
    },
  ],
};

describe.each(testBackends())('bulk import of cases (%s)', (backend) => {
  let t: TestDb;
  let dir: string;
  beforeAll(async () => {
    t = await openTestDb(backend, 'empty');
    await insertPublishedVersion(t.db, createTilingFixture());
    dir = mkdtempSync(join(tmpdir(), 'gridsight-import-'));
    writeFileSync(join(dir, 'cases.csv'), CSV);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const importCsv = (batchSize: number) =>
    importCases(
      t.db,
      csvRecords(createReadStream(join(dir, 'cases.csv'), { encoding: 'utf8', highWaterMark: 64 })),
      {
        now: NOW,
        batchSize,
      },
    );

  it('commits the valid CSV rows and reports each bad row by number and reason', async () => {
    const report = await importCsv(3);
    expect(report).toMatchObject({ rows: 8, inserted: 4, duplicates: 0 });
    expect(report.errors.map((e) => e.row)).toEqual([3, 4, 6, 8]);
    expect(report.errors[0]?.reason).toMatch(/lon/);
    expect(report.errors[1]?.reason).toMatch(/category/);
    expect(report.errors[2]?.reason).toMatch(/outside every grid/);
    expect(report.errors[3]?.reason).toMatch(/reportedAt/);

    const rows = await t.db.query<{
      external_id: string;
      grid_code: string;
      title: string;
      priority: string;
      due_at: Date;
      reported_at: Date;
      code: string;
      events: number;
    }>(
      `SELECT c.external_id, c.grid_code, c.title, c.priority, c.due_at, c.reported_at, c.code,
              (SELECT count(*)::int FROM case_event e WHERE e.case_id = c.id AND e.seq = 1 AND e.action = 'report') AS events
       FROM cases c ORDER BY c.id`,
    );
    expect(rows.map((r) => r.grid_code)).toEqual(['C1-1', 'C2-2', 'C2-2', 'C1-1']);
    expect(rows[0]).toMatchObject({
      external_id: 'imp-1',
      title: '楼上漏水, 急',
      priority: 'high',
      reported_at: new Date('2026-10-01T01:00:00Z'),
    });
    expect(rows[0]?.code).toMatch(/^GS20261001-\d{7}$/);
    expect(rows[0]?.due_at).toEqual(new Date('2026-10-02T01:00:00Z'));
    expect(rows[2]?.external_id).toMatch(/^sha1:[0-9a-f]{40}$/);
    expect(rows[3]).toMatchObject({ title: '含"引号"', reported_at: NOW });
    expect(rows.every((r) => r.events === 1)).toBe(true);
  });

  it('adds nothing when the same file is imported again, whatever the batch size', async () => {
    const report = await importCsv(1000);
    expect(report).toMatchObject({ rows: 8, inserted: 0, duplicates: 4 });
    expect(report.errors.map((e) => e.row)).toEqual([3, 4, 6, 8]);
    const [n] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
    expect(n?.n).toBe(4);
  });

  it('imports GeoJSON points, reports non-points and unknown properties, and announces committed cases', async () => {
    const events = createCaseEventBus();
    const seen: LiveCaseEvent[] = [];
    const unsubscribe = events.subscribe((e) => seen.push(e));
    const report = await importCases(t.db, geojsonRecords(GEOJSON), { now: NOW, events });
    unsubscribe();
    expect(report).toMatchObject({ rows: 4, inserted: 2, duplicates: 0 });
    expect(report.errors.map((e) => [e.row, e.reason])).toEqual([
      [2, expect.stringMatching(/LineString/)],
      [3, expect.stringMatching(/colour/)],
    ]);
    expect(seen.map((e) => [e.action, e.case.gridCode])).toEqual([
      ['report', 'C1-1'],
      ['report', 'C2-2'],
    ]);
    const again = await importCases(t.db, geojsonRecords(GEOJSON), { now: NOW });
    expect(again).toMatchObject({ inserted: 0, duplicates: 2 });
  });
});
