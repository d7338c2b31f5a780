/**
 * Fuzzing every write endpoint (#7) with fast-check: the routes are enumerated from `createApp(...)`'s
 * route table, so a new write route is fuzzed without touching this file. Each request is authorised
 * as a role the rule table allows (the test harness logs in) and carries malformed or hostile input:
 * SQL injection strings, odd unicode, huge strings, deep nesting, wrong types, NaN / 1e309 coordinates,
 * bowtie polygons, unknown keys, hostile path parameters. Asserted: never a 5xx, and after every
 * rejected (4xx) request each user table is byte-for-byte what it was (md5 of its rows).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db';
import { createCaseTestApp } from '../cases/case-fixtures';
import { loadPartyFixture, PARTY_NOW } from '../party/fixture';
import { sessionHeaders } from '../support/auth';
import { testBackends } from '../support/backends';
import { openTestDb, type TestDb } from '../support/test-db';

/** Runs per write route and backend; FUZZ_RUNS overrides (CI keeps the default). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const API_KEY = 'fuzz-api-key';

/**
 * Columns the server rewrites on every authenticated request (sliding session expiry), whatever the
 * outcome: they are left out of the fingerprint, everything else counts.
 */
const VOLATILE: Record<string, string[]> = { app_session: ['last_seen', 'expires_at'] };

/** One query: md5 of each user table's rows (sorted by their text), keyed by table. */
async function fingerprintSql(db: Db): Promise<string> {
  const tables = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'spatial_ref_sys'
     ORDER BY table_name`,
  );
  return tables
    .map(({ name }) => {
      if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unexpected table name ${name}`);
      const volatile = (VOLATILE[name] ?? []).map((c) => ` - '${c}'`).join('');
      const text = volatile ? `(to_jsonb(x)${volatile})::text` : 'x::text';
      return `SELECT '${name}' AS t, md5(COALESCE(string_agg(${text}, '|' ORDER BY ${text}), '')) AS h FROM ${name} x`;
    })
    .join('\nUNION ALL\n');
}

async function fingerprint(db: Db, sql: string): Promise<Map<string, string>> {
  const rows = await db.query<{ t: string; h: string }>(sql);
  return new Map(rows.map((r) => [r.t, r.h]));
}

function changedTables(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...b.keys()].filter((k) => a.get(k) !== b.get(k));
}

// ---------------------------------------------------------------------------------------------
// Hostile values

const NASTY_STRINGS = [
  "' OR '1'='1",
  '1; DROP TABLE cases; --',
  "Robert'); DROP TABLE app_user; --",
  "' UNION SELECT token_hash FROM app_session --",
  '$1',
  '\u0000',
  '\uD800',
  '𠜎𠜱𠝹',
  '\u202Eevil',
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  '%00%27',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4shell-style string, literally
  '${jndi:ldap://x}',
  'NaN',
  'Infinity',
  '1e309',
  '-0',
  '',
  ' ',
  '欧阳娜娜',
  '13812345678',
];

const nastyString = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer({ min: 1000, max: 200_000 }).map((n) => 'x'.repeat(n)),
);

/** A JSON text nested `depth` levels deep (arrays or objects). */
function deepJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

const bowtie = {
  type: 'Polygon',
  coordinates: [
    [
      [113.81, 27.61],
      [113.83, 27.63],
      [113.83, 27.61],
      [113.81, 27.63],
      [113.81, 27.61],
    ],
  ],
};

const nastyGeometry = fc.constantFrom<unknown>(
  bowtie,
  {
    type: 'Polygon',
    coordinates: [
      [
        [113.81, 27.61],
        [113.82, 27.62],
        [113.83, 27.61],
      ],
    ],
  }, // unclosed
  {
    type: 'Polygon',
    coordinates: [
      [
        [113.81, 27.61],
        [113.81, 27.61],
      ],
    ],
  }, // too short
  {
    type: 'Polygon',
    coordinates: [
      [
        [500, 27.61],
        [113.82, 95],
        [113.83, 27.61],
        [500, 27.61],
      ],
    ],
  },
  {
    type: 'Polygon',
    coordinates: [
      [
        [null, 1],
        [1, null],
        [1, 1],
        [null, 1],
      ],
    ],
  },
  { ...bowtie, crs: { type: 'name', properties: { name: 'EPSG:3857' } } },
  { type: 'Point', coordinates: [113.81, 27.61] },
  { type: 'MultiPolygon', coordinates: [] },
  { type: 'Polygon', coordinates: 'POLYGON((0 0, 1 1, 1 0, 0 0))' },
  {
    type: 'LineString',
    coordinates: [
      [113.8, 27.6],
      [113.9, 27.7],
    ],
  },
  {
    type: 'Polygon',
    coordinates: [Array.from({ length: 30_001 }, (_, i) => [113.8 + i * 1e-7, 27.6 + (i % 2) * 1e-5])],
  },
);

