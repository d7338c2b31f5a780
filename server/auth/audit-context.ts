import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AuditActor, AuditRequest } from '../queries/audit';
import { actorOf } from '../routes/actor';
import type { Principal } from './principal';

/** Who made a write and from which request: what `recordAudit` needs besides the before/after. */
export type AuditContext = { actor: AuditActor; request: AuditRequest };

/**
 * The audit context of a request: the logged-in principal; when there is none (API-key callers), the
 * `fallbackName` or else the legacy `X-Actor` name.
 */
export function auditContextOf(c: Context, fallbackName?: string): AuditContext {
  const principal = c.get('principal' as never) as Principal | undefined;
  const actor: AuditActor = principal
    ? { userId: principal.userId, username: principal.username, role: principal.role }
    : { userId: null, username: fallbackName ?? actorOf(c), role: null };
  return { actor, request: { requestId: requestIdOf(c), ip: ipOf(c) } };
}

/** A context for writes made outside HTTP (CLI commands, demo data, start-up). */
export function systemAuditContext(username: string): AuditContext {
  return { actor: { userId: null, username, role: null }, request: { requestId: null, ip: null } };
}

function requestIdOf(c: Context): string | null {
  const id = (c.get('requestId' as never) as string | undefined) ?? c.req.header('X-Request-Id');
  return id ? id.slice(0, 200) : null;
}

/** The socket's address when served by @hono/node-server; `app.request()` in tests has none. */
function ipOf(c: Context): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}
