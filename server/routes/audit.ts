import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { listAudit } from '../queries/audit';
import { validate } from '../validation';

/** `GET /api/audit`: the append-only audit log, newest first (admins only, by the access rule table). */
const instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()]).transform((v) => new Date(v));

const AuditQuery = z.strictObject({
  actor: z.string().min(1).max(200).optional(),
  entityType: z
    .string()
    .regex(/^[a-z0-9_]{1,40}$/, 'an entity type such as case, grid, boundary_version')
    .optional(),
  entityId: z.string().min(1).max(200).optional(),
  action: z
    .string()
    .regex(/^[a-z0-9_.-]{1,80}$/, 'an action such as case.intake')
    .optional(),
  from: instant.optional(),
  to: instant.optional(),
  /** `nextCursor` of the previous page. */
  cursor: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, 'not a cursor from a previous page; start without one')
    .transform(Number)
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function auditRoutes(deps: AppDeps) {
  return new Hono().get('/', validate('query', AuditQuery), async (c) => {
    const { cursor, ...filter } = c.req.valid('query');
    const page = await listAudit(deps.db, { ...filter, beforeId: cursor });
    return c.json({ items: page.items, nextCursor: page.next === null ? null : String(page.next) });
  });
}
