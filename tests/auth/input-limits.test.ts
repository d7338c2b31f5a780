/**
 * Input limits (#7): body size on the API, imports and Open311 (413, problem+json), strict schemas
 * (unknown keys 400), the configurable vertex budget (GRIDSIGHT_MAX_VERTICES), geometry checks with
 * a clear 4xx, and the CSP with no remote origin. Both backends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { loadPartyFixture, PARTY_NOW } from '../party/fixture';
import { testBackends } from '../support/backends';
import { withTestSessions } from '../support/test-app';
import { openTestDb, type TestDb } from '../support/test-db';

// biome-ignore lint/suspicious/noExplicitAny: problem documents are checked field by field
type Json = Record<string, any>;

function ring(vertices: number): number[][] {
  const points = Array.from({ length: vertices - 1 }, (_, i) => {
    const a = (2 * Math.PI * i) / (vertices - 1);
    return [113.815 + 0.001 * Math.cos(a), 27.615 + 0.001 * Math.sin(a)];
  });
  return [...points, points[0] as number[]];
}

describe('GRIDSIGHT_MAX_VERTICES', () => {
  it('defaults to 5,000 and takes a positive integer', () => {
    expect(loadConfig({}).maxVertices).toBe(5000);
    expect(loadConfig({ GRIDSIGHT_MAX_VERTICES: '20000' }).maxVertices).toBe(20000);
    expect(() => loadConfig({ GRIDSIGHT_MAX_VERTICES: 'lots' })).toThrow(/GRIDSIGHT_MAX_VERTICES/);
    expect(() => loadConfig({ GRIDSIGHT_MAX_VERTICES: '2' })).toThrow(/GRIDSIGHT_MAX_VERTICES/);
  });
});

describe.each(testBackends())('input limits (%s)', (backend) => {
  let t: TestDb;
  let app: ReturnType<typeof createApp>;
  let draftId: number;
  const send = (method: string, path: string, body: string, type = 'application/json') =>
    app.request(path, { method, headers: { 'content-type': type }, body });

  beforeAll(async () => {
    t = await openTestDb(backend, 'empty');
    await loadPartyFixture(t.db);
    app = withTestSessions(
      t,
      createApp(
        {
          db: t.db,
          capabilities: t.capabilities,
          district: { code: '360302', name: '安源区' },
          now: () => PARTY_NOW,
          maxVertices: 50,
          open311Keys: ['k'],
        },
        { onUnexpected: (err) => console.error('unexpected error in test app', err) },
      ),
    );
    const res = await send('POST', '/api/versions', JSON.stringify({ name: 'limits' }));
    draftId = ((await res.json()) as Json).id;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('bodies over 1 MB are 413 problem+json on the API and on imports; Open311 POST over 64 KB a 400 saying so', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(1_100_000) });
    for (const path of ['/api/cases', '/api/versions', '/api/versions/import', '/api/party/needs']) {
      const res = await send('POST', path, huge);
      expect(res.status, `${path}: ${await res.clone().text()}`.slice(0, 300)).toBe(413);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      expect(((await res.json()) as Json).type).toMatch(/body-too-large/);
    }
    const form = `api_key=k&service_code=dispute&lat=27.615&long=113.815&description=${'d'.repeat(70_000)}`;
    const open311 = await send(
      'POST',
      '/open311/v2/requests.json',
      form,
      'application/x-www-form-urlencoded',
    );
    // GeoReport v2 limits its statuses to 400/403/404/500 (server/routes/open311.ts): 400, saying why.
    expect(open311.status).toBe(400);
    expect(((await open311.json()) as Json[])[0]?.description).toMatch(/too large/);
  });

  it('unknown keys are a 400 naming the key', async () => {
    const res = await send(
      'POST',
      '/api/cases',
      JSON.stringify({ lon: 113.815, lat: 27.615, category: 'dispute', source: 'hotline', isAdmin: true }),
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as Json).detail).toMatch(/isAdmin/);
    const query = await app.request('/api/cases?limit=5&sql=1');
    expect(query.status).toBe(400);
  });

  it('the vertex budget comes from the configuration', async () => {
    const [grid] = await t.db.query<{ revision: number }>(
      `SELECT revision FROM grid WHERE version_id = $1 AND code = 'C1-1'`,
      [draftId],
    );
    const patch = (vertices: number) =>
      send(
        'PATCH',
        `/api/versions/${draftId}/grids/C1-1`,
        JSON.stringify({
          revision: grid?.revision,
          geometry: { type: 'Polygon', coordinates: [ring(vertices)] },
        }),
      );
    const tooMany = await patch(60);
    expect(tooMany.status).toBe(422);
    expect(((await tooMany.json()) as Json).detail).toMatch(/60 vertices exceed the limit of 50/);
  });

  it('geometry problems are 4xx saying what is wrong', async () => {
    const patch = (geometry: unknown) =>
      send('PATCH', `/api/versions/${draftId}/grids/C1-1`, JSON.stringify({ revision: 1, geometry }));
    const cases: [unknown, RegExp][] = [
      [
        {
          type: 'Polygon',
          coordinates: [
            [
              [113.81, 27.61],
              [113.82, 27.62],
              [113.82, 27.61],
              [113.81, 27.62],
              [113.81, 27.61],
            ],
          ],
        },
        /self-intersection/i,
      ],
      [
        {
          type: 'Polygon',
          coordinates: [
            [
              [113.81, 27.61],
              [113.82, 27.62],
              [113.82, 27.61],
              [113.81, 27.63],
            ],
          ],
        },
        /not closed/,
      ],
      [
        {
          type: 'Polygon',
          coordinates: [
            [
              [113.81, 27.61],
              [113.82, 27.62],
              [113.81, 27.61],
            ],
          ],
        },
        /at least 4/,
      ],
      [
        {
          type: 'Polygon',
          coordinates: [
            [
              [12_650_000, 3_200_000],
              [12_660_000, 3_200_000],
              [12_660_000, 3_210_000],
              [12_650_000, 3_200_000],
            ],
          ],
        },
        /outside WGS84/,
      ],
      [
        {
          type: 'Polygon',
          coordinates: ring(8)
            .map(() => ring(8))
            .slice(0, 1),
          crs: { type: 'name', properties: { name: 'EPSG:3857' } },
        },
        /only WGS84/,
      ],
    ];
    for (const [geometry, message] of cases) {
      const res = await patch(geometry);
      const body = (await res.json()) as Json;
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(body.detail).toMatch(message);
    }
    // NaN / Infinity cannot be written in JSON: as literals the body is malformed, a 400.
    const nan = await send(
      'PATCH',
      `/api/versions/${draftId}/grids/C1-1`,
      '{"revision":1,"geometry":{"type":"Polygon","coordinates":[[[NaN,1],[1,1],[1,2],[NaN,1]]]}}',
    );
    expect(nan.status).toBe(400);
    const overflow = await send(
      'PATCH',
      `/api/versions/${draftId}/grids/C1-1`,
      '{"revision":1,"geometry":{"type":"Polygon","coordinates":[[[1e309,1],[1,1],[1,2],[1e309,1]]]}}',
    );
    expect(overflow.status).toBeGreaterThanOrEqual(400);
    expect(overflow.status).toBeLessThan(500);
  });

  it('deeply nested JSON is a 4xx', async () => {
    for (const body of [
      `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
      `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`,
    ]) {
      const res = await send('POST', '/api/versions', body);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
  });

  it('security headers: a CSP with no remote origin', async () => {
    const res = await app.request('/api/health');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).not.toMatch(/https?:/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
