import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends';
import { createTestApp } from '../support/test-app';
import { openTestDb, type TestDb } from '../support/test-db';
import { type FixtureCase, insertHotspotFixture } from './fixture';

type Feature = {
  type: 'Feature';
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown>;
};
type Collection = { type: 'FeatureCollection'; features: Feature[]; meta: Record<string, unknown> };

describe.each(testBackends())('hotspots API on crafted cases (%s)', (backend) => {
  let t: TestDb;
  let app: ReturnType<typeof createTestApp>;
  let cases: FixtureCase[];
  beforeAll(async () => {
    t = await openTestDb(backend, 'empty');
    cases = await insertHotspotFixture(t.db);
    app = createTestApp(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = async (path: string) => {
    const res = await app.request(path);
    expect(res.status, path).toBe(200);
    return (await res.json()) as Collection;
  };
  const idsOf = async (codes: string[]) =>
    (await t.db.query<{ id: number }>('SELECT id FROM cases WHERE code = ANY($1) ORDER BY id', [codes])).map(
      (r) => Number(r.id),
    );

  it.each([
    ['', 'TRUE'],
    ['&category=safety,dispute', "category IN ('safety', 'dispute')"],
    ['&source=hotline', "source = 'hotline'"],
    ['&grid=C1', "grid_l2_code = 'C1'"],
    [
      '&grid=C2-2&from=2026-07-01&to=2026-12-01T00:00:00%2B08:00',
      "grid_code = 'C2-2' AND reported_at >= '2026-07-01' AND reported_at < '2026-12-01T00:00:00+08:00'",
    ],
    ['&bbox=113.81,27.61,113.87,27.68', 'geom && ST_MakeEnvelope(113.81, 27.61, 113.87, 27.68, 4326)'],
  ])('bin counts%s sum to the direct count of the filtered cases', async (filter, where) => {
    const body = await get(`/api/hotspots/bins?binSize=500${filter}`);
    const [direct] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE ${where}`);
    const sum = body.features.reduce((s, f) => s + Number(f.properties.count), 0);
    expect(sum).toBe(direct?.n);
    expect(body.meta.totalCount).toBe(direct?.n);
  });

  it('bins are square polygons with counts, categories, dominant category and a Gi* class', async () => {
    const body = await get('/api/hotspots/bins?binSize=250&bbox=113.8,27.6,113.9,27.7');
    expect(body.meta).toMatchObject({ binSizeMetres: 250, shape: 'square', projection: 'EPSG:3857' });
    expect(body.meta.referenceLatitude).toBeCloseTo(27.65, 6);
    const repeatBin = body.features.find(
      (f) => (f.properties.categories as Record<string, number>).safety === 4,
    );
    expect(repeatBin?.geometry.type).toBe('Polygon');
    expect(repeatBin?.properties).toMatchObject({ count: 4, dominantCategory: 'safety' });
    // 4 cases in one bin among ~1,800 mostly empty bins: a significant hot spot.
    expect(Number(repeatBin?.properties.giZ)).toBeGreaterThan(2.576);
    expect(repeatBin?.properties.giClass).toBe(3);
    for (const f of body.features) expect([-3, -2, -1, 0, 1, 2, 3]).toContain(f.properties.giClass);
  });

  it('DBSCAN finds the ring of 12 environment cases as one hull, nothing else at minPoints 5', async () => {
    const body = await get('/api/hotspots/clusters?eps=100&minPoints=5');
    expect(body.features).toHaveLength(1);
    const [ring] = body.features;
    expect(ring?.geometry.type).toBe('Polygon');
    expect(ring?.properties).toEqual({
      count: 12,
      categories: { environment: 12 },
      dominantCategory: 'environment',
    });
    expect(body.meta).toMatchObject({ epsMetres: 100, minPoints: 5, inputCount: cases.length });
  });

  it('DBSCAN at minPoints 3 adds the two small groups, largest first, hulls padded when collinear', async () => {
    const body = await get('/api/hotspots/clusters?eps=100&minPoints=3');
    expect(body.features.map((f) => f.properties.count)).toEqual([12, 4, 3]);
    expect(body.features.map((f) => f.properties.dominantCategory)).toEqual([
      'environment',
      'safety',
      'dispute',
    ]);
    for (const f of body.features) expect(f.geometry.type).toBe('Polygon');
  });

  it('a repeat-location alert: 4 safety cases within 50 m in 9 days', async () => {
    const body = await get('/api/hotspots/alerts');
    expect(body.features).toHaveLength(1);
    const [alert] = body.features;
    expect(alert?.geometry.type).toBe('Point');
    expect(alert?.properties).toMatchObject({
      category: 'safety',
      count: 4,
      caseIds: await idsOf(['HS-1', 'HS-2', 'HS-3', 'HS-4']),
      firstReportedAt: cases[0]?.reportedAt,
      lastReportedAt: cases[3]?.reportedAt,
    });
    expect(Number(alert?.properties.radiusMetres)).toBeLessThan(20);
    expect(body.meta).toMatchObject({ minCases: 3, radiusMetres: 50, windowDays: 30 });
  });

  it('the window, count and category are parameters', async () => {
    const wide = await get('/api/hotspots/alerts?windowDays=90&category=dispute');
    expect(wide.features.map((f) => f.properties.caseIds)).toEqual([await idsOf(['HS-5', 'HS-6', 'HS-7'])]);
    expect((await get('/api/hotspots/alerts?minCases=5')).features).toHaveLength(0);
    expect((await get('/api/hotspots/alerts?from=2026-06-05')).features).toHaveLength(0); // 2 of 4 left
  });

  it.each([
    ['/api/hotspots/bins?binSize=300', 400],
    ['/api/hotspots/bins?category=weather', 400],
    ['/api/hotspots/bins?bbox=114,27,113,28', 400],
    ['/api/hotspots/bins?binSize=100&bbox=100,20,120,40', 422],
    ['/api/hotspots/clusters?eps=0', 400],
    ['/api/hotspots/alerts?nope=1', 400],
  ])('%s → %i problem+json', async (path, status) => {
    const res = await app.request(path);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await res.json()) as { detail: string }).detail.length).toBeGreaterThan(10);
  });
});
