import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionHeaders } from '../support/auth';
import { testBackends } from '../support/backends';
import { createTilingFixture, insertPublishedVersion } from '../support/fixtures';
import { openTestDb, type TestDb } from '../support/test-db';
import { type CaseTestApp, createCaseTestApp, createClock, FIXTURE_POINTS, postJson } from './case-fixtures';

const KEY = 'test-key-311';
const NOW = new Date('2026-11-20T02:00:00Z');
const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'lat',
  'long',
  'media_url',
];

function postForm(api: CaseTestApp, fields: Record<string, string>) {
  return api.app.request('/open311/v2/requests.json', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

async function expectOpen311Error(res: Response, status: number) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { code: number; description: string }[];
  expect(body).toEqual([{ code: status, description: expect.any(String) }]);
}

describe.each(testBackends())('Open311 GeoReport v2 at /open311/v2 (%s)', (backend) => {
  let t: TestDb;
  let api: CaseTestApp;
  const clock = createClock(NOW);
  beforeAll(async () => {
    t = await openTestDb(backend, 'empty');
    await insertPublishedVersion(t.db, createTilingFixture());
    api = createCaseTestApp(t, { now: clock.now, open311Keys: [KEY] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('runs a 311 client flow: list services, POST a request, read it back by id, by token and by query', async () => {
    const services = (await (await api.app.request('/open311/v2/services.json')).json()) as Record<
      string,
      unknown
    >[];
    expect(services.map((s) => s.service_code)).toContain('environment');
    expect(services[0]).toMatchObject({ metadata: false, type: 'realtime' });
    expect(Object.keys(services[0] ?? {}).sort()).toEqual(
      ['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type'].sort(),
    );

    const { lon, lat } = FIXTURE_POINTS['C1-2'];
    const posted = await postForm(api, {
      api_key: KEY,
      service_code: 'environment',
      lat: String(lat),
      long: String(lon),
      description: '路边垃圾堆积',
      address_string: '甲社区东门',
      first_name: '三',
      last_name: '张',
      phone: '13900000000',
      email: 'ignored@example.org',
      'attribute[WHISPER]': 'ignored',
      media_url: 'http://intranet.local/photo/1.jpg',
    });
    expect(posted.status).toBe(201);
    const [created] = (await posted.json()) as { service_request_id: string; token: string }[];
    expect(created?.service_request_id).toMatch(/^\d+$/);

    const byId = (await (
      await api.app.request(`/open311/v2/requests/${created?.service_request_id}.json`)
    ).json()) as Record<string, unknown>[];
    expect(byId).toHaveLength(1);
    expect(Object.keys(byId[0] ?? {})).toEqual(expect.arrayContaining(REQUEST_FIELDS));
    expect(byId[0]).toMatchObject({
      service_request_id: created?.service_request_id,
      status: 'open',
      service_code: 'environment',
      description: '路边垃圾堆积',
      address: '甲社区东门',
      requested_datetime: NOW.toISOString(),
      expected_datetime: new Date(NOW.getTime() + 7 * 24 * 3_600_000).toISOString(),
      lat,
      long: lon,
      media_url: 'http://intranet.local/photo/1.jpg',
    });

    const byToken = (await (
      await api.app.request(`/open311/v2/tokens/${created?.token}.json`)
    ).json()) as unknown[];
    expect(byToken).toEqual([{ service_request_id: created?.service_request_id, token: created?.token }]);

    const listed = (await (
      await api.app.request('/open311/v2/requests.json?service_code=environment&status=open')
    ).json()) as {
      service_request_id: string;
    }[];
    expect(listed.map((r) => r.service_request_id)).toContain(created?.service_request_id);

    // The reporter in full is for the dispatch desk (#7); Open311 answers above never carry it.
    const desk = await sessionHeaders(t, { role: 'dispatcher', scopeCode: null });
    const internal = (await (
      await api.app.request(`/api/cases/${created?.service_request_id}`, { headers: desk })
    ).json()) as Record<string, unknown>;
    expect(internal).toMatchObject({
      source: 'app',
      gridCode: 'C1-2',
      reporter: { name: '张三', phone: '13900000000' },
    });
  });

  it('reports closed cases as closed with the reject reason as status notes', async () => {
    const posted = await postForm(api, {
      api_key: KEY,
      service_code: 'policy',
      lat: '27.61',
      long: '113.87',
    });
    const [created] = (await posted.json()) as { service_request_id: string }[];
    await postJson(api.app, `/api/cases/${created?.service_request_id}/transitions`, {
      action: 'reject',
      reason: '重复件',
    });
    const closed = (await (
      await api.app.request('/open311/v2/requests.json?status=closed')
    ).json()) as Record<string, unknown>[];
    expect(closed.find((r) => r.service_request_id === created?.service_request_id)).toMatchObject({
      status: 'closed',
      status_notes: '重复件',
    });
  });

  it('answers 403 for a missing or wrong api_key', async () => {
    await expectOpen311Error(
      await postForm(api, { api_key: 'nope', service_code: 'policy', lat: '27.61', long: '113.87' }),
      403,
    );
  });

  it.each([
    ['no service_code', { api_key: KEY, lat: '27.61', long: '113.87' }],
    ['an unknown service_code', { api_key: KEY, service_code: 'aliens', lat: '27.61', long: '113.87' }],
    ['no location', { api_key: KEY, service_code: 'policy', address_string: '某地' }],
    [
      'a latitude that is not a number',
      { api_key: KEY, service_code: 'policy', lat: 'north', long: '113.87' },
    ],
    ['a point outside every grid', { api_key: KEY, service_code: 'policy', lat: '30', long: '120' }],
  ])('answers 400 for %s', async (_, fields) => {
    await expectOpen311Error(await postForm(api, fields as Record<string, string>), 400);
  });

  it.each([
    'start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z',
    'start_date=yesterday',
    'status=pending',
    'service_request_id=abc',
  ])('answers 400 for GET requests.json?%s', async (query) => {
    await expectOpen311Error(await api.app.request(`/open311/v2/requests.json?${query}`), 400);
  });

  it.each([
    '/open311/v2/requests/999999.json',
    '/open311/v2/requests/abc.json',
    '/open311/v2/services/aliens.json',
    '/open311/v2/tokens/nope.json',
    '/open311/v2/requests.xml',
  ])('answers 404 for %s', async (path) => {
    await expectOpen311Error(await api.app.request(path), 404);
  });

  it('describes a service definition and offers a JSON discovery document', async () => {
    const def = await (await api.app.request('/open311/v2/services/safety.json')).json();
    expect(def).toEqual({ service_code: 'safety', attributes: [] });
    const discovery = (await (await api.app.request('/open311/v2/discovery.json')).json()) as {
      endpoints: unknown[];
    };
    expect(discovery.endpoints).toHaveLength(1);
  });
});
