import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataVersion } from '../../server/queries/data-version';
import { TileCache } from '../../server/tiles/cache';
import { renderCaseTile } from '../../server/tiles/render';
import { createTileService } from '../../server/tiles/service';
import { testBackends } from '../support/backends';
import { TEST_NOW } from '../support/templates';
import { openTestDb, type TestDb } from '../support/test-db';
import { decodeTile, tileAt } from './decode';

const body = (n: number) => new Uint8Array([n]);

describe('TileCache', () => {
  it('reuses a body while its version is current and younger than the max age', async () => {
    let now = 0;
    const cache = new TileCache({ maxBytes: 1000, maxAgeMs: 60_000, clock: () => now });
    let renders = 0;
    const render = async () => ({ body: body(++renders), staleOk: false });
    expect(await cache.get('k', 'v1', render)).toEqual(body(1));
    expect(await cache.get('k', 'v1', render)).toEqual(body(1));
    expect(await cache.get('k', 'v2', render)).toEqual(body(2));
    now = 60_000;
    expect(await cache.get('k', 'v2', render)).toEqual(body(3));
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 3, entries: 1, bytes: 1 });
  });

  it('serves a stale-ok body after the version moved, until the max age', async () => {
    let now = 0;
    const cache = new TileCache({ maxBytes: 1000, maxAgeMs: 60_000, clock: () => now });
    let renders = 0;
    const render = async () => ({ body: body(++renders), staleOk: true });
    await cache.get('k', 'v1', render);
    now = 59_999;
    expect(await cache.get('k', 'v2', render)).toEqual(body(1));
    now = 60_000;
    expect(await cache.get('k', 'v2', render)).toEqual(body(2));
  });

  it('renders once for concurrent requests of one key', async () => {
    const cache = new TileCache({ maxBytes: 1000, maxAgeMs: 60_000 });
    let renders = 0;
    const render = async () => {
      renders++;
      await new Promise((r) => setTimeout(r, 20));
      return { body: body(7), staleOk: false };
    };
    const all = await Promise.all(Array.from({ length: 10 }, () => cache.get('k', 'v', render)));
    expect(renders).toBe(1);
    for (const b of all) expect(b).toEqual(body(7));
  });

  it('evicts the least recently used entries beyond the byte budget', async () => {
    const cache = new TileCache({ maxBytes: 2, maxAgeMs: 60_000 });
    const render = (n: number) => async () => ({ body: body(n), staleOk: false });
    await cache.get('a', 'v', render(1));
    await cache.get('b', 'v', render(2));
    await cache.get('a', 'v', render(9)); // touch a
    await cache.get('c', 'v', render(3)); // evicts b
    expect(await cache.get('a', 'v', render(9))).toEqual(body(1));
    expect(await cache.get('b', 'v', render(8))).toEqual(body(8));
  });
});

describe.each(testBackends())('tile cache against the data version (%s)', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(backend, 'demo');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('every statement writing cases moves the data version; reads do not', async () => {
    const v0 = await readDataVersion(t.db);
    await t.db.query('SELECT count(*) FROM cases');
    expect(await readDataVersion(t.db)).toEqual(v0);
    await t.db.query(`UPDATE cases SET title = title WHERE id = (SELECT min(id) FROM cases)`);
    const v1 = await readDataVersion(t.db);
    expect(v1.data).not.toBe(v0.data);
    expect(v1.boundary).toBe(v0.boundary);
  });

  it('a points tile is rendered afresh after a case moves; equals an uncached rendering', async () => {
    const enc = backend === 'postgres' ? 'postgis' : 'typescript';
    const service = createTileService(t.db, enc);
    const [c] = await t.db.query<{ id: number; lon: number; lat: number }>(
      `SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM cases ORDER BY id LIMIT 1`,
    );
    if (!c) throw new Error('demo data has no cases');
    const tile = tileAt(c.lon, c.lat, 16);
    const before = await service.caseTile(tile, {}, TEST_NOW);
    expect(await service.caseTile(tile, {}, TEST_NOW)).toBe(before);
    const ids = (b: Uint8Array) => (decodeTile(b).cases ?? []).map((f) => Number(f.properties.id));
    expect(ids(before)).toContain(Number(c.id));
    await t.db.query(`UPDATE cases SET geom = ST_SetSRID(ST_MakePoint(0, 0), 4326) WHERE id = $1`, [c.id]);
    const after = await service.caseTile(tile, {}, TEST_NOW);
    expect(ids(after)).not.toContain(Number(c.id));
    expect(after).toEqual(await renderCaseTile(t.db, enc, tile, {}, TEST_NOW));
    expect(service.cache.stats()).toMatchObject({ hits: 1, misses: 2 });
  });

  it('a grid tile stays cached across case writes and time, until the published version changes', async () => {
    const enc = backend === 'postgres' ? 'postgis' : 'typescript';
    let now = 0;
    const gridCache = new TileCache({
      maxBytes: 1 << 24,
      maxAgeMs: Number.POSITIVE_INFINITY,
      clock: () => now,
    });
    const service = createTileService(t.db, enc, undefined, gridCache);
    const [c] = await t.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM cases ORDER BY id DESC LIMIT 1`,
    );
    if (!c) throw new Error('demo data has no cases');
    const tile = tileAt(c.lon, c.lat, 12);
    const before = await service.gridTile(tile, 3);
    expect(decodeTile(before).grids?.length).toBeGreaterThan(0);
    await t.db.query(`UPDATE cases SET title = title WHERE id = (SELECT min(id) FROM cases)`);
    now = 24 * 3_600_000;
    expect(await service.gridTile(tile, 3)).toBe(before);
    expect(gridCache.stats()).toMatchObject({ hits: 1, misses: 1 });
    await t.db.query(
      `UPDATE boundary_version SET published_at = published_at + interval '1 second' WHERE status = 'published'`,
    );
    const after = await service.gridTile(tile, 3);
    expect(after).not.toBe(before);
    expect(after).toEqual(before);
    expect(gridCache.stats()).toMatchObject({ hits: 1, misses: 2 });
  });
});
