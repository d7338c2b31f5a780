import { allowedActions, type CaseAction, type CaseStatus, isOpen, nextStatus } from './case-workflow';

/**
 * The rules every persisted transition obeys, as a pure updater: the SQL in
 * `server/queries/case-transitions.ts` implements the same rules in one compare-and-set statement,
 * and the property tests drive this module with random action sequences.
 */
export type CaseLogEvent = {
  seq: number;
  action: CaseAction | 'report';
  from: CaseStatus | null;
  to: CaseStatus;
  at: Date;
};

export type CaseLog = { status: CaseStatus; dueAt: Date; events: CaseLogEvent[] };

export type Refusal = { refused: true; status: CaseStatus; allowedActions: CaseAction[] };

export function startLog(reportedAt: Date, dueAt: Date): CaseLog {
  return {
    status: 'reported',
    dueAt,
    events: [{ seq: 1, action: 'report', from: null, to: 'reported', at: reportedAt }],
  };
}

/** Event times never go backwards: a clock that stepped back is clamped to the previous event's time. */
export function eventTime(now: Date, previous: Date): Date {
  return now.getTime() < previous.getTime() ? previous : now;
}

export function isCaseOverdue(status: CaseStatus, dueAt: Date, now: Date): boolean {
  return isOpen(status) && now.getTime() > dueAt.getTime();
}

/** Applies `action` at `now`, or refuses it with the actions that are allowed instead. */
export function applyAction(log: CaseLog, action: CaseAction, now: Date): CaseLog | Refusal {
  const overdue = isCaseOverdue(log.status, log.dueAt, now);
  const to = nextStatus(log.status, action);
  if (to === null || (action === 'escalate' && !overdue)) {
    return { refused: true, status: log.status, allowedActions: allowedActions(log.status, overdue) };
  }
  const last = log.events[log.events.length - 1];
  const at = last ? eventTime(now, last.at) : now;
  const event: CaseLogEvent = { seq: (last?.seq ?? 0) + 1, action, from: log.status, to, at };
  return { ...log, status: to, events: [...log.events, event] };
}

export function isRefusal(result: CaseLog | Refusal): result is Refusal {
  return 'refused' in result;
}
