import { z } from 'zod';
import { CASE_CATEGORIES, CASE_SOURCES } from '../domain/case-vocabulary';
import { CASE_STATUSES } from '../domain/case-workflow';
import { PRIORITIES } from '../domain/sla';
import { bboxParam, csvOf } from '../query-params';

/** Request shapes of `/api/cases`, strict: unknown keys are a 400, not silently dropped. */
const text = (max: number) => z.string().trim().min(1).max(max);

export const PHONE = z.string().regex(/^[0-9+-]{5,20}$/, 'digits, + or -, 5-20 characters');

export const IntakeBody = z.strictObject({
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  category: z.enum(CASE_CATEGORIES),
  source: z.enum(CASE_SOURCES),
  priority: z.enum(PRIORITIES).optional(),
  title: text(200).optional(),
  description: text(5000).optional(),
  address: text(300).optional(),
  reporter: z.strictObject({ name: text(100).optional(), phone: PHONE.optional() }).optional(),
  externalId: text(100).optional(),
});

const note = text(2000).optional();

export const TransitionBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('dispatch'), department: z.string().regex(/^[a-z0-9_]{1,40}$/), note }),
  z.strictObject({ action: z.literal('visit'), satisfaction: z.number().int().min(1).max(5), note }),
  z.strictObject({ action: z.literal('reject'), reason: text(2000), note }),
  z.strictObject({ action: z.enum(['accept', 'resolve', 'archive', 'reopen', 'escalate']), note }),
]);

export const IdParam = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/, 'not a case id')
    .transform(Number),
});

const bbox = bboxParam(90);

const cursor = z
  .string()
  .max(100)
  .transform((v, ctx) => {
    try {
      const [reportedUs, id] = JSON.parse(Buffer.from(v, 'base64url').toString('utf8')) as unknown[];
      if (Number.isSafeInteger(reportedUs) && Number.isSafeInteger(id))
        return { reportedUs, id } as { reportedUs: number; id: number };
    } catch {
      // fall through to the issue below
    }
    ctx.addIssue({ code: 'custom', message: 'not a cursor from a previous page; start without one' });
    return z.NEVER;
  });

export function encodeCursor(c: { reportedUs: number; id: number }): string {
  return Buffer.from(JSON.stringify([c.reportedUs, c.id])).toString('base64url');
}

const instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()]).transform((v) => new Date(v));

export const ListQuery = z.strictObject({
  grid: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, 'not a grid code')
    .optional(),
  status: csvOf(CASE_STATUSES).optional(),
  category: csvOf(CASE_CATEGORIES).optional(),
  source: csvOf(CASE_SOURCES).optional(),
  priority: csvOf(PRIORITIES).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  from: instant.optional(),
  to: instant.optional(),
  bbox: bbox.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: cursor.optional(),
});
