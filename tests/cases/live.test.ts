import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends';
import { createTilingFixture, insertPublishedVersion } from '../support/fixtures';
import { openTestDb, type TestDb } from '../support/test-db';
import { type CaseTestApp, createCaseTestApp, FIXTURE_POINTS, postJson } from './case-fixtures';

type SseMessage = { event?: string; id?: string; data?: string; comment?: string };

/** Reads SSE frames from a streaming response body until `until` is satisfied or the time runs out. */
function sseReader(res: Response) {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const messages: SseMessage[] = [];
  const parse = (frame: string) => {
    const m: SseMessage = {};
    for (const line of frame.split('\n')) {
      if (line.startsWith(':')) m.comment = line.slice(1).trim();
      const [key, ...rest] = line.split(': ');
      if (key === 'event' || key === 'id' || key === 'data') m[key] = rest.join(': ');
    }
    messages.push(m);
  };
  return {
    messages,
    async until(done: (ms: SseMessage[]) => boolean, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!done(messages)) {
        if (Date.now() > deadline) throw new Error(`SSE timeout; got ${JSON.stringify(messages)}`);
        const chunk = await Promise.race([
          reader.read(),
          new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now())),
        ]);
        if (!chunk || chunk.done) continue;
        buffer += decoder.decode(chunk.value, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
      }
    },
    close: () => reader.cancel(),
  };
}

const caseEvents = (ms: SseMessage[]) => ms.filter((m) => m.event === 'case');

describe.each(testBackends())('GET /api/live server-sent events (%s)', (backend) => {
  let t: TestDb;
  let api: CaseTestApp;
  beforeAll(async () => {
    t = await openTestDb(backend, 'empty');
    await insertPublishedVersion(t.db, createTilingFixture());
    api = createCaseTestApp(t, { liveHeartbeatMs: 50 });
  });
  afterAll(async () => {
    await t?.close();
  });

  const intake = async () => {
    const res = await postJson(api.app, '/api/cases', {
      ...FIXTURE_POINTS['C2-1'],
      category: 'safety',
      source: 'camera',
    });
    return ((await res.json()) as { id: number }).id;
  };

  it('streams an event after an intake and after a transition, with the event id as SSE id', async () => {
    const res = await api.app.request('/api/live');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const sse = sseReader(res);
    await sse.until((ms) => ms.some((m) => m.comment === 'connected'));
    const id = await intake();
    await postJson(api.app, `/api/cases/${id}/transitions`, { action: 'accept' });
    await sse.until((ms) => caseEvents(ms).length >= 2);
    const [reported, accepted] = caseEvents(sse.messages).map((m) => JSON.parse(m.data ?? '{}'));
    expect(reported).toMatchObject({
      caseId: id,
      seq: 1,
      action: 'report',
      toStatus: 'reported',
      case: { gridCode: 'C2-1' },
    });
    expect(accepted).toMatchObject({
      caseId: id,
      seq: 2,
      action: 'accept',
      fromStatus: 'reported',
      toStatus: 'accepted',
    });
    expect(caseEvents(sse.messages)[0]?.id).toBe(String(reported.id));
    await sse.close();
  });

  it('sends heartbeat comments so proxies keep the connection open', async () => {
    const sse = sseReader(await api.app.request('/api/live'));
    await sse.until((ms) => ms.filter((m) => m.comment === 'heartbeat').length >= 2);
    await sse.close();
  });

  it('resumes after Last-Event-ID with the events missed while disconnected', async () => {
    const first = sseReader(await api.app.request('/api/live'));
    await first.until((ms) => ms.some((m) => m.comment === 'connected'));
    await intake();
    await first.until((ms) => caseEvents(ms).length >= 1);
    const lastId = caseEvents(first.messages).at(-1)?.id ?? '';
    await first.close();

    const missed = [await intake(), await intake()];
    const resumed = sseReader(await api.app.request('/api/live', { headers: { 'Last-Event-ID': lastId } }));
    await resumed.until((ms) => caseEvents(ms).length >= 2);
    const got = caseEvents(resumed.messages).map(
      (m) => JSON.parse(m.data ?? '{}') as { caseId: number; id: number },
    );
    expect(got.map((e) => e.caseId)).toEqual(missed);
    expect(got.every((e) => e.id > Number(lastId))).toBe(true);
    await resumed.close();
  });

  it('unsubscribes every client that goes away: many connect/disconnect cycles leave no listener', async () => {
    expect(api.events.listenerCount()).toBe(0);
    for (let round = 0; round < 10; round++) {
      const clients = await Promise.all(Array.from({ length: 20 }, () => api.app.request('/api/live')));
      const readers = clients.map(sseReader);
      await Promise.all(readers.map((r) => r.until((ms) => ms.some((m) => m.comment === 'connected'))));
      expect(api.events.listenerCount()).toBe(20);
      await Promise.all(readers.map((r) => r.close()));
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(api.events.listenerCount()).toBe(0);
  });

  it('answers 400 for a malformed lastEventId', async () => {
    expect((await api.app.request('/api/live?lastEventId=abc')).status).toBe(400);
  });
});
