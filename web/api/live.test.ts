import { describe, expect, it } from 'vitest';
import { LIVE_BACKOFF, type LiveStatus, parseLiveEvent, reconnectDelayMs, startLiveStream } from './live';

/** A stand-in EventSource: records listeners, lets a test fire events. */
function createFakeSource(url: string) {
  const listeners = new Map<string, Set<(e: unknown) => void>>();
  return {
    url,
    closed: false,
    addEventListener(type: string, fn: (e: unknown) => void) {
      if (!listeners.has(type)) listeners.set(type, new Set());
      listeners.get(type)?.add(fn);
    },
    removeEventListener(type: string, fn: (e: unknown) => void) {
      listeners.get(type)?.delete(fn);
    },
    close() {
      this.closed = true;
    },
    fire(type: string, event: unknown = {}) {
      for (const fn of listeners.get(type) ?? []) fn(event);
    },
    listenerCount: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
  };
}

const eventJson = (id: number) =>
  JSON.stringify({
    id,
    caseId: 1,
    seq: 1,
    action: 'report',
    fromStatus: null,
    toStatus: 'reported',
    actor: 'x',
    at: '2026-01-01T00:00:00Z',
    case: { code: `GS${id}`, lon: 113.8, lat: 27.6, category: 'safety' },
  });

function createHarness() {
  const sources: ReturnType<typeof createFakeSource>[] = [];
  const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
  const statuses: LiveStatus[] = [];
  const events: number[] = [];
  let gaps = 0;
  const stop = startLiveStream(
    {
      url: (last) => `/api/live${last ? `?lastEventId=${last}` : ''}`,
      createEventSource: (url) => {
        const s = createFakeSource(url);
        sources.push(s);
        return s as unknown as EventSource;
      },
      setTimer: (fn, ms) => {
        const t = { fn, ms, cleared: false };
        timers.push(t);
        return t;
      },
      clearTimer: (t) => {
        (t as { cleared: boolean }).cleared = true;
      },
    },
    { onEvent: (e) => events.push(e.id), onStatus: (s) => statuses.push(s), onGap: () => gaps++ },
  );
  return { sources, timers, statuses, events, stop, gaps: () => gaps };
}

describe('reconnectDelayMs', () => {
  it('doubles from the first delay up to the cap, jitter only shortening it', () => {
    expect(reconnectDelayMs(0, 0)).toBe(LIVE_BACKOFF.firstMs);
    expect(reconnectDelayMs(1, 0)).toBe(2 * LIVE_BACKOFF.firstMs);
    expect(reconnectDelayMs(30, 0)).toBe(LIVE_BACKOFF.maxMs);
    expect(reconnectDelayMs(30, 0.999)).toBeGreaterThanOrEqual(
      LIVE_BACKOFF.maxMs * (1 - LIVE_BACKOFF.jitter),
    );
  });
});

describe('parseLiveEvent', () => {
  it('accepts a case event and rejects anything else', () => {
    expect(parseLiveEvent(eventJson(7))?.id).toBe(7);
    expect(parseLiveEvent('not json')).toBeNull();
    expect(parseLiveEvent('{"id":1}')).toBeNull();
    expect(parseLiveEvent('null')).toBeNull();
  });
});

describe('startLiveStream', () => {
  it('reconnects with backoff after an error and resumes after the last event id', () => {
    const h = createHarness();
    const first = h.sources[0];
    first?.fire('open');
    first?.fire('case', { data: eventJson(41), lastEventId: '41' });
    first?.fire('error');
    expect(first?.closed).toBe(true);
    expect(first?.listenerCount()).toBe(0);
    expect(h.statuses).toEqual(['connecting', 'open', 'down']);
    expect(h.timers[0]?.ms).toBeLessThanOrEqual(LIVE_BACKOFF.firstMs);

    h.timers[0]?.fn();
    expect(h.sources[1]?.url).toBe('/api/live?lastEventId=41');
    h.sources[1]?.fire('error');
    expect(h.timers[1]?.ms).toBeGreaterThan(LIVE_BACKOFF.firstMs * (1 - LIVE_BACKOFF.jitter));
    h.timers[1]?.fn();
    h.sources[2]?.fire('open');
    h.sources[2]?.fire('gap');
    expect(h.statuses.at(-1)).toBe('open');
    expect(h.events).toEqual([41]);
    expect(h.gaps()).toBe(1);
    h.stop();
    expect(h.sources[2]?.closed).toBe(true);
  });

  it('stops cleanly while waiting to reconnect', () => {
    const h = createHarness();
    h.sources[0]?.fire('error');
    h.stop();
    expect(h.timers[0]?.cleared).toBe(true);
    expect(h.sources).toHaveLength(1);
  });
});
