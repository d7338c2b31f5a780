import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import type { Role } from '../../server/auth/principal';
import { sessionHeaders } from '../support/auth';
import { testBackends } from '../support/backends';
import { openTestDb, type TestDb } from '../support/test-db';
import { FIXTURE_NOW, FIXTURE_WINDOW, loadStatsFixture } from './fixtures';

const WINDOW = `from=${FIXTURE_WINDOW.from}&to=${FIXTURE_WINDOW.to}`;
const STATS_PATHS = [
  `/api/stats/overview?${WINDOW}`,
  `/api/stats/grids?level=3&${WINDOW}`,
  `/api/stats/grids?level=3&${WINDOW}&fields=open,overdueRate`,
  `/api/stats/timeseries?${WINDOW}&bucket=week`,
];

type Json = { codes: string[]; open: number[] };

/** The real app on a loopback port (revalidation is an HTTP matter: headers, status, empty body). */
async function startServer(t: TestDb) {
  const app = createApp({
    db: t.db,
    capabilities: t.capabilities,
    district: { code: '360302', name: '安源区' },
    now: () => FIXTURE_NOW,
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(testBackends())('stats answers revalidate with ETag over HTTP (%s)', (backend) => {
  let t: TestDb;
  let server: Awaited<ReturnType<typeof startServer>>;
  const as = (role: Role, scopeCode: string | null = null) => sessionHeaders(t, { role, scopeCode });
  const get = async (path: string, headers: Record<string, string>) =>
    fetch(`${server.base}${path}`, { headers });

  beforeAll(async () => {
    t = await openTestDb(backend, 'empty');
    await loadStatsFixture(t.db);
    server = await startServer(t);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('a repeat with If-None-Match answers 304 with no body; private, no-cache, Vary: Cookie', async () => {
    const leader = await as('leader');
    for (const path of STATS_PATHS) {
      const first = await get(path, leader);
      expect(first.status, path).toBe(200);
      await first.arrayBuffer();
      const etag = first.headers.get('etag');
      expect(etag, path).toMatch(/^W\/".+"$/);
      expect(first.headers.get('cache-control'), path).toBe('private, no-cache');
      expect(first.headers.get('vary'), path).toMatch(/\bCookie\b/i);

      const again = await get(path, { ...leader, 'if-none-match': etag as string });
      expect(again.status, path).toBe(304);
      expect(await again.text(), path).toBe('');
      expect(again.headers.get('etag'), path).toBe(etag);
      expect(again.headers.get('cache-control'), path).toBe('private, no-cache');

      const other = await get(path, { ...leader, 'if-none-match': 'W/"something-else"' });
      expect(other.status, path).toBe(200);
      await other.arrayBuffer();
    }
  });

  it('a repeat without If-None-Match sends the stored JSON: the same bytes, UTF-8 names intact', async () => {
    const leader = await as('leader');
    for (const path of STATS_PATHS) {
      const first = await get(path, leader);
      const firstBytes = Buffer.from(await first.arrayBuffer());
      const again = await get(path, leader);
      const againBytes = Buffer.from(await again.arrayBuffer());
      expect(again.status, path).toBe(200);
      expect(again.headers.get('content-type'), path).toMatch(/^application\/json/);
      expect(againBytes.equals(firstBytes), path).toBe(true);
      expect(JSON.parse(againBytes.toString('utf8')), path).toEqual(JSON.parse(firstBytes.toString('utf8')));
    }
    const grids = (await (await get(STATS_PATHS[1] as string, leader)).json()) as {
      grids: { name: string }[];
    };
    expect(grids.grids.length).toBeGreaterThan(0);
    for (const g of grids.grids) expect(g.name).toMatch(/[\u4e00-\u9fff]/);
  });

  it('the ETag differs by request and by the principal scope', async () => {
    const [overview, grids, compact] = STATS_PATHS;
    const leader = await as('leader');
    const etagOf = async (path: string, headers: Record<string, string>) => {
      const res = await get(path, headers);
      await res.arrayBuffer();
      return res.headers.get('etag');
    };
    const tags = [await etagOf(overview as string, leader), await etagOf(grids as string, leader)];
    tags.push(await etagOf(compact as string, leader));
    expect(new Set(tags).size).toBe(3);

    // A leader scoped to C1 asks for the same URL: its answer is its scope's, and so is its ETag.
    const scoped = await as('leader', 'C1');
    const scopedRes = await get(overview as string, { ...scoped, 'if-none-match': tags[0] as string });
    expect(scopedRes.status).toBe(200);
    expect(((await scopedRes.json()) as { grid: { code: string } }).grid.code).toBe('C1');
    expect(scopedRes.headers.get('etag')).not.toBe(tags[0]);
  });

  it('after a case intake the old ETag no longer matches: 200 with the new figures and a new ETag', async () => {
    const leader = await as('leader');
    const path = STATS_PATHS[2] as string;
    const before = await get(path, leader);
    const beforeBody = (await before.json()) as Json;
    const etag = before.headers.get('etag') as string;

    const [point] = await t.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (
         SELECT ST_PointOnSurface(geom) AS p FROM grid
         WHERE code = 'C1-1' AND version_id = (SELECT id FROM boundary_version WHERE status = 'published')) s`,
    );
    if (!point) throw new Error('fixture has no grid C1-1');
    const intake = await fetch(`${server.base}/api/cases`, {
      method: 'POST',
      headers: { ...(await as('dispatcher')), 'content-type': 'application/json' },
      body: JSON.stringify({
        lon: Number(point.lon),
        lat: Number(point.lat),
        category: 'dispute',
        source: 'hotline',
      }),
    });
    expect(intake.status, await intake.clone().text()).toBe(201);
    await intake.arrayBuffer();

    const after = await get(path, { ...leader, 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    const afterBody = (await after.json()) as Json;
    const openIn = (body: Json) => body.open[body.codes.indexOf('C1-1')];
    expect(openIn(afterBody)).toBe((openIn(beforeBody) as number) + 1);

    const repeat = await get(path, { ...leader, 'if-none-match': after.headers.get('etag') as string });
    expect(repeat.status).toBe(304);
  });
});
