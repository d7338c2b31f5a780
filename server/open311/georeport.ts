import { CATEGORY_NAMES, type CaseCategory, DEPARTMENTS } from '../domain/case-vocabulary';
import { CASE_STATUSES, type CaseStatus, isOpen } from '../domain/case-workflow';
import type { CaseRecord } from '../queries/cases';

/**
 * Pure mapping between GridSight cases and Open311 GeoReport v2 documents
 * (https://wiki.open311.org/GeoReport_v2). Field names are the spec's, snake_case, unchanged.
 */
export type Open311Service = {
  service_code: string;
  service_name: string;
  description: string;
  metadata: false;
  type: 'realtime';
  keywords: string;
  group: string;
};

export type Open311Request = {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string;
  address: string | null;
  address_id: null;
  zipcode: null;
  lat: number;
  long: number;
  media_url: string | null;
};

export type Open311Error = { code: number; description: string };

/** A category from the database (`case_category`), the source of the service list. */
export type CategoryRow = { code: string; nameZh: string; nameEn: string; departmentCode: string | null };

export function toService(cat: CategoryRow): Open311Service {
  return {
    service_code: cat.code,
    service_name: cat.nameZh,
    description: `${cat.nameZh} / ${cat.nameEn}`,
    metadata: false,
    type: 'realtime',
    keywords: [cat.code, cat.nameEn].join(','),
    group: cat.nameEn,
  };
}

function serviceName(category: string): string {
  return CATEGORY_NAMES[category as CaseCategory]?.zh ?? category;
}

function statusNotes(c: CaseRecord, lastNote: string | null): string | null {
  if (c.status === 'rejected') return c.rejectReason;
  return lastNote;
}

/** A case as an Open311 service request; `expected_datetime` is the SLA due time. */
export function toOpen311Request(c: CaseRecord, lastNote: string | null = null): Open311Request {
  return {
    service_request_id: String(c.id),
    status: isOpen(c.status) ? 'open' : 'closed',
    status_notes: statusNotes(c, lastNote),
    service_name: serviceName(c.category),
    service_code: c.category,
    description: c.description ?? c.title,
    agency_responsible: c.departmentCode ? (DEPARTMENTS[c.departmentCode]?.zh ?? c.departmentCode) : null,
    service_notice: `${c.code} · ${c.status}`,
    requested_datetime: c.reportedAt,
    updated_datetime: c.updatedAt,
    expected_datetime: c.dueAt,
    address: c.address,
    address_id: null,
    zipcode: null,
    lat: c.lat,
    long: c.lon,
    media_url: c.mediaUrl,
  };
}

/** Open311 `status` → the GridSight statuses it covers. */
export const OPEN311_STATUS: Readonly<Record<'open' | 'closed', CaseStatus[]>> = {
  open: CASE_STATUSES.filter((s) => isOpen(s)),
  closed: CASE_STATUSES.filter((s) => !isOpen(s)),
};
