import { createApp } from '../../server/app';
import type { SlaOverrides } from '../../server/domain/sla';
import { type CaseEventBus, createCaseEventBus } from '../../server/live/case-event-bus';
import { withTestSessions } from '../support/test-app';
import type { TestDb } from '../support/test-db';

/** A settable clock: tests move time forward (or back) explicitly. */
export function createClock(start: Date) {
  let now = start;
  return {
    now: () => now,
    set(d: Date) {
      now = d;
    },
    advanceHours(h: number) {
      now = new Date(now.getTime() + h * 3_600_000);
    },
  };
}

export type CaseTestApp = { app: ReturnType<typeof createApp>; events: CaseEventBus };

export function createCaseTestApp(
  t: TestDb,
  options: {
    now?: () => Date;
    open311Keys?: string[];
    liveHeartbeatMs?: number;
    slaOverrides?: SlaOverrides;
  } = {},
): CaseTestApp {
  const events = createCaseEventBus();
  const app = withTestSessions(
    t,
    createApp(
      {
        db: t.db,
        capabilities: t.capabilities,
        district: { code: '360302', name: '安源区' },
        events,
        ...options,
      },
      { onUnexpected: (err) => console.error('unexpected error in test app', err) },
    ),
  );
  return { app, events };
}

export function postJson(
  app: CaseTestApp['app'],
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Points inside each level-3 rectangle of `createTilingFixture()`. */
export const FIXTURE_POINTS = {
  'C1-1': { lon: 113.82, lat: 27.62 },
  'C1-2': { lon: 113.83, lat: 27.68 },
  'C2-1': { lon: 113.87, lat: 27.61 },
  'C2-2': { lon: 113.88, lat: 27.69 },
} as const;
