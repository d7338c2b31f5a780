import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends';
import { createTilingFixture, insertPublishedVersion } from '../support/fixtures';
import { createTestApp } from '../support/test-app';
import { openTestDb, type TestDb } from '../support/test-db';

type FeatureCollection = {
  type: string;
  features: { type: string; id: string; geometry: { type: string }; properties: Record<string, unknown> }[];
};

describe.each(testBackends())('grids API on a hand-built fixture (%s)', (backend) => {
  let t: TestDb;
  let app: ReturnType<typeof createTestApp>;
  beforeAll(async () => {
    t = await openTestDb(backend, 'empty');
    await insertPublishedVersion(t.db, createTilingFixture());
    await t.db.query(`INSERT INTO staff (name, role, grid_code) VALUES ('王网格员', 'grid_worker', 'C1-1')`);
    app = createTestApp(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each([
    [1, ['S1']],
    [2, ['C1', 'C2']],
    [3, ['C1-1', 'C1-2', 'C2-1', 'C2-2']],
  ])('GET /api/grids?level=%i returns that tier as GeoJSON', async (level, codes) => {
    const res = await app.request(`/api/grids?level=${level}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as FeatureCollection;
    expect(body.type).toBe('FeatureCollection');
    expect(body.features.map((f) => f.properties.code)).toEqual(codes);
    for (const f of body.features) {
      expect(f.geometry.type).toBe('MultiPolygon');
      expect(Object.keys(f.properties).sort()).toEqual(
        ['code', 'households', 'level', 'name', 'parentCode', 'population'].sort(),
      );
      expect(f.properties.level).toBe(level);
    }
  });

  it('GET /api/grids/:code returns the grid with ancestors, children and staff', async () => {
    const res = await app.request('/api/grids/C1');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      grid: { code: string; level: number; bbox: number[]; households: number; areaSquareMetres: number };
      ancestors: { code: string }[];
      children: { code: string }[];
      staff: unknown[];
    };
    expect(body.grid).toMatchObject({ code: 'C1', level: 2, households: 700 });
    expect(body.grid.bbox).toEqual([113.8, 27.6, 113.85, 27.7]);
    // 0.05° lon × 0.1° lat at 27.65°N ≈ 4.93 km × 11.08 km ≈ 54.6 km².
    expect(body.grid.areaSquareMetres / 1e6).toBeCloseTo(54.6, 0);
    expect(body.ancestors.map((a) => a.code)).toEqual(['S1']);
    expect(body.children.map((c) => c.code)).toEqual(['C1-1', 'C1-2']);

    const leaf = (await (await app.request('/api/grids/C1-1')).json()) as typeof body;
    expect(leaf.ancestors.map((a) => a.code)).toEqual(['S1', 'C1']);
    expect(leaf.staff).toEqual([{ id: expect.any(Number), name: '王网格员', role: 'grid_worker' }]);
  });

  it('answers every error as application/problem+json with a helpful detail', async () => {
    const cases: [string, number][] = [
      ['/api/grids', 400],
      ['/api/grids?level=4', 400],
      ['/api/grids?level=1&extra=1', 400],
      ['/api/grids/NOPE', 404],
      ['/api/grids/bad%20code', 400],
      ['/api/no-such-route', 404],
    ];
    for (const [path, status] of cases) {
      const res = await app.request(path);
      expect(res.status, path).toBe(status);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/problem\+json/);
      const body = (await res.json()) as { type: string; title: string; status: number; detail: string };
      expect(body.status, path).toBe(status);
      expect(body.type, path).toMatch(/^https:\/\/gridsight\.local\/problems\//);
      expect(body.detail.length, path).toBeGreaterThan(10);
    }
  });

  it('GET /api/health reports backend, PostGIS and counts', async () => {
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      backend: string;
      postgis: string;
      counts: { grids: Record<string, number> };
    };
    expect(body.backend).toBe(backend);
    expect(body.postgis).toMatch(/^3\./);
    expect(body.counts.grids).toEqual({ level1: 1, level2: 2, level3: 4 });
  });

  it('sends security headers with a CSP that allows no remote origin', async () => {
    const res = await app.request('/api/health');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/https?:\/\//);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
