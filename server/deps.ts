import type { Capabilities } from './db/capabilities';
import type { Db } from './db/db';
import type { SlaOverrides } from './domain/sla';
import type { CaseEventBus } from './live/case-event-bus';

/** What the Hono app is built from. Tests build their own; `main.ts` builds the real one. */
export type AppDeps = {
  db: Db;
  capabilities: Capabilities;
  district: { code: string; name: string };
  basemapUrl?: string | undefined;
  /** Clock, injectable so tests can pin "now". */
  now?: () => Date;
  /** Live case events; `createApp` makes an in-process bus when none is given. */
  events?: CaseEventBus;
  /** Per-category SLA hours (GRIDSIGHT_SLA_OVERRIDES). */
  slaOverrides?: SlaOverrides;
  /** API keys accepted by Open311 POST requests (GRIDSIGHT_OPEN311_KEYS). */
  open311Keys?: readonly string[];
  /** Most vertices of a submitted grid geometry (GRIDSIGHT_MAX_VERTICES); 5,000 by default. */
  maxVertices?: number;
  /** Interval of the SSE heartbeat comment; 15 s unless a test shortens it. */
  liveHeartbeatMs?: number;
  /** Idle time after which a login session ends (GRIDSIGHT_SESSION_HOURS); 12 h by default. */
  sessionTtlMs?: number;
  /** Mark the session cookie `Secure` even when this server sees plain HTTP (GRIDSIGHT_SECURE_COOKIES). */
  secureCookies?: boolean;
};
