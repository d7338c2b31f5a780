import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TILE_BUFFER, TILE_EXTENT } from '../../server/domain/hotspots/tile-math';
import { renderCaseTile, renderGridTile } from '../../server/tiles/render';
import { testBackends } from '../support/backends';
import { TEST_NOW } from '../support/templates';
import { createTestApp } from '../support/test-app';
import { openTestDb, type TestDb } from '../support/test-db';
import { bboxOf, decodeTile, tileAt } from './decode';

describe.each(testBackends())('case and grid vector tiles on the demo data (%s)', (backend) => {
  let t: TestDb;
  let app: ReturnType<typeof createTestApp>;
  let centre: { lon: number; lat: number };
  beforeAll(async () => {
    t = await openTestDb(backend, 'demo');
    app = createTestApp(t, () => TEST_NOW);
    // The busiest spot of the demo: the median case of the densest level-3 grid.
    const [row] = await t.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM cases
       WHERE grid_code = (SELECT grid_code FROM cases GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1)
       ORDER BY id LIMIT 1`,
    );
    if (!row) throw new Error('demo data has no cases');
    centre = row;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Cases inside the tile plus its buffer (points layer), boundary included. */
  const countIn = async (z: number, x: number, y: number, margin: number, where = 'TRUE') => {
    const [row] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases
       WHERE ST_Intersects(ST_Transform(geom, 3857), ST_TileEnvelope($1, $2, $3, margin => $4::float8)) AND ${where}`,
      [z, x, y, margin],
    );
    return row?.n ?? 0;
  };
  /** Cases of the tile proper, half-open like the bins: [xmin, xmax) × (ymin, ymax]. */
  const countHalfOpen = async (z: number, x: number, y: number) => {
    const [row] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases, ST_TileEnvelope($1, $2, $3) AS e, ST_Transform(geom, 3857) AS m
       WHERE ST_X(m) >= ST_XMin(e) AND ST_X(m) < ST_XMax(e) AND ST_Y(m) > ST_YMin(e) AND ST_Y(m) <= ST_YMax(e)`,
      [z, x, y],
    );
    return row?.n ?? 0;
  };

  it('z16: one point per case with its properties, no personal data, and caching headers', async () => {
    const { z, x, y } = tileAt(centre.lon, centre.lat, 16);
    const res = await app.request(`/api/tiles/cases/${z}/${x}/${y}.mvt`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    expect(res.headers.get('cache-control')).toBe('private, max-age=60');
    expect(res.headers.get('vary')).toBe('Cookie');
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const layers = decodeTile(new Uint8Array(await res.arrayBuffer()));
    const points = layers.cases ?? [];
    expect(points.length).toBe(await countIn(z, x, y, TILE_BUFFER / TILE_EXTENT));
    for (const f of points) {
      expect(Object.keys(f.properties).sort()).toEqual(
        ['category', 'id', 'overdue', 'priority', 'reportedAt', 'status'].sort(),
      );
      expect(f.id).toBe(f.properties.id);
      const p = f.rings[0]?.[0] ?? { x: NaN, y: NaN };
      expect(p.x).toBeGreaterThanOrEqual(-TILE_BUFFER);
      expect(p.x).toBeLessThanOrEqual(TILE_EXTENT + TILE_BUFFER);
    }
    const again = await app.request(`/api/tiles/cases/${z}/${x}/${y}.mvt`, {
      headers: { 'If-None-Match': etag ?? '' },
    });
    expect(again.status).toBe(304);
  });

  it('filters apply to tiles exactly as to the case list', async () => {
    const { z, x, y } = tileAt(centre.lon, centre.lat, 14);
    const res = await app.request(
      `/api/tiles/cases/${z}/${x}/${y}.mvt?category=dispute,safety&from=2026-06-01`,
    );
    const points = decodeTile(new Uint8Array(await res.arrayBuffer())).cases ?? [];
    const where = `category IN ('dispute', 'safety') AND reported_at >= '2026-06-01'`;
    expect(points.length).toBe(await countIn(z, x, y, TILE_BUFFER / TILE_EXTENT, where));
    for (const f of points) expect(['dispute', 'safety']).toContain(f.properties.category);
  });

  it('z10: aggregated bins whose counts add up to the cases in the tile', async () => {
    const { z, x, y } = tileAt(centre.lon, centre.lat, 10);
    const res = await app.request(`/api/tiles/cases/${z}/${x}/${y}.mvt`);
    expect(res.status).toBe(200);
    const layers = decodeTile(new Uint8Array(await res.arrayBuffer()));
    expect(layers.cases).toBeUndefined();
    const bins = layers.case_bins ?? [];
    expect(bins.length).toBeGreaterThan(0);
    const sum = bins.reduce((s, f) => s + Number(f.properties.count), 0);
    expect(sum).toBe(await countHalfOpen(z, x, y));
    for (const f of bins) expect(Object.keys(f.properties).sort()).toEqual(['count', 'dominantCategory']);
  });

  it('grid tiles carry code, name, level and parentCode of the published version', async () => {
    const { z, x, y } = tileAt(centre.lon, centre.lat, 12);
    const res = await app.request(`/api/tiles/grids/${z}/${x}/${y}.mvt?level=3`);
    expect(res.status).toBe(200);
    const grids = decodeTile(new Uint8Array(await res.arrayBuffer())).grids ?? [];
    expect(grids.length).toBeGreaterThan(0);
    for (const f of grids) {
      expect(f.type).toBe(3);
      expect(f.properties).toMatchObject({
        level: 3,
        code: expect.any(String),
        parentCode: expect.any(String),
      });
    }
    const top = await app.request(`/api/tiles/grids/${z}/${x}/${y}.mvt?level=1`);
    const streets = decodeTile(new Uint8Array(await top.arrayBuffer())).grids ?? [];
    for (const f of streets) expect(f.properties.parentCode).toBeUndefined();
  });

  it('below z12 grid tiles carry no names, and level 3 starts at z11 (an empty tile below)', async () => {
    const decoded = async (z: number, level: number) => {
      const { x, y } = tileAt(centre.lon, centre.lat, z);
      const res = await app.request(`/api/tiles/grids/${z}/${x}/${y}.mvt?level=${level}`);
      return { status: res.status, grids: decodeTile(new Uint8Array(await res.arrayBuffer())).grids ?? [] };
    };
    const z11 = await decoded(11, 3);
    expect(z11.grids.length).toBeGreaterThan(0);
    for (const f of z11.grids)
      expect(Object.keys(f.properties).sort()).toEqual(['code', 'level', 'parentCode']);
    expect((await decoded(10, 3)).status).toBe(204);
    const streets = await decoded(10, 1);
    expect(streets.grids.length).toBeGreaterThan(0);
    for (const f of streets.grids) expect(Object.keys(f.properties).sort()).toEqual(['code', 'level']);
    for (const f of (await decoded(12, 3)).grids) expect(f.properties.name).toEqual(expect.any(String));
  });

  it.each([
    ['/api/tiles/cases/23/0/0.mvt', 400],
    ['/api/tiles/cases/3/8/0.mvt', 400],
    ['/api/tiles/cases/a/0/0.mvt', 400],
    ['/api/tiles/cases/3/0/0.png', 400],
    ['/api/tiles/cases/3/0/0.mvt?category=nope', 400],
    ['/api/tiles/grids/3/0/0.mvt', 400],
    ['/api/tiles/grids/3/0/0.mvt?level=4', 400],
  ])('%s → %i problem+json', async (path, status) => {
    const res = await app.request(path);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('an empty tile is 204 No Content', async () => {
    expect((await app.request('/api/tiles/cases/16/0/0.mvt')).status).toBe(204);
    expect((await app.request('/api/tiles/grids/16/0/0.mvt?level=3')).status).toBe(204);
  });

  it.runIf(backend === 'postgres')(
    'ST_AsMVT and the TypeScript encoder decode to the same features',
    async () => {
      const now = TEST_NOW;
      for (const zoom of [16, 14, 10]) {
        const tile = tileAt(centre.lon, centre.lat, zoom);
        const viaSql = decodeTile(await renderCaseTile(t.db, 'postgis', tile, {}, now));
        const viaTs = decodeTile(await renderCaseTile(t.db, 'typescript', tile, {}, now));
        expect(Object.keys(viaTs), `z${zoom}`).toEqual(Object.keys(viaSql));
        expect(viaTs, `z${zoom}`).toEqual(viaSql);
      }
      for (const [zoom, level] of [
        [12, 3],
        [11, 3],
        [14, 3],
        [10, 1],
        [11, 2],
      ] as const) {
        const tile = tileAt(centre.lon, centre.lat, zoom);
        const viaSql = decodeTile(await renderGridTile(t.db, 'postgis', tile, level)).grids ?? [];
        const viaTs = decodeTile(await renderGridTile(t.db, 'typescript', tile, level)).grids ?? [];
        expect(viaTs.map((f) => f.properties)).toEqual(viaSql.map((f) => f.properties));
        // Points and bins match exactly (above). Polygons agree within 2 px: ST_AsMVTGeom also
        // simplifies at tile resolution, which the portable clip/snap/repair SQL does not.
        for (const [i, f] of viaTs.entries()) {
          const a = bboxOf(f.rings);
          const b = bboxOf(viaSql[i]?.rings ?? []);
          for (const k of [0, 1, 2, 3]) expect(Math.abs((a[k] ?? 0) - (b[k] ?? 0))).toBeLessThanOrEqual(2);
        }
      }
    },
  );
});
