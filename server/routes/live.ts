import { Hono } from 'hono';
import { type SSEStreamingApi, streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { inScope, type Scope, scopeOf } from '../auth/scope';
import { type CaseDeps, nowOf } from '../cases/case-deps';
import type { LiveCaseEvent } from '../live/case-event-bus';
import { listLiveEvents } from '../queries/cases';
import { validate } from '../validation';

/** How many missed events a reconnecting client gets; beyond that it is told to reload (`gap`). */
export const RESUME_LIMIT = 500;
const HEARTBEAT_MS = 15_000;

const LiveQuery = z.strictObject({
  lastEventId: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional(),
});
const EVENT_ID = /^\d{1,15}$/;

/** Writes go through one promise chain so events, backlog and heartbeats never interleave. */
function serialWriter(stream: SSEStreamingApi) {
  let chain: Promise<unknown> = Promise.resolve();
  let lastSentId = -1;
  return {
    event(e: LiveCaseEvent) {
      if (e.id <= lastSentId) return; // already sent in the backlog
      lastSentId = e.id;
      chain = chain.then(() => stream.writeSSE({ event: 'case', id: String(e.id), data: JSON.stringify(e) }));
    },
    raw(text: string) {
      chain = chain.then(() => stream.write(text));
    },
    skipUpTo(id: number) {
      lastSentId = Math.max(lastSentId, id);
    },
  };
}

async function sendBacklog(
  deps: CaseDeps,
  out: ReturnType<typeof serialWriter>,
  afterId: number,
  scope: Scope | null,
): Promise<void> {
  out.skipUpTo(afterId);
  const backlog = await listLiveEvents(
    deps.db,
    { afterId, limit: RESUME_LIMIT, take: 'newest', ...(scope ? { scopeCode: scope.code } : {}) },
    nowOf(deps),
  );
  if (backlog.length === RESUME_LIMIT) out.raw(`event: gap\ndata: {"afterId":${afterId}}\n\n`);
  for (const e of backlog) out.event(e);
}

/**
 * `GET /api/live`: server-sent events of committed case events. Subscribes before reading the backlog,
 * so nothing committed in between is lost; unsubscribes when the client goes away.
 */
export function liveRoutes(deps: CaseDeps) {
  return new Hono().get('/', validate('query', LiveQuery), async (c) => {
    // A scoped principal (#7) gets only its cases' events, resolved once per connection.
    const scope = await scopeOf(c, deps.db);
    const header = c.req.header('Last-Event-ID')?.trim();
    const resumeFrom = header && EVENT_ID.test(header) ? header : c.req.valid('query').lastEventId;
    return streamSSE(c, async (stream) => {
      const closed = new Promise<void>((resolve) => stream.onAbort(resolve));
      const out = serialWriter(stream);
      const pending: LiveCaseEvent[] = [];
      let live = false;
      const unsubscribe = deps.events.subscribe((e) => {
        if (!inScope(scope, e.case.gridCode)) return;
        if (live) out.event(e);
        else pending.push(e);
      });
      const heartbeat = setInterval(() => out.raw(': heartbeat\n\n'), deps.liveHeartbeatMs ?? HEARTBEAT_MS);
      try {
        out.raw('retry: 3000\n: connected\n\n');
        if (resumeFrom !== undefined) await sendBacklog(deps, out, Number(resumeFrom), scope);
        live = true;
        for (const e of pending.sort((a, b) => a.id - b.id)) out.event(e);
        if (!stream.aborted) await closed;
      } finally {
        clearInterval(heartbeat);
        unsubscribe();
      }
    });
  });
}
