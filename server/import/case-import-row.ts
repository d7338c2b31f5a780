import { createHash } from 'node:crypto';
import { z } from 'zod';
import { caseCodePrefix } from '../domain/case-code';
import { CASE_CATEGORIES, CASE_SOURCES } from '../domain/case-vocabulary';
import { dueAt, PRIORITIES, type SlaOverrides } from '../domain/sla';
import type { ImportCaseRow } from '../queries/case-import';

/** One imported case: the intake fields plus the historic report time, as text (CSV) or JSON (GeoJSON). */
const text = (max: number) => z.coerce.string().trim().min(1).max(max).optional();

const ImportRecord = z.strictObject({
  externalId: text(100),
  lon: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
  category: z.enum(CASE_CATEGORIES),
  source: z.enum(CASE_SOURCES),
  priority: z.enum(PRIORITIES).optional(),
  title: text(200),
  description: text(5000),
  address: text(300),
  reporterName: text(100),
  reporterPhone: z
    .string()
    .regex(/^[0-9+-]{5,20}$/, 'digits, + or -, 5-20 characters')
    .optional(),
  reportedAt: z.iso.datetime({ offset: true }).optional(),
});

export type RowCheck = { ok: true; row: ImportCaseRow } | { ok: false; reason: string };

/**
 * Without an `externalId` the row is keyed by a hash of its raw content, so importing the same file
 * twice still adds nothing.
 */
function contentKey(record: Record<string, unknown>): string {
  const canonical = JSON.stringify(
    Object.keys(record)
      .sort()
      .map((k) => [k, String(record[k])]),
  );
  return `sha1:${createHash('sha1').update(canonical).digest('hex')}`;
}

export function checkImportRecord(
  rowNo: number,
  record: Record<string, unknown>,
  now: Date,
  overrides: SlaOverrides = {},
): RowCheck {
  if (record.__extraColumns)
    return { ok: false, reason: `${record.__extraColumns} value(s) more than the header` };
  if (record.__geometry) return { ok: false, reason: `geometry is ${record.__geometry}, expected Point` };
  const parsed = ImportRecord.safeParse(record);
  if (!parsed.success) {
    return {
      ok: false,
      reason: parsed.error.issues.map((i) => `${i.path.join('.') || 'row'}: ${i.message}`).join('; '),
    };
  }
  const r = parsed.data;
  const reportedAt = r.reportedAt ? new Date(r.reportedAt) : now;
  const priority = r.priority ?? 'normal';
  return {
    ok: true,
    row: {
      row_no: rowNo,
      code_prefix: caseCodePrefix(reportedAt),
      external_id: r.externalId ?? contentKey(record),
      source: r.source,
      category: r.category,
      priority,
      title: r.title ?? null,
      description: r.description ?? null,
      address: r.address ?? null,
      reporter_name: r.reporterName ?? null,
      reporter_phone: r.reporterPhone ?? null,
      lon: r.lon,
      lat: r.lat,
      reported_at: reportedAt.toISOString(),
      due_at: dueAt(reportedAt, priority, r.category, overrides).toISOString(),
    },
  };
}
