import type { AuditContext } from '../auth/audit-context';
import { caseCode, caseCodePrefix } from '../domain/case-code';
import { dueAt, type Priority } from '../domain/sla';
import { ProblemError } from '../problem';
import {
  type GridAssignment,
  insertCaseWithAudit,
  type NewCase,
  prepareIntake,
} from '../queries/case-intake';
import {
  type CaseRecord,
  findCaseIdByExternalId,
  getCase,
  type Reporter,
  toLiveEvent,
} from '../queries/cases';
import { caseForAudit } from './case-audit';
import { type CaseDeps, nowOf } from './case-deps';

export type IntakeInput = {
  lon: number;
  lat: number;
  category: string;
  source: string;
  priority?: Priority | undefined;
  title?: string | undefined;
  description?: string | undefined;
  address?: string | undefined;
  reporter?: { name?: string | undefined; phone?: string | undefined } | undefined;
  externalId?: string | undefined;
  mediaUrl?: string | undefined;
};

export type CaseDetail = CaseRecord & { reporter: Reporter };

export type IntakeResult = { created: boolean; case: CaseDetail };

async function existing(
  deps: CaseDeps,
  externalId: string | undefined,
  now: Date,
): Promise<CaseDetail | null> {
  if (!externalId) return null;
  const id = await findCaseIdByExternalId(deps.db, externalId);
  return id === null ? null : getCase(deps.db, id, now);
}

/**
 * The case as intake stores it and getCase reads it back (tested against each other): intake writes
 * it and its audit row in one statement, so the audit row cannot wait for a read-back.
 */
export function newCaseDetail(c: NewCase & { id: number; code: string }, grid: GridAssignment): CaseDetail {
  const reportedAt = c.reportedAt.toISOString();
  return {
    id: c.id,
    code: c.code,
    externalId: c.externalId,
    source: c.source,
    category: c.category,
    priority: c.priority,
    status: 'reported',
    title: c.title,
    description: c.description,
    address: c.address,
    lon: c.lon,
    lat: c.lat,
    gridCode: grid.gridCode,
    gridL2Code: grid.gridL2Code,
    gridL1Code: grid.gridL1Code,
    reportedGridCode: grid.gridCode,
    reportedVersionId: grid.versionId,
    departmentCode: null,
    satisfaction: null,
    rejectReason: null,
    mediaUrl: c.mediaUrl,
    reportedAt,
    dueAt: c.dueAt.toISOString(),
    acceptedAt: null,
    dispatchedAt: null,
    resolvedAt: null,
    visitedAt: null,
    archivedAt: null,
    rejectedAt: null,
    escalatedAt: null,
    escalationCount: 0,
    reopenCount: 0,
    updatedAt: reportedAt,
    // due is always after the report time, which is now
    overdue: false,
    reporter: { name: c.reporterName, phone: c.reporterPhone },
  };
}

/**
 * Registers a case in the level-3 grid that contains it, with its `report` event and audit row in
 * one statement: two round trips in all (grid + id, then the write). A repeated `externalId`
 * returns the case already registered (also when two deliveries of it race), never a duplicate,
 * and writes nothing.
 */
export async function intakeCase(
  deps: CaseDeps,
  input: IntakeInput,
  who: AuditContext,
  /** Called with the located grid before anything else, e.g. the caller's scope check (throws to refuse). */
  checkGrid?: (grid: GridAssignment | null) => void,
): Promise<IntakeResult> {
  const now = nowOf(deps);
  const slot = await prepareIntake(deps.db, input.lon, input.lat, input.externalId ?? null);
  checkGrid?.(slot.grid);
  if (slot.existingId !== null) {
    const before = await getCase(deps.db, slot.existingId, now);
    if (before) return { created: false, case: before };
  }
  const grid = slot.grid;
  if (!grid) {
    throw new ProblemError(
      422,
      'outside-grids',
      `The point (${input.lon}, ${input.lat}) lies outside every grid of the published boundary version. ` +
        'Check the coordinates (WGS84 longitude, latitude; not GCJ-02) or report it to the district.',
      { lon: input.lon, lat: input.lat },
    );
  }
  const priority = input.priority ?? 'normal';
  const newCase = {
    id: slot.caseId,
    code: caseCode(caseCodePrefix(now), slot.caseId),
    externalId: input.externalId ?? null,
    source: input.source,
    category: input.category,
    priority,
    title: input.title ?? null,
    description: input.description ?? null,
    address: input.address ?? null,
    reporterName: input.reporter?.name ?? null,
    reporterPhone: input.reporter?.phone ?? null,
    mediaUrl: input.mediaUrl ?? null,
    lon: input.lon,
    lat: input.lat,
    reportedAt: now,
    dueAt: dueAt(now, priority, input.category, deps.slaOverrides),
    actor: who.actor.username,
  };
  const created = newCaseDetail(newCase, grid);
  const event = await insertCaseWithAudit(deps.db, newCase, grid, {
    ...who,
    action: 'case.intake',
    entityType: 'case',
    entityId: created.id,
    before: null,
    after: caseForAudit(created),
  });
  if (!event) return raceLoser(deps, input.externalId, now);
  deps.events.publish(toLiveEvent(event, created));
  return { created: true, case: created };
}

/** Another request inserted the same `externalId` between our check and our insert. */
async function raceLoser(deps: CaseDeps, externalId: string | undefined, now: Date): Promise<IntakeResult> {
  const winner = await existing(deps, externalId, now);
  if (!winner) throw new Error('insert skipped without a conflicting case');
  return { created: false, case: winner };
}
