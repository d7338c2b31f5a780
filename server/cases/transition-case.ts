import type { AuditContext } from '../auth/audit-context';
import { allowedActions, type CaseAction, type CaseStatus, nextStatus } from '../domain/case-workflow';
import { ProblemError } from '../problem';
import { recordAudit } from '../queries/audit';
import { applyTransition } from '../queries/case-transitions';
import {
  type CaseEventRecord,
  departmentExists,
  getCase,
  listDepartmentCodes,
  toLiveEvent,
} from '../queries/cases';
import { caseForAudit } from './case-audit';
import { type CaseDeps, nowOf } from './case-deps';
import type { CaseDetail } from './intake-case';

export type TransitionInput = {
  action: CaseAction;
  note?: string | undefined;
  department?: string | undefined;
  satisfaction?: number | undefined;
  reason?: string | undefined;
};

function refusal(id: number, action: CaseAction, status: CaseStatus, overdue: boolean): ProblemError {
  const allowed = allowedActions(status, overdue);
  const why = action === 'escalate' && nextStatus(status, action) ? ' (escalate needs the case overdue)' : '';
  return new ProblemError(
    409,
    'transition-not-allowed',
    `Case ${id} is '${status}': '${action}' is not allowed now${why}. ` +
      `Allowed: ${allowed.length ? allowed.join(', ') : 'none (the case is closed)'}. Reload the case and retry.`,
    // `status` is the problem document's HTTP status (RFC 9457), so the case's status is `caseStatus`.
    { caseStatus: status, allowedActions: allowed },
  );
}

async function loadCase(deps: CaseDeps, id: number, now: Date): Promise<CaseDetail> {
  const found = await getCase(deps.db, id, now);
  if (!found) throw new ProblemError(404, 'case-not-found', `No case with id ${id}. Check the id.`);
  return found;
}

async function checkDepartment(deps: CaseDeps, code: string | undefined): Promise<void> {
  if (code === undefined || (await departmentExists(deps.db, code))) return;
  const known = await listDepartmentCodes(deps.db);
  throw new ProblemError(422, 'unknown-department', `No department '${code}'. Known: ${known.join(', ')}.`, {
    departments: known,
  });
}

/**
 * Moves a case one step through the workflow. The move is checked against the pure state machine, then
 * applied as a compare-and-set, so a concurrent move in between turns this one into a 409. The move,
 * its event and its audit row commit together; a refused move writes nothing.
 */
export async function transitionCase(
  deps: CaseDeps,
  id: number,
  input: TransitionInput,
  who: AuditContext,
): Promise<{ case: CaseDetail; event: CaseEventRecord }> {
  const now = nowOf(deps);
  const result = await deps.db.transaction(async (db) => {
    const tx = { ...deps, db };
    const current = await loadCase(tx, id, now);
    const to = nextStatus(current.status, input.action);
    if (!to || (input.action === 'escalate' && !current.overdue)) {
      throw refusal(id, input.action, current.status, current.overdue);
    }
    await checkDepartment(tx, input.department);
    const event = await applyTransition(db, {
      caseId: id,
      action: input.action,
      expectedStatus: current.status,
      expectedEscalations: current.escalationCount,
      toStatus: to,
      now,
      actor: who.actor.username,
      note: input.note ?? null,
      department: input.department ?? null,
      satisfaction: input.satisfaction ?? null,
      reason: input.reason ?? null,
    });
    if (!event) {
      const latest = await loadCase(tx, id, now);
      throw refusal(id, input.action, latest.status, latest.overdue);
    }
    const updated = await loadCase(tx, id, now);
    await recordAudit(db, {
      ...who,
      action: `case.${input.action}`,
      entityType: 'case',
      entityId: id,
      before: caseForAudit(current),
      after: caseForAudit(updated),
    });
    return { case: updated, event };
  });
  deps.events.publish(toLiveEvent(result.event, result.case));
  return result;
}
