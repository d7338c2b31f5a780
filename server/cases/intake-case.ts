import type { AuditContext } from '../auth/audit-context';
import { caseCodePrefix } from '../domain/case-code';
import { dueAt, type Priority } from '../domain/sla';
import { ProblemError } from '../problem';
import { recordAudit } from '../queries/audit';
import { insertCase, locateGrid } from '../queries/case-intake';
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
 * Registers a case in the level-3 grid that contains it, with its audit row in the same transaction.
 * A repeated `externalId` returns the case already registered (also when two deliveries of it race),
 * never a duplicate, and writes nothing.
 */
export async function intakeCase(
  deps: CaseDeps,
  input: IntakeInput,
  who: AuditContext,
): Promise<IntakeResult> {
  const now = nowOf(deps);
  const before = await existing(deps, input.externalId, now);
  if (before) return { created: false, case: before };
  const grid = await locateGrid(deps.db, input.lon, input.lat);
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
    codePrefix: caseCodePrefix(now),
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
  const outcome = await deps.db.transaction(async (tx) => {
    const inserted = await insertCase(tx, newCase, grid);
    if (!inserted) return null;
    const created = await getCase(tx, inserted.caseId, now);
    if (!created) throw new Error(`case ${inserted.caseId} vanished after insert`);
    await recordAudit(tx, {
      ...who,
      action: 'case.intake',
      entityType: 'case',
      entityId: created.id,
      before: null,
      after: caseForAudit(created),
    });
    return { event: inserted.event, created };
  });
  if (!outcome) return raceLoser(deps, input.externalId, now);
  deps.events.publish(toLiveEvent(outcome.event, outcome.created));
  return { created: true, case: outcome.created };
}

/** Another request inserted the same `externalId` between our check and our insert. */
async function raceLoser(deps: CaseDeps, externalId: string | undefined, now: Date): Promise<IntakeResult> {
  const winner = await existing(deps, externalId, now);
  if (!winner) throw new Error('insert skipped without a conflicting case');
  return { created: false, case: winner };
}
