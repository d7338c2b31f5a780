import { randomBytes } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { problemResponse, toProblem } from '../../server/problem';
import { versionsRoutes } from '../../server/routes/versions';
import {
  createShapefileZip,
  type FixtureShape,
  PRJ_BEIJING_1954,
  PRJ_CGCS2000,
  PRJ_CGCS2000_GK,
  type Ring,
} from '../fixtures/shapefile/create-shapefile';
import { testBackends } from '../support/backends';
import { type App, json, usePlannerFixture } from './support';

type Geometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
type Exported = { features: { geometry: Geometry; properties: Record<string, string | number | null> }[] };
type ImportAnswer = {
  saved: boolean;
  version: { id: number; status: string; gridCount: number; note: string | null } | null;
  report: { blocking: number; issues: { kind: string; gridCodes: string[]; message: string }[] };
  source: {
    layer: string;
    crs: { datum: string };
    encoding: { encoding: string; source: string };
    features: number;
  };
};
type ProblemBody = { status: number; type: string; detail: string; [k: string]: unknown };

const BOWTIE: Ring = [
  [113.8, 27.6],
  [113.85, 27.65],
  [113.85, 27.6],
  [113.8, 27.65],
  [113.8, 27.6],
];

function upload(app: { request: App['request'] }, zip: Uint8Array, query = '', type = 'application/zip') {
  return Promise.resolve(
    app.request(`/api/versions/import/shapefile${query}`, {
      method: 'POST',
      headers: { 'content-type': type },
      body: zip as Uint8Array<ArrayBuffer>,
    }),
  );
}

/** The published version as Shapefile shapes, with each property renamed by `columns` (export name → .dbf column). */
async function publishedShapes(app: App, columns: Record<string, string> = {}): Promise<FixtureShape[]> {
  const { versions } = await json<{ versions: { id: number; status: string }[] }>(
    await app.request('/api/versions'),
  );
  const published = versions.find((v) => v.status === 'published')?.id;
  const exported = await json<Exported>(await app.request(`/api/versions/${published}/export`));
  return exported.features.map((f) => ({
    polygons: f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates,
    attributes: Object.fromEntries(
      Object.entries(f.properties).map(([k, v]) => [columns[k] ?? k.toUpperCase(), v]),
    ),
  }));
}