const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  nastyGeometry,
  fc.double(),
  fc.integer(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -1, 0, 1e308),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 5 }),
  fc.jsonValue({ maxDepth: 3 }),
);

// ---------------------------------------------------------------------------------------------
// Well-formed bodies per route, which the fuzzer then breaks one field at a time. A route without a
// template is still fuzzed with generic bodies.

type Fixture = { draftId: number; caseId: number; needId: number; resourceId: number };

function templates(f: Fixture): Record<string, Record<string, unknown>> {
  return {
    'POST /api/cases': {
      lon: 113.815,
      lat: 27.615,
      category: 'dispute',
      source: 'hotline',
      reporter: { name: '张三', phone: '13812345678' },
    },
    'POST /api/cases/:id/transitions': { action: 'dispatch', department: 'urban_management' },
    'POST /api/versions': { name: 'fuzz draft', from: f.draftId },
    'POST /api/versions/import': {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { code: 'F1', name: 'f', level: 1 }, geometry: bowtie }],
    },
    'POST /api/versions/:id/grids': {
      code: 'F1',
      name: 'f',
      level: 3,
      parentCode: 'C1',
      geometry: bowtie,
    },
    'PATCH /api/versions/:id/grids': { updates: [{ code: 'C1-1', revision: 1, geometry: bowtie }] },
    'POST /api/versions/:id/grids/merge': {
      grids: [
        { code: 'C1-1', revision: 1 },
        { code: 'C2-1', revision: 1 },
      ],
    },
    'PATCH /api/versions/:id/grids/:code': { revision: 1, geometry: bowtie },
    'POST /api/versions/:id/grids/:code/split': {
      revision: 1,
      line: {
        type: 'LineString',
        coordinates: [
          [113.8, 27.6],
          [113.9, 27.7],
        ],
      },
    },
    'POST /api/party/registrations': { memberName: '王伟', employer: '区税务局', communityCode: 'C1' },
    'POST /api/party/registrations/:id/services': {
      activity: '环境整治',
      servedAt: '2026-11-18T01:00:00Z',
      hours: 2,
    },
    'POST /api/party/needs': { category: 'repair', description: '楼道灯', location: [113.815, 27.615] },
    'POST /api/party/needs/:id/claim': { resourceId: f.resourceId },
    'POST /api/users': {
      username: 'fuzz-new',
      displayName: '新用户',
      password: 'a-long-password-1',
      role: 'worker',
      scopeCode: 'C1-1',
    },
    'PATCH /api/users/:id': { displayName: 'renamed' },
    'POST /api/auth/login': { username: 'nobody', password: 'wrong-password' },
  };
}

