/** /api/party/tree's `above`: the chain a grid's organisation answers to, on both backends (fixture.ts). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends';
import { createTestApp } from '../support/test-app';
import { openTestDb, type TestDb } from '../support/test-db';
import { loadPartyFixture, PARTY_NOW } from './fixture';

// biome-ignore lint/suspicious/noExplicitAny: responses are checked field by field
type Json = Record<string, any>;

describe.each(testBackends())('party tree: the chain above a grid (%s)', (backend) => {
  let t: TestDb;
  let app: ReturnType<typeof createTestApp>;
  const above = async (grid: string): Promise<unknown> => {
    const res = await app.request(`/api/party/tree?grid=${grid}`);
    expect(res.status).toBe(200);
    const shape = (n: Json): unknown => [n.code, n.children.map(shape)];
    return ((await res.json()) as Json).above.map(shape);
  };

  beforeAll(async () => {
    t = await openTestDb(backend, 'empty');
    await loadPartyFixture(t.db);
    app = createTestApp(t, () => PARTY_NOW);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a grid branch answers to its community committee and street committee', async () => {
    expect(await above('C1-1')).toEqual([['W', [['PC1', []]]]]);
    const res = (await (await app.request('/api/party/tree?grid=C1-1')).json()) as Json;
    expect(res.above[0]).toMatchObject({ kind: 'street_committee', kindZh: '街道党工委' });
    expect(res.above[0].members[0].roles).toEqual([{ role: 'secretary', zh: '书记' }]);
  });

  it("a grid without a branch: its member household's chain; seed 001's variant under the grand committee", async () => {
    expect(await above('C1-2')).toEqual([['W', [['PC1', []]]]]); // H12 hangs under 甲社区党委
    expect(await above('C2-1')).toEqual([['W', [['PC2', []]]]]);
  });

  it('nothing above the top, nothing for a grid without units', async () => {
    expect(await above('S1')).toEqual([]);
    expect(await above('C1')).toEqual([['W', []]]);
    expect(await above('C2-2')).toEqual([]);
  });
});
