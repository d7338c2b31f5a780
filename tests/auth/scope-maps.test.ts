import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRID_TILE_MIN_ZOOM } from '../../server/domain/hotspots/tile-math';
import { testBackends } from '../support/backends';
import { openTestDb, type TestDb } from '../support/test-db';
import { decodeTile, tileAt } from '../tiles/decode';
import { idsUnder, type ScopeWorld, seedScopeWorld } from './scope-fixture';

type Headers = Record<string, string>;

describe.each(testBackends())('scope on stats, hotspots, tiles, grids and party (%s)', (backend) => {
  let t: TestDb;
  let w: ScopeWorld;
  let worker: Headers;
  let streetLeader: Headers;
  let districtLeader: Headers;
  const get = (path: string, headers: Headers) => w.api.app.request(path, { headers });
  const json = async (path: string, headers: Headers) => {
    const res = await get(path, headers);
    expect(res.status, path).toBe(200);
    return res.json() as Promise<unknown>;
  };

  beforeAll(async () => {
    t = await openTestDb(backend, 'empty');
    w = await seedScopeWorld(t);
    worker = await w.as('worker', 'C1-1');
    streetLeader = await w.as('leader', 'S1');
    districtLeader = await w.as('leader', null);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stats: no grid means the scope grid, another grid is 404, the figures equal the district view of that grid', async () => {
    for (const path of ['/api/stats/overview', '/api/stats/timeseries', '/api/stats/coverage']) {
      const sep = path.includes('?') ? '&' : '?';
      expect(await json(path, worker), path).toEqual(await json(`${path}${sep}grid=C1-1`, districtLeader));
      expect(await json(path, streetLeader), path).toEqual(
        await json(`${path}${sep}grid=S1`, districtLeader),
      );
      expect((await get(`${path}${sep}grid=C2-1`, worker)).status, path).toBe(404);
      expect((await get(`${path}${sep}grid=S2`, streetLeader)).status, path).toBe(404);
      expect((await get(`${path}${sep}grid=C2-1`, streetLeader)).status, path).toBe(200);
    }
    const tier = (await json('/api/stats/grids?level=3', worker)) as { grids: { code: string }[] };
    expect(tier).toEqual(await json('/api/stats/grids?level=3&grid=C1-1', districtLeader));
    const overview = (await json('/api/stats/overview', worker)) as {
      kpis: { casesInRange: { value: number } };
    };
    expect(overview.kpis.casesInRange.value).toBe(idsUnder(w, 'C1-1').length);
  });

  it('hotspots: bins, clusters and alerts count only the scope cases', async () => {
    const q = 'bbox=113.7,27.5,114.1,27.8&from=2026-03-01';
    const bins = (await json(`/api/hotspots/bins?${q}`, worker)) as { meta: { totalCount: number } };
    expect(bins.meta.totalCount).toBe(idsUnder(w, 'C1-1').length);
    const all = (await json(`/api/hotspots/bins?${q}`, districtLeader)) as { meta: { totalCount: number } };
    expect(all.meta.totalCount).toBe(idsUnder(w, null).length);
    const street = (await json(`/api/hotspots/bins?${q}`, streetLeader)) as { meta: { totalCount: number } };
    expect(street.meta.totalCount).toBe(idsUnder(w, 'S1').length);
    const clusters = (await json(`/api/hotspots/clusters?${q}&minPoints=2`, worker)) as {
      meta: { inputCount: number };
    };
    expect(clusters.meta.inputCount).toBe(idsUnder(w, 'C1-1').length);
    const alerts = (await json(`/api/hotspots/alerts?${q}&minCases=2&radius=200`, worker)) as {
      meta: { inputCount: number };
      features: { properties: { caseIds: number[] } }[];
    };
    expect(alerts.meta.inputCount).toBe(idsUnder(w, 'C1-1').length);
    const own = new Set(idsUnder(w, 'C1-1'));
    for (const f of alerts.features) expect(f.properties.caseIds.every((id) => own.has(id))).toBe(true);
    const other = (await json(`/api/hotspots/bins?${q}&grid=C2-1`, worker)) as {
      meta: { totalCount: number };
    };
    expect(other.meta.totalCount).toBe(0);
  });

  it('case tiles: points and bins hold only the scope cases, with a private cache header', async () => {
    // A's first case sits 50 m from B's first case, across the shared edge: one z14 tile holds both.
    const { z, x, y } = tileAt(113.85, 27.62, 14);
    const ids = async (headers: Headers) => {
      const res = await get(`/api/tiles/cases/${z}/${x}/${y}.mvt`, headers);
      if (res.status === 204) return [];
      const layers = decodeTile(new Uint8Array(await res.arrayBuffer()));
      return (layers.cases ?? []).map((f) => Number(f.properties.id)).sort((a, b) => a - b);
    };
    const mine = await ids(worker);
    const everyone = await ids(districtLeader);
    const own = new Set(idsUnder(w, 'C1-1'));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((id) => own.has(id))).toBe(true);
    expect(everyone).toEqual(expect.arrayContaining([...mine, ...(w.casesOf['C2-1'] ?? []).slice(0, 1)]));
    expect(everyone.length).toBeGreaterThan(mine.length);
    const scoped = await get(`/api/tiles/cases/${z}/${x}/${y}.mvt`, worker);
    expect(scoped.headers.get('cache-control')).toBe('private, max-age=60');

    const low = tileAt(113.9, 27.65, 7);
    const binCount = async (headers: Headers) => {
      const res = await get(`/api/tiles/cases/${low.z}/${low.x}/${low.y}.mvt`, headers);
      if (res.status === 204) return 0;
      const bins = decodeTile(new Uint8Array(await res.arrayBuffer())).case_bins ?? [];
      return bins.reduce((s, f) => s + Number(f.properties.count), 0);
    };
    expect(await binCount(worker)).toBe(idsUnder(w, 'C1-1').length);
    expect(await binCount(streetLeader)).toBe(idsUnder(w, 'S1').length);
    expect(await binCount(districtLeader)).toBe(idsUnder(w, null).length);
  });

  it('grid tiles: the scope subtree and its ancestors only', async () => {
    // Each level at the first zoom its tiles are drawn from (level 3 from z11), around the fixture.
    const codes = async (level: 1 | 2 | 3, headers: Headers) => {
      const { z, x, y } = tileAt(113.85, 27.65, Math.max(8, GRID_TILE_MIN_ZOOM[level]));
      const res = await get(`/api/tiles/grids/${z}/${x}/${y}.mvt?level=${level}`, headers);
      if (res.status === 204) return [];
      const grids = decodeTile(new Uint8Array(await res.arrayBuffer())).grids ?? [];
      return grids.map((f) => String(f.properties.code)).sort();
    };
    expect(await codes(3, worker)).toEqual(['C1-1']);
    expect(await codes(2, worker)).toEqual(['C1']);
    expect(await codes(1, worker)).toEqual(['S1']);
    expect(await codes(3, await w.as('leader', 'C1'))).toEqual(['C1-1', 'C1-2']);
    expect(await codes(3, districtLeader)).toEqual(['C1-1', 'C1-2', 'C1-3', 'C2-1', 'C2-2', 'C3-1']);
  });

  it('grids: the list holds the subtree plus ancestors (also asOf), details outside are 404', async () => {
    const codes = async (query: string, headers: Headers) => {
      const fc = (await json(`/api/grids?${query}`, headers)) as { features: { id: string }[] };
      return fc.features.map((f) => f.id).sort();
    };
    expect(await codes('level=3', worker)).toEqual(['C1-1']);
    expect(await codes('level=1', worker)).toEqual(['S1']);
    // The fixture version was published at the database's now(), so "as of" the wall clock.
    expect(await codes(`level=3&asOf=${new Date().toISOString()}`, worker)).toEqual(['C1-1']);
    expect(await codes('level=3', streetLeader)).toEqual(['C1-1', 'C1-2', 'C2-1', 'C2-2']);
    expect(await codes('level=3', await w.as('leader', 'C1'))).toEqual(['C1-1', 'C1-2']);
    expect((await codes('level=3', districtLeader)).length).toBe(6);
    expect((await get('/api/grids/C2-1', worker)).status).toBe(404);
    expect((await get('/api/grids/S2', streetLeader)).status).toBe(404);
    expect((await get('/api/grids/C1-1', worker)).status).toBe(200);
    const street = (await json('/api/grids/S1', worker)) as { children: { code: string }[] };
    expect(street.children.map((c) => c.code)).toEqual(['C1']);
  });

  it('party reads: the grid is clamped to the scope, another grid is 404', async () => {
    expect(await json('/api/party/overview', worker)).toEqual(
      await json('/api/party/overview?grid=C1-1', districtLeader),
    );
    expect((await get('/api/party/overview?grid=C2-1', worker)).status).toBe(404);
    expect((await get('/api/party/needs?grid=S2', streetLeader)).status).toBe(404);
    expect((await get('/api/party/tree?grid=C2-1', worker)).status).toBe(404);
  });

  it('party writes: needs, registrations and service records inside the scope only; matches outside 404', async () => {
    const need = (location: [number, number]) => ({
      category: 'elderly_care',
      description: '助老',
      location,
    });
    const post = (body: unknown, headers: Headers) =>
      w.api.app.request('/api/party/needs', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    expect((await post(need([113.87, 27.61]), worker)).status).toBe(403);
    expect((await post(need([113.82, 27.62]), worker)).status).toBe(201);
    const other = await post(need([113.87, 27.61]), await w.as('worker', null));
    expect(other.status).toBe(201);
    const otherId = ((await other.json()) as { id: number }).id;
    expect((await get(`/api/party/needs/${otherId}/matches`, worker)).status).toBe(404);
    expect((await get(`/api/party/needs/${otherId}/matches`, streetLeader)).status).toBe(200);
    const claim = await w.api.app.request(`/api/party/needs/${otherId}/claim`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...worker },
      body: JSON.stringify({ resourceId: 1 }),
    });
    expect(claim.status).toBe(403);
    const register = (body: unknown, headers: Headers) =>
      w.api.app.request('/api/party/registrations', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    const member = { memberName: '张三', employer: '某公司', communityCode: 'C2', gridCode: 'C2-1' };
    expect((await register(member, worker)).status).toBe(403);
    const registered = await register(member, await w.as('worker', null));
    expect(registered.status).toBe(201);
    const registrationId = ((await registered.json()) as { id: number }).id;
    const service = await w.api.app.request(`/api/party/registrations/${registrationId}/services`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...worker },
      body: JSON.stringify({ activity: '助老', servedAt: '2026-03-01T08:00:00Z', hours: 1 }),
    });
    expect(service.status).toBe(403);
    const listed = (await json('/api/party/needs', worker)) as { needs: { gridCode: string }[] };
    expect(listed.needs.map((n) => n.gridCode)).toEqual(['C1-1']);
  });
});