describe.each(testBackends())('Shapefile import of a whole boundary version (%s)', (backend) => {
  const world = usePlannerFixture(backend);

  it('imports a GBK Shapefile with a .cpg: dry run first, then an identical draft with its Chinese names', async () => {
    const zip = createShapefileZip({ shapes: await publishedShapes(world.app), encoding: 'gbk', cpg: '936' });
    const dry = await upload(world.app, zip, '?dryRun=true&name=shp');
    expect(dry.status).toBe(200);
    expect(await json<ImportAnswer>(dry)).toMatchObject({
      saved: false,
      report: { blocking: 0 },
      source: {
        layer: 'grids',
        crs: { datum: 'WGS84' },
        encoding: { encoding: 'gbk', source: 'cpg' },
        features: 7,
      },
    });
    const real = await upload(world.app, zip, '?name=shp');
    expect(real.status).toBe(201);
    const { version } = await json<ImportAnswer>(real);
    expect(version).toMatchObject({ status: 'draft', gridCount: 7, note: 'imported from Shapefile grids' });
    const diff = await json<{ added: unknown[]; removed: unknown[]; changed: unknown[] }>(
      await world.app.request(`/api/versions/${world.publishedId}/diff/${version?.id}`),
    );
    expect(diff).toMatchObject({ added: [], removed: [], changed: [] });
    const names = await world.t.db.query<{ code: string; name: string; households: number }>(
      'SELECT code, name, households FROM grid WHERE version_id = $1 ORDER BY code',
      [version?.id ?? 0],
    );
    const original = await world.t.db.query<{ code: string; name: string; households: number }>(
      'SELECT code, name, households FROM grid WHERE version_id = $1 ORDER BY code',
      [world.publishedId],
    );
    expect(names).toEqual(original);
    expect(names.map((n) => n.name)).toContain('甲社区第1网格');
  });

  it('takes CGCS2000, pinyin column names and GBK without a .cpg (sniffed)', async () => {
    const pinyin = {
      code: 'WGBM',
      name: 'WGMC',
      level: 'JB',
      parentCode: 'SJBM',
      households: 'HS',
      population: 'RK',
    };
    const zip = createShapefileZip({
      shapes: await publishedShapes(world.app, pinyin),
      encoding: 'gbk',
      prj: PRJ_CGCS2000,
    });
    const res = await upload(world.app, zip, '?dryRun=true');
    expect(res.status).toBe(200);
    expect(await json<ImportAnswer>(res)).toMatchObject({
      report: { blocking: 0 },
      source: { crs: { datum: 'CGCS2000' }, encoding: { encoding: 'gbk', source: 'sniffed' } },
    });
  });

  it('maps unusual columns with fields=, and says which columns exist when it cannot', async () => {
    const odd = { code: 'GRID_ID', name: 'TITLE', level: 'TIER', parentCode: 'UP' };
    const zip = createShapefileZip({ shapes: await publishedShapes(world.app, odd) });
    const unmapped = await upload(world.app, zip, '?dryRun=true');
    expect(unmapped.status).toBe(400);
    const p = await json<ProblemBody>(unmapped);
    expect(p.detail).toMatch(/No \.dbf column for code, name, level/);
    for (const column of ['GRID_ID', 'TITLE', 'TIER', 'UP']) expect(p.detail).toContain(column);
    const mapped = await upload(
      world.app,
      zip,
      '?dryRun=true&fields=code:grid_id,name:TITLE,level:TIER,parentCode:UP',
    );
    expect(mapped.status).toBe(200);
    expect(await json<ImportAnswer>(mapped)).toMatchObject({ report: { blocking: 0 } });
    const typo = await upload(world.app, zip, '?dryRun=true&fields=cod:GRID_ID');
    expect(typo.status).toBe(400);
  });

  it('refuses an archive without its .dbf or .shx (400), naming the missing part', async () => {
    const shapes = await publishedShapes(world.app);
    for (const part of ['dbf', 'shx'] as const) {
      const res = await upload(world.app, createShapefileZip({ shapes, omit: [part] }));
      expect(res.status).toBe(400);
      const p = await json<ProblemBody>(res);
      expect(p.type).toMatch(/shapefile-incomplete$/);
      expect(p.detail).toContain(`.${part}`);
    }
  });

  it('refuses a projected or non-WGS84 .prj (422) with the CRS found and the advice to reproject', async () => {
    const shapes = await publishedShapes(world.app);
    for (const [prj, name] of [
      [PRJ_CGCS2000_GK, 'CGCS2000_3_Degree_GK_CM_114E'],
      [PRJ_BEIJING_1954, 'GCS_Beijing_1954'],
    ]) {
      const res = await upload(world.app, createShapefileZip({ shapes, prj }));
      expect(res.status).toBe(422);
      const p = await json<ProblemBody>(res);
      expect(p).toMatchObject({ crs: name });
      expect(p.detail).toContain('EPSG:4326');
    }
    const projectedNoPrj = createShapefileZip({
      prj: null,
      shapes: [
        {
          polygons: [
            [
              [
                [500000, 3000000],
                [501000, 3000000],
                [501000, 3001000],
                [500000, 3000000],
              ],
            ],
          ],
          attributes: { CODE: 'X1', NAME: 'x', LEVEL: 1 },
        },
      ],
    });
    expect((await upload(world.app, projectedNoPrj)).status).toBe(422);
  });

  it('reports a bowtie polygon before anything is saved, and refuses to save it (422)', async () => {
    const zip = createShapefileZip({
      shapes: [{ polygons: [[BOWTIE]], attributes: { CODE: 'BT1', NAME: '蝴蝶', LEVEL: 1 } }],
    });
    const dry = await upload(world.app, zip, '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(await json<ImportAnswer>(dry)).toMatchObject({
      saved: false,
      report: {
        issues: [
          expect.objectContaining({
            kind: 'invalid-geometry',
            message: expect.stringMatching(/Self-intersection/),
          }),
        ],
      },
    });
    const refused = await upload(world.app, zip);
    expect(refused.status).toBe(422);
    const count = await world.t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM grid WHERE code = 'BT1'",
    );
    expect(count[0]?.n).toBe(0);
  });

  it('answers 415 for a body that is not sent as a zip and 400 for bytes that are not one', async () => {
    const zip = createShapefileZip({ shapes: await publishedShapes(world.app) });
    expect((await upload(world.app, zip, '', 'application/json')).status).toBe(415);
    const notZip = await upload(world.app, strToU8('GRID,NAME\n'));
    expect(notZip.status).toBe(400);
    expect((await json<ProblemBody>(notZip)).type).toMatch(/not-a-zip$/);
  });

  it('stops a zip bomb at the inflate limit and an oversized body at the upload limit (413)', async () => {
    const limited = new Hono()
      .route(
        '/api/versions',
        versionsRoutes(
          {
            db: world.t.db,
            capabilities: world.t.capabilities,
            district: { code: '360302', name: '安源区' },
          },
          {
            shapefile: {
              maxZipBytes: 256 * 1024,
              limits: { maxEntryBytes: 1024 * 1024, maxTotalBytes: 2 * 1024 * 1024 },
            },
          },
        ),
      )
      .onError((err, c) => problemResponse(c, toProblem(err)));
    const shapes = await publishedShapes(world.app);
    // 8 MiB of zeros in place of the .dbf (8× the inflate limit): about 8 KiB zipped, under the upload limit.
    const bomb = createShapefileZip({
      shapes,
      omit: ['dbf'],
      extra: { 'grids.dbf': new Uint8Array(8 * 1024 * 1024) },
    });
    expect(bomb.length).toBeLessThan(256 * 1024);
    const bombRes = await upload(limited, bomb);
    expect(bombRes.status).toBe(413);
    expect((await json<ProblemBody>(bombRes)).detail).toMatch(/grids\.dbf inflates past the import limit/);
    const big = zipSync({ 'noise.bin': randomBytes(300 * 1024) }, { level: 0 });
    const bigRes = await upload(limited, big);
    expect(bigRes.status).toBe(413);
    expect((await json<ProblemBody>(bigRes)).type).toMatch(/shapefile-too-large$/);
  });
});
