import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../cases/case-fixtures';
import { testBackends } from '../support/backends';
import { openTestDb, type TestDb } from '../support/test-db';
import { SCOPE_POINTS, type ScopeWorld, seedScopeWorld } from './scope-fixture';

type LiveEvent = { id: number; caseId: number; case: { gridCode: string } };

/** The `case` events of an SSE response, read until `count` arrived (or the time ran out). */
function liveReader(res: Response) {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const events: LiveEvent[] = [];
  let connected = false;
  const take = (frame: string) => {
    if (frame.includes(': connected')) connected = true;
    if (!frame.split('\n').includes('event: case')) return;
    const data = frame.split('\n').find((l) => l.startsWith('data: '));
    if (data) events.push(JSON.parse(data.slice(6)) as LiveEvent);
  };
  return {
    events,
    async until(done: () => boolean, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!done()) {
        if (Date.now() > deadline) throw new Error(`SSE timeout; got ${JSON.stringify(events)}`);
        const chunk = await Promise.race([
          reader.read(),
          new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now())),
        ]);
        if (!chunk || chunk.done) continue;
        buffer += decoder.decode(chunk.value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          take(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    },
    isConnected: () => connected,
    close: () => reader.cancel(),
  };
}

describe.each(testBackends())('scope on /api/live (%s)', (backend) => {
  let t: TestDb;
  let w: ScopeWorld;
  beforeAll(async () => {
    t = await openTestDb(backend, 'empty');
    w = await seedScopeWorld(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const report = async (grid: string) => {
    const point = SCOPE_POINTS[grid]?.[0];
    const res = await postJson(w.api.app, '/api/cases', { ...point, category: 'safety', source: 'camera' });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: number }).id;
  };

  it("streams only the scope's case events; a district leader gets them all", async () => {
    const worker = liveReader(
      await w.api.app.request('/api/live', { headers: await w.as('worker', 'C1-1') }),
    );
    const leader = liveReader(await w.api.app.request('/api/live', { headers: await w.as('leader', null) }));
    await worker.until(worker.isConnected);
    await leader.until(leader.isConnected);
    const other = [await report('C2-1'), await report('C3-1'), await report('C1-3')];
    const own = await report('C1-1');
    // Events are written in order: once A's arrived, a leaked B event would already be there.
    await worker.until(() => worker.events.some((e) => e.caseId === own));
    expect(worker.events.map((e) => e.caseId)).toEqual([own]);
    await leader.until(() => leader.events.length >= 4);
    expect(leader.events.map((e) => e.caseId)).toEqual([...other, own]);
    await worker.close();
    await leader.close();
  });

  it('resumes after Last-Event-ID with the missed events of the scope only', async () => {
    const [row] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM case_event e JOIN cases c ON c.id = e.case_id WHERE c.grid_code = 'C1-1'`,
    );
    const expected = row?.n ?? 0;
    expect(expected).toBeGreaterThan(1);
    const headers = { ...(await w.as('worker', 'C1-1')), 'Last-Event-ID': '0' };
    const resumed = liveReader(await w.api.app.request('/api/live', { headers }));
    await resumed.until(() => resumed.events.length >= expected);
    await report('C1-1');
    await resumed.until(() => resumed.events.length >= expected + 1);
    expect(resumed.events.every((e) => e.case.gridCode === 'C1-1')).toBe(true);
    await resumed.close();
  });
});
