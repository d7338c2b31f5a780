/**
 * The case workflow (统一受理、统一交办、统一督办、统一回访、统一归档) as a pure state machine.
 *
 *   reported → accepted → dispatched → resolved → visited → archived
 *   accepted → resolved            (马上办: solved on the spot)
 *   resolved | visited → reopened → dispatched   (not satisfied)
 *   reported → rejected            (duplicate / out of scope, with a reason)
 *   escalate (督办) keeps the status: it marks an overdue open case.
 */
export const CASE_STATUSES = [
  'reported',
  'accepted',
  'dispatched',
  'resolved',
  'visited',
  'archived',
  'reopened',
  'rejected',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_ACTIONS = [
  'accept',
  'dispatch',
  'resolve',
  'visit',
  'archive',
  'reopen',
  'reject',
  'escalate',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Statuses in which the case still needs work; the SLA clock only matters for these. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['reported', 'accepted', 'dispatched', 'reopened'];
export const TERMINAL_STATUSES: readonly CaseStatus[] = ['archived', 'rejected'];

const MOVES: Record<CaseStatus, Partial<Record<CaseAction, CaseStatus>>> = {
  reported: { accept: 'accepted', reject: 'rejected', escalate: 'reported' },
  accepted: { dispatch: 'dispatched', resolve: 'resolved', escalate: 'accepted' },
  dispatched: { resolve: 'resolved', escalate: 'dispatched' },
  resolved: { visit: 'visited', reopen: 'reopened', archive: 'archived' },
  visited: { archive: 'archived', reopen: 'reopened' },
  reopened: { dispatch: 'dispatched', escalate: 'reopened' },
  archived: {},
  rejected: {},
};

export function isOpen(status: CaseStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** The actions allowed from a status, in workflow order. `escalate` additionally needs the case overdue. */
export function allowedActions(status: CaseStatus, overdue = true): CaseAction[] {
  return CASE_ACTIONS.filter((a) => MOVES[status][a] !== undefined && (a !== 'escalate' || overdue));
}

/** The status after `action`, or `null` when the move is not allowed. */
export function nextStatus(status: CaseStatus, action: CaseAction): CaseStatus | null {
  return MOVES[status][action] ?? null;
}

/** Replays the actions of a case's log from `reported`; `null` if any step is not allowed. */
export function replay(actions: readonly CaseAction[]): CaseStatus | null {
  let status: CaseStatus = 'reported';
  for (const a of actions) {
    const next = nextStatus(status, a);
    if (next === null) return null;
    status = next;
  }
  return status;
}