/** A template with one field replaced, removed or an unknown key added; or a generic body. */
function bodyArb(template: Record<string, unknown> | undefined): fc.Arbitrary<string> {
  const generic = fc.oneof(
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc.constantFrom(
      '',
      '{',
      '{"a":',
      'null',
      '[]',
      '"string"',
      '{"lon": 1e309, "lat": 27.6}',
      '{"lon": NaN, "lat": 27.6}',
      '{"__proto__": {"admin": true}}',
      '{"constructor": {"prototype": {"x": 1}}}',
      deepJson(20_000, 'array'),
      deepJson(5_000, 'object'),
      `{"a":"${'y'.repeat(1_100_000)}"}`,
    ),
  );
  if (!template) return generic;
  const keys = Object.keys(template);
  const mutated = fc.oneof(
    fc.record({ key: fc.constantFrom(...keys), value: nastyValue }).map(({ key, value }) => ({
      ...template,
      [key]: value,
    })),
    fc.constantFrom(...keys).map((key) => {
      const { [key]: _dropped, ...rest } = template;
      return rest;
    }),
    fc
      .record({ key: fc.string({ minLength: 1, maxLength: 12 }), value: nastyValue })
      .map(({ key, value }) =>
        key in template ? { ...template, [`${key}_x`]: value } : { ...template, [key]: value },
      ),
  );
  // Raw number literals JSON.stringify cannot produce, inside an otherwise valid body.
  const rawNumbers = fc
    .record({
      key: fc.constantFrom(...keys),
      literal: fc.constantFrom('1e309', '-1e309', 'NaN', 'Infinity', '0x10'),
    })
    .map(({ key, literal }) =>
      JSON.stringify({ ...template, [key]: '__RAW__' }).replace('"__RAW__"', literal),
    );
  return fc.oneof({ weight: 5, arbitrary: mutated.map((b) => JSON.stringify(b)) }, rawNumbers, generic);
}

/** Percent-encodes; a lone surrogate becomes its (invalid) UTF-8 bytes, itself a hostile input. */
function enc(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
}

function paramArb(name: string, valid: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...valid) },
    fc.constantFrom(
      '0',
      '-1',
      '99999999999999999999',
      '1e3',
      '1.5',
      "1' OR '1'='1",
      '1;DROP TABLE cases',
      '%F0%9F%98%80',
      'C1-1%27--',
      `${name}${'x'.repeat(300)}`,
    ),
    fc.string({ minLength: 1, maxLength: 20 }).map(enc),
  );
}

/** Deletions and publishing end the fixture draft's life as a draft: fuzz them after the edits. */
function lastness(route: string): number {
  if (route.startsWith('DELETE ')) return 2;
  return route.endsWith('/publish') ? 1 : 0;
}

