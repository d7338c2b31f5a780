import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends';
import { TEST_NOW } from '../support/templates';
import { createTestApp } from '../support/test-app';
import { openTestDb, type TestDb } from '../support/test-db';
import { type App, json, send } from './support';

type Feature = { geometry: { coordinates: number[][][][] }; properties: { code: string; revision: number } };

function bboxOf(f: Feature): [number, number, number, number] {
  const points = f.geometry.coordinates.flat(2) as unknown as [number, number][];
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

async function timed<T>(label: string, backend: string, fn: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  const out = await fn();
  console.log(`[versions timing] ${backend} ${label}: ${Math.round(performance.now() - started)} ms`);
  return out;
}

/** A level-3 grid of the draft cut by a vertical line through its middle; tries grids until one splits in two. */
async function splitSomeGrid(app: App, id: number): Promise<string> {
  const { features } = await json<{ features: Feature[] }>(
    await app.request(`/api/versions/${id}/grids?level=3`),
  );
  for (const f of features.slice(0, 20)) {
    const [x0, y0, x1, y1] = bboxOf(f);
    const x = (x0 + x1) / 2;
    const line = {
      type: 'LineString',
      coordinates: [
        [x, y0 - 0.001],
        [x, y1 + 0.001],
      ],
    };
    const res = await send(app, 'POST', `/api/versions/${id}/grids/${f.properties.code}/split`, {
      revision: f.properties.revision,
      line,
    });
    if (res.status === 201) return f.properties.code;
  }
  throw new Error('no grid could be split in two');
}

/** Validation, impact and publish on the seeded demo district; the times are printed for the closing note. */
describe.each(testBackends())('boundary planner on the demo data (%s)', (backend) => {
  let t: TestDb;
  let app: App;
  beforeAll(async () => {
    t = await openTestDb(backend, 'demo');
    app = createTestApp(t, () => TEST_NOW);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('validates, measures impact and publishes a split in reasonable time', async () => {
    const created = await timed('create draft', backend, () =>
      send(app, 'POST', '/api/versions', { name: 'demo draft' }),
    );
    const { id } = await json<{ id: number }>(created);
    const published = await timed('validate published copy', backend, () =>
      app.request(`/api/versions/${id}/issues`),
    );
    const clean = await json<{ blocking: number; warnings: number }>(published);
    console.log(
      `[versions timing] ${backend} demo issues: blocking ${clean.blocking}, warnings ${clean.warnings}`,
    );
    const code = await timed('split a grid', backend, () => splitSomeGrid(app, id));
    const report = await json<{ blocking: number }>(
      await timed('validate draft', backend, () => app.request(`/api/versions/${id}/issues`)),
    );
    const impact = await json<{ grids: unknown[] }>(
      await timed('impact', backend, () => app.request(`/api/versions/${id}/impact`)),
    );
    expect(impact.grids.length).toBeGreaterThanOrEqual(2);
    const res = await timed('publish', backend, () => send(app, 'POST', `/api/versions/${id}/publish`));
    const body = await res.json();
    console.log(
      `[versions timing] ${backend} split ${code}; blocking before publish ${report.blocking}; publish`,
      JSON.stringify(body),
    );
    expect(res.status).toBe(report.blocking > 0 ? 422 : 200);
  });
});
