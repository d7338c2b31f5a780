import type { CaseAction } from '../domain/case-workflow';
import { ProblemError } from '../problem';
import type { Principal, Role } from './principal';

/**
 * Which role may take which case action (统一受理、交办、督办 at the dispatch desk; 办结、回访 by the
 * grid worker on site, as issue #7 lists them). Reopen (not satisfied at the visit) may come from either; archive closes the
 * file at the desk. Where a worker may act (own grids) is the scope check's part.
 */
export const CASE_ACTION_ROLES: Readonly<Record<CaseAction, readonly Role[]>> = {
  accept: ['dispatcher'],
  dispatch: ['dispatcher'],
  escalate: ['dispatcher'],
  reject: ['dispatcher'],
  archive: ['dispatcher'],
  resolve: ['worker'],
  visit: ['worker'],
  reopen: ['worker', 'dispatcher'],
};

/** Throws 403 when the principal's role may not take `action`. */
export function assertCaseAction(principal: Principal, action: CaseAction): void {
  const allowed = CASE_ACTION_ROLES[action];
  if (!allowed.includes(principal.role)) {
    throw new ProblemError(
      403,
      'action-not-allowed',
      `The ${principal.role} role may not "${action}" a case; ask a ${allowed.join(' or ')}.`,
      { action, allowed },
    );
  }
}