describe.each(testBackends())('fuzzing every write endpoint (%s)', (backend) => {
  let t: TestDb;
  let app: ReturnType<typeof createCaseTestApp>['app'];
  let fixture: Fixture;
  let fpSql: string;
  let fuzzUserId: number;

  const writeRoutes = () => {
    const seen = new Set<string>();
    return app.routes
      .filter((r) => WRITE_METHODS.has(r.method))
      .map((r) => `${r.method} ${r.path}`)
      .filter((k) => !seen.has(k) && seen.add(k))
      .sort((a, b) => lastness(a) - lastness(b));
  };

  beforeAll(async () => {
    t = await openTestDb(backend, 'empty');
    await loadPartyFixture(t.db);
    app = createCaseTestApp(t, { now: () => PARTY_NOW, open311Keys: [API_KEY] }).app;
    const post = async (path: string, body: unknown) => {
      const res = await app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status, `${path}: ${await res.clone().text()}`).toBeLessThan(300);
      return (await res.json()) as { id: number };
    };
    const created = await post('/api/cases', {
      lon: 113.815,
      lat: 27.615,
      category: 'dispute',
      source: 'hotline',
    });
    const draft = await post('/api/versions', { name: 'fuzz target draft' });
    const [need] = await t.db.query<{ id: number }>('SELECT id FROM party_need ORDER BY id LIMIT 1');
    const [resource] = await t.db.query<{ id: number }>('SELECT id FROM party_resource ORDER BY id LIMIT 1');
    fixture = { draftId: draft.id, caseId: created.id, needId: need?.id ?? 1, resourceId: resource?.id ?? 1 };
    await sessionHeaders(t, { role: 'worker', scopeCode: 'C1-1', username: 'fuzz-target' });
    const [user] = await t.db.query<{ id: number }>(`SELECT id FROM app_user WHERE username = 'fuzz-target'`);
    fuzzUserId = Number(user?.id);
    fpSql = await fingerprintSql(t.db);
    // The harness logs in lazily (a user and a session row on first use of a role): do that now, so
    // the fuzzed requests are the only writers while the fingerprints are compared.
    for (const route of writeRoutes()) {
      const [method, pattern] = route.split(' ') as [string, string];
      for (const action of ['accept', 'resolve', 'dispatch', 'visit']) {
        await app.request(pattern.replace(/:[a-z]+/gi, '999999999'), {
          method,
          headers: { 'content-type': 'application/json' },
          body: `{"action":"${action}"`,
        });
      }
    }
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('finds the write routes in the app, all of them', () => {
    const routes = writeRoutes();
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /api/cases',
        'POST /api/cases/:id/transitions',
        'POST /api/versions/:id/publish',
        'POST /api/party/needs/:id/claim',
        'POST /open311/v2/requests.json',
      ]),
    );
    expect(routes.length).toBeGreaterThanOrEqual(20);
  });

  it('never answers 5xx, and a rejected request leaves every table as it was', async () => {
    const bodies = templates(fixture);
    const validParams = (path: string, name: string): string[] => {
      if (name === 'code') return ['C1-1', 'C1-2', 'C2-1', 'C1', 'S1'];
      if (path.startsWith('/api/cases/')) return [String(fixture.caseId)];
      if (path.startsWith('/api/versions/')) return [String(fixture.draftId)];
      if (path.startsWith('/api/party/needs/')) return [String(fixture.needId)];
      if (path.startsWith('/api/party/registrations/')) return ['1', '2'];
      if (path.startsWith('/api/users/')) return [String(fuzzUserId)];
      return ['1'];
    };
    let baseline = await fingerprint(t.db, fpSql);
    const stats = { requests: 0, rejected: 0, accepted: 0, byStatus: new Map<number, number>() };
    const started = Date.now();
    for (const route of writeRoutes()) {
      const [method, pattern] = route.split(' ') as [string, string];
      const names = [...pattern.matchAll(/:([a-z]+)/gi)].map((m) => m[1] as string);
      const params = fc.tuple(...names.map((n) => paramArb(n, validParams(pattern, n))));
      const query = fc.oneof(
        fc.constant(''),
        fc.constantFrom(
          '?dryRun=true',
          `?api_key=${API_KEY}`,
          '?revision=1',
          '?revision=abc',
          "?name=' OR 1=1",
        ),
        fc
          .record({ k: fc.string({ maxLength: 8 }), v: nastyString })
          .map(({ k, v }) => `?${enc(k)}=${enc(v.slice(0, 2000))}`),
      );
      const contentType = fc.constantFrom(
        'application/json',
        'application/json',
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/zip',
      );
      await fc.assert(
        fc.asyncProperty(
          params,
          bodyArb(bodies[route]),
          query,
          contentType,
          async (values, body, q, type) => {
            let path = pattern;
            names.forEach((n, i) => {
              path = path.replace(`:${n}`, values[i] as string);
            });
            const headers: Record<string, string> = { 'content-type': type };
            // Logging out ends the session it is called with: give it its own, not the harness's.
            if (route === 'POST /api/auth/logout') {
              Object.assign(
                headers,
                await sessionHeaders(t, { role: 'worker', scopeCode: null, username: 'fuzz-logout' }),
              );
              baseline = await fingerprint(t.db, fpSql);
            }
            const res = await app.request(`${path}${q}`, {
              method,
              headers,
              ...(method === 'DELETE' && body.length > 1000 ? {} : { body }),
            });
            const text = await res.text();
            stats.requests += 1;
            stats.byStatus.set(res.status, (stats.byStatus.get(res.status) ?? 0) + 1);
            expect(res.status, `${method} ${path}${q.slice(0, 100)} → ${text.slice(0, 300)}`).toBeLessThan(
              500,
            );
            const after = await fingerprint(t.db, fpSql);
            if (res.status >= 400) {
              stats.rejected += 1;
              expect(changedTables(baseline, after), `${method} ${path} ${res.status} changed data`).toEqual(
                [],
              );
            } else stats.accepted += 1;
            baseline = after;
          },
        ),
        { numRuns: RUNS },
      );
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `fuzz (${backend}): ${writeRoutes().length} write routes × ${RUNS} runs = ${stats.requests} requests in ` +
        `${seconds.toFixed(1)} s; ${stats.rejected} rejected (data unchanged), ${stats.accepted} accepted; ` +
        `statuses ${JSON.stringify(Object.fromEntries([...stats.byStatus].sort((a, b) => a[0] - b[0])))}`,
    );
    expect(stats.requests).toBe(writeRoutes().length * RUNS);
  }, 600_000);
});
