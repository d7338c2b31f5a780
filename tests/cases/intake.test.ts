import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskReporter } from '../../server/domain/pii';
import type { Reporter } from '../../server/queries/cases';
import { sessionHeaders } from '../support/auth';
import { testBackends } from '../support/backends';
import { createTilingFixture, insertPublishedVersion } from '../support/fixtures';
import { openTestDb, type TestDb } from '../support/test-db';
import { type CaseTestApp, createCaseTestApp, createClock, FIXTURE_POINTS, postJson } from './case-fixtures';

type CaseBody = Record<string, unknown> & {
  id: number;
  code: string;
  status: string;
  dueAt: string;
  reportedAt: string;
};

const NOW = new Date('2026-11-20T02:00:00Z');
const HOUR = 3_600_000;

async function counts(t: TestDb) {
  const [row] = await t.db.query<{ cases: number; events: number }>(
    'SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM case_event)::int AS events',
  );
  return row;
}

describe.each(testBackends())('POST /api/cases intake on the fixture (%s)', (backend) => {
  let t: TestDb;
  let api: CaseTestApp;
  const clock = createClock(NOW);
  beforeAll(async () => {
    t = await openTestDb(backend, 'empty');
    await insertPublishedVersion(t.db, createTilingFixture());
    api = createCaseTestApp(t, { now: clock.now, slaOverrides: { safety: { normal: 48 } } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 201 with the case in the level-3 grid that contains the point, its parents and the SLA due time', async () => {
    // A district-wide dispatcher: the one role (with the grid's own worker) that sees the reporter in full (#7).
    const desk = await sessionHeaders(t, { role: 'dispatcher', scopeCode: null, username: 'operator-7' });
    const res = await postJson(
      api.app,
      '/api/cases',
      {
        ...FIXTURE_POINTS['C1-1'],
        category: 'dispute',
        source: 'hotline',
        title: '邻里噪音',
        reporter: { name: '张三', phone: '13800000000' },
      },
      desk,
    );
    expect(res.status).toBe(201);
    const body = (await res.json()) as CaseBody;
    expect(res.headers.get('location')).toBe(`/api/cases/${body.id}`);
    expect(body).toMatchObject({
      status: 'reported',
      priority: 'normal',
      gridCode: 'C1-1',
      gridL2Code: 'C1',
      gridL1Code: 'S1',
      reportedGridCode: 'C1-1',
      reportedAt: NOW.toISOString(),
      dueAt: new Date(NOW.getTime() + 7 * 24 * HOUR).toISOString(),
      overdue: false,
      allowedActions: ['accept', 'reject'],
      reporter: { name: '张三', phone: '13800000000' },
    });
    expect(body.code).toBe(`GS20261120-${String(body.id).padStart(7, '0')}`);

    const detail = (await (await api.app.request(`/api/cases/${body.id}`)).json()) as { timeline: unknown[] };
    expect(detail.timeline).toEqual([
      expect.objectContaining({
        seq: 1,
        action: 'report',
        fromStatus: null,
        toStatus: 'reported',
        actor: 'operator-7',
        at: NOW.toISOString(),
      }),
    ]);
  });

  it.each(Object.entries(FIXTURE_POINTS))('assigns a point inside %s to that grid', async (code, point) => {
    const res = await postJson(api.app, '/api/cases', {
      ...point,
      category: 'environment',
      source: 'patrol',
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as CaseBody;
    expect(body.gridCode).toBe(code);
    expect(body.gridL2Code).toBe(code.slice(0, 2));
  });

  it('computes due times per priority and per-category overrides from configuration', async () => {
    const due = async (body: Record<string, unknown>) => {
      const res = await postJson(api.app, '/api/cases', {
        ...FIXTURE_POINTS['C2-1'],
        source: 'app',
        ...body,
      });
      return (new Date(((await res.json()) as CaseBody).dueAt).getTime() - NOW.getTime()) / HOUR;
    };
    expect(await due({ category: 'facilities', priority: 'urgent' })).toBe(2);
    expect(await due({ category: 'facilities', priority: 'high' })).toBe(24);
    expect(await due({ category: 'facilities', priority: 'complex' })).toBe(15 * 24);
    expect(await due({ category: 'safety', priority: 'normal' })).toBe(48);
  });

  it('answers 422 for a point outside every grid and stores nothing', async () => {
    const before = await counts(t);
    const res = await postJson(api.app, '/api/cases', {
      lon: 114.5,
      lat: 27.65,
      category: 'dispute',
      source: 'hotline',
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as { type: string; detail: string };
    expect(body.type).toMatch(/outside-grids$/);
    expect(body.detail).toMatch(/outside every grid/);
    expect(await counts(t)).toEqual(before);
  });

  it('returns the existing case for a repeated externalId, also when deliveries race', async () => {
    const payload = {
      ...FIXTURE_POINTS['C2-2'],
      category: 'policy',
      source: 'hotline',
      externalId: '12345-0001',
    };
    const first = await postJson(api.app, '/api/cases', payload);
    expect(first.status).toBe(201);
    const before = await counts(t);
    const again = await postJson(api.app, '/api/cases', payload);
    expect(again.status).toBe(200);
    expect(((await again.json()) as CaseBody).id).toBe(((await first.json()) as CaseBody).id);
    expect(await counts(t)).toEqual(before);

    const racing = await Promise.all(
      Array.from({ length: 12 }, () =>
        postJson(api.app, '/api/cases', { ...payload, externalId: '12345-0002' }),
      ),
    );
    expect(racing.filter((r) => r.status === 201)).toHaveLength(1);
    expect(racing.filter((r) => r.status === 200)).toHaveLength(11);
    const ids = new Set(await Promise.all(racing.map(async (r) => ((await r.json()) as CaseBody).id)));
    expect(ids.size).toBe(1);
  });

  it.each([
    ['malformed JSON', '{"lon": 113.82,'],
    ['an unknown key', { ...FIXTURE_POINTS['C1-1'], category: 'dispute', source: 'hotline', color: 'red' }],
    ['NaN coordinates', { lon: 'NaN', lat: 27.62, category: 'dispute', source: 'hotline' }],
    ['a longitude out of range', { lon: 213.8, lat: 27.62, category: 'dispute', source: 'hotline' }],
    ['an unknown category', { ...FIXTURE_POINTS['C1-1'], category: 'aliens', source: 'hotline' }],
    ['a missing source', { ...FIXTURE_POINTS['C1-1'], category: 'dispute' }],
    ['a blank address', { ...FIXTURE_POINTS['C1-1'], category: 'dispute', source: 'hotline', address: ' ' }],
    [
      'a bad phone',
      { ...FIXTURE_POINTS['C1-1'], category: 'dispute', source: 'app', reporter: { phone: 'call me' } },
    ],
  ])('answers 400 problem for %s, storing nothing', async (_, body) => {
    const before = await counts(t);
    const res = await postJson(api.app, '/api/cases', body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await counts(t)).toEqual(before);
  });

  it('lists every field error at once', async () => {
    const res = await postJson(api.app, '/api/cases', {
      lon: 'x',
      lat: 99,
      category: 'nope',
      source: 'hotline',
      extra: 1,
    });
    const body = (await res.json()) as { errors: { path: string }[] };
    expect(body.errors.map((e) => e.path).sort()).toEqual(expect.arrayContaining(['lon', 'lat', 'category']));
  });

  it('records the logged-in user as the actor and ignores the old X-Actor header', async () => {
    const res = await postJson(
      api.app,
      '/api/cases',
      { ...FIXTURE_POINTS['C1-1'], category: 'dispute', source: 'hotline' },
      { 'X-Actor': 'x'.repeat(101) },
    );
    expect(res.status).toBe(201);
    const id = ((await res.json()) as { id: number }).id;
    const detail = (await (await api.app.request(`/api/cases/${id}`)).json()) as {
      timeline: { actor: string }[];
    };
    expect(detail.timeline[0]?.actor).toBe('test-worker');
  });

  it('answers 404 problem for an unknown case and 400 for a malformed id', async () => {
    expect((await api.app.request('/api/cases/999999')).status).toBe(404);
    expect((await api.app.request('/api/cases/abc')).status).toBe(400);
  });

  // Intake writes the case, its event and its audit row in one statement, so its answer and audit row
  // are built from the input rather than read back: they must equal what is stored, for any input.
  it('equals GET /api/cases/:id and the audit row (reporter masked), for random inputs', async () => {
    const desk = await sessionHeaders(t, { role: 'dispatcher', scopeCode: null, username: 'desk-prop' });
    // Valid texts only: the API trims them and refuses a blank one (400, tested above).
    const text = (max: number) =>
      fc.option(
        fc.string({ minLength: 1, maxLength: max }).filter((s) => s.trim() !== ''),
        { nil: undefined },
      );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          lon: fc.double({ min: 113.801, max: 113.899, noNaN: true }),
          lat: fc.double({ min: 27.601, max: 27.699, noNaN: true }),
          category: fc.constantFrom('dispute', 'environment', 'safety', 'facilities'),
          source: fc.constantFrom('hotline', 'patrol', 'app', 'camera', 'visit'),
          priority: fc.option(fc.constantFrom('urgent', 'high', 'normal', 'complex'), { nil: undefined }),
          title: text(200),
          address: text(300),
          reporter: fc.option(
            fc.record({
              name: fc.constantFrom('张三', '欧阳娜娜', 'Li'),
              phone: fc.constantFrom('13800000000', '0799-1234567'),
            }),
            { nil: undefined },
          ),
          externalId: fc.option(fc.uuid(), { nil: undefined }),
        }),
        async (input) => {
          n++;
          clock.set(new Date(clock.now().getTime() + 61_000 + (n % 7) * 1_234));
          // A repeated external id answers 200 with the first case: keep them unique across runs.
          const externalId = input.externalId ? `${input.externalId}-${n}` : undefined;
          const body = Object.fromEntries(
            Object.entries({ ...input, externalId }).filter(([, v]) => v !== undefined),
          );
          const res = await postJson(api.app, '/api/cases', body, desk);
          expect(res.status).toBe(201);
          const answer = (await res.json()) as CaseBody;
          const stored = await api.app.request(`/api/cases/${answer.id}`, { headers: desk });
          const { timeline: _timeline, ...storedAnswer } = (await stored.json()) as CaseBody;
          expect(answer).toEqual(storedAnswer);
          const { allowedActions: _actions, ...storedCase } = storedAnswer;
          const [audit] = await t.db.query<{ after: CaseBody }>(
            `SELECT after FROM audit_log WHERE action = 'case.intake' AND entity_id = $1`,
            [String(answer.id)],
          );
          expect(audit?.after).toEqual({
            ...storedCase,
            reporter: maskReporter(storedCase.reporter as Reporter),
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('keeps every digit of a case id beyond seven in the case number', async () => {
    await t.db.query(`SELECT setval(pg_get_serial_sequence('cases', 'id'), 123456788)`);
    const res = await postJson(api.app, '/api/cases', {
      ...FIXTURE_POINTS['C2-1'],
      category: 'dispute',
      source: 'app',
    });
    const body = (await res.json()) as CaseBody;
    expect(body.id).toBe(123456789);
    expect(body.code).toMatch(/^GS\d{8}-123456789$/);
  });
});

describe.each(testBackends())('intake on the demo data (%s)', (backend) => {
  let t: TestDb;
  let api: CaseTestApp;
  beforeAll(async () => {
    t = await openTestDb(backend, 'demo');
    api = createCaseTestApp(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('assigns a new case inside a demo grid and gives it a fresh id after the generated cases', async () => {
    const [inside] = await t.db.query<{ lon: number; lat: number; code: string }>(
      `SELECT ST_X(p) AS lon, ST_Y(p) AS lat, g.code FROM grid g
       JOIN boundary_version v ON v.id = g.version_id AND v.status = 'published',
       LATERAL ST_PointOnSurface(g.geom) AS p
       WHERE g.level = 3 ORDER BY g.code LIMIT 1`,
    );
    if (!inside) throw new Error('no demo grid');
    const res = await postJson(api.app, '/api/cases', {
      lon: inside.lon,
      lat: inside.lat,
      category: 'safety',
      source: 'camera',
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as CaseBody;
    expect(body.gridCode).toBe(inside.code);
    const [max] = await t.db.query<{ id: number }>('SELECT max(id)::bigint AS id FROM cases');
    expect(body.id).toBe(max?.id);
  });
});
