import { useEffect, useRef, useState } from 'react';
import type { LiveCaseEvent } from '../../server/live/case-event-bus';
import { useApiClient } from './api-context';

export type { LiveCaseEvent };

/** `connecting` before the first open, `open` while events flow, `down` while waiting to reconnect. */
export type LiveStatus = 'connecting' | 'open' | 'down';

/** Reconnect delays: doubling from the first, capped, with up to JITTER of random spread (no thundering herd after a restart). */
export const LIVE_BACKOFF = { firstMs: 1_000, maxMs: 30_000, jitter: 0.2 } as const;

/** Delay before reconnect attempt `attempt` (0-based); `random` in [0, 1). */
export function reconnectDelayMs(attempt: number, random: number = Math.random()): number {
  const base = Math.min(LIVE_BACKOFF.maxMs, LIVE_BACKOFF.firstMs * 2 ** Math.max(0, attempt));
  return Math.round(base * (1 - LIVE_BACKOFF.jitter * random));
}

/** Narrows one SSE `case` message (JSON text) to a LiveCaseEvent; null for anything malformed. */
export function parseLiveEvent(data: string): LiveCaseEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const e = value as Partial<LiveCaseEvent>;
  const c = e.case;
  const valid =
    typeof e.id === 'number' &&
    typeof e.at === 'string' &&
    typeof e.action === 'string' &&
    typeof c === 'object' &&
    c !== null &&
    typeof c.code === 'string' &&
    Number.isFinite(c.lon) &&
    Number.isFinite(c.lat);
  return valid ? (value as LiveCaseEvent) : null;
}

export type LiveStreamHandlers = {
  onEvent: (event: LiveCaseEvent) => void;
  onStatus: (status: LiveStatus) => void;
  /** The server could not replay everything missed while down: figures must be refetched. */
  onGap: () => void;
};

export type LiveStreamDeps = {
  /** URL of the stream, resuming after `lastEventId` when given. */
  url: (lastEventId: string | null) => string;
  createEventSource?: (url: string) => EventSource;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
};

/**
 * One resumable connection to `/api/live`. The browser's own EventSource retry gives up for good on
 * some failures (an HTTP error while the server restarts), so every error closes the source and this
 * reconnects itself with backoff, resuming from the last event id it saw. Returns `stop`.
 */
export function startLiveStream(deps: LiveStreamDeps, handlers: LiveStreamHandlers): () => void {
  const create = deps.createEventSource ?? ((url: string) => new EventSource(url));
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let source: EventSource | null = null;
  let timer: unknown = null;
  let attempt = 0;
  let lastEventId: string | null = null;
  let stopped = false;

  const onOpen = () => {
    attempt = 0;
    handlers.onStatus('open');
  };
  const onCase = (message: MessageEvent<string>) => {
    if (message.lastEventId) lastEventId = message.lastEventId;
    const event = parseLiveEvent(message.data);
    if (event) handlers.onEvent(event);
  };
  const onGap = () => handlers.onGap();
  const onError = () => {
    close();
    handlers.onStatus('down');
    if (stopped) return;
    timer = setTimer(connect, reconnectDelayMs(attempt));
    attempt += 1;
  };

  function close() {
    if (!source) return;
    source.removeEventListener('open', onOpen);
    source.removeEventListener('case', onCase as EventListener);
    source.removeEventListener('gap', onGap);
    source.removeEventListener('error', onError);
    source.close();
    source = null;
  }

  function connect() {
    timer = null;
    if (stopped) return;
    source = create(deps.url(lastEventId));
    source.addEventListener('open', onOpen);
    source.addEventListener('case', onCase as EventListener);
    source.addEventListener('gap', onGap);
    source.addEventListener('error', onError);
  }

  handlers.onStatus('connecting');
  connect();
  return () => {
    stopped = true;
    if (timer !== null) clearTimer(timer);
    close();
  };
}

/**
 * Subscribes to `/api/live` for the component's life. `onEvent` and `onGap` may change between
 * renders without reconnecting. Returns the connection status.
 */
export function useLiveCases(onEvent: (event: LiveCaseEvent) => void, onGap: () => void): LiveStatus {
  const client = useApiClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const handlers = useRef({ onEvent, onGap });
  handlers.current = { onEvent, onGap };

  useEffect(
    () =>
      startLiveStream(
        {
          url: (lastEventId) => client.live.$url({ query: lastEventId ? { lastEventId } : {} }).toString(),
        },
        {
          onEvent: (e) => handlers.current.onEvent(e),
          onGap: () => handlers.current.onGap(),
          onStatus: setStatus,
        },
      ),
    [client],
  );
  return status;
}
