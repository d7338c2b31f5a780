import { z } from 'zod';
import { PHONE } from '../routes/case-schemas';

/**
 * Open311 parameters. Not strict: real 311 clients send spec fields GridSight does not use
 * (`jurisdiction_id`, `device_id`, `attribute[...]`, `email`), and must not be refused for that.
 */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || undefined);

export const PostRequestForm = z.object({
  api_key: z.string().min(1, 'api_key is required'),
  service_code: z.string().regex(/^[a-z_]{1,40}$/, 'service_code is required'),
  lat: z.coerce.number().min(-90).max(90),
  long: z.coerce.number().min(-180).max(180),
  description: optionalText(4000),
  address_string: optionalText(300),
  first_name: optionalText(50),
  last_name: optionalText(50),
  phone: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .pipe(PHONE.optional()),
  media_url: z.url().max(1000).optional(),
});

const ISO_INSTANT = z.iso.datetime({ offset: true }).transform((v) => new Date(v));
const csv = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()))
    .pipe(z.array(item).min(1));

export const GetRequestsQuery = z.object({
  service_request_id: csv(z.string().regex(/^[1-9][0-9]{0,14}$/, 'not a service_request_id'))
    .transform((ids) => ids.map(Number))
    .optional(),
  service_code: csv(z.string().regex(/^[a-z_]{1,40}$/)).optional(),
  start_date: ISO_INSTANT.optional(),
  end_date: ISO_INSTANT.optional(),
  status: csv(z.enum(['open', 'closed'])).optional(),
  jurisdiction_id: z.string().optional(),
});

/** The spec's default and maximum window for `requests.json` without ids. */
export const MAX_WINDOW_DAYS = 90;
export const MAX_REQUESTS = 1000;

export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
}
