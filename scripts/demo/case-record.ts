/** Derives a case's stored fields (status, timestamps, counters) from its event log. */
import { type CaseAction, isOpen, replay } from '../../server/domain/case-workflow';
import type { DemoCase, DemoCaseEvent } from './types';

export type CaseRecordFields = Pick<
  DemoCase,
  | 'status'
  | 'departmentCode'
  | 'satisfaction'
  | 'rejectReason'
  | 'acceptedAt'
  | 'dispatchedAt'
  | 'resolvedAt'
  | 'visitedAt'
  | 'archivedAt'
  | 'rejectedAt'
  | 'escalatedAt'
  | 'escalationCount'
  | 'reopenCount'
  | 'updatedAt'
>;

function lastOf(
  events: readonly DemoCaseEvent[],
  action: DemoCaseEvent['action'],
): DemoCaseEvent | undefined {
  return events.findLast((e) => e.action === action);
}

/**
 * Current-state fields: `resolvedAt`/`visitedAt` describe the latest resolution only while it stands
 * (a reopened case is not resolved); `acceptedAt` is the first acceptance (response time).
 */
export function recordFromEvents(events: readonly DemoCaseEvent[]): CaseRecordFields {
  const actions = events.filter((e) => e.action !== 'report').map((e) => e.action as CaseAction);
  const status = replay(actions);
  if (status === null) throw new Error(`demo case log does not replay: ${actions.join(',')}`);
  const lastReopen = lastOf(events, 'reopen');
  const standing = (e: DemoCaseEvent | undefined) =>
    e && !isOpen(status) && (!lastReopen || e.at >= lastReopen.at) ? e : undefined;
  const resolve = standing(lastOf(events, 'resolve'));
  const visit = standing(lastOf(events, 'visit'));
  const visitAfterResolve = visit && resolve && visit.at >= resolve.at ? visit : undefined;
  const reject = lastOf(events, 'reject');
  const escalate = lastOf(events, 'escalate');
  return {
    status,
    departmentCode: lastOf(events, 'dispatch')?.departmentCode ?? null,
    satisfaction: visitAfterResolve?.satisfaction ?? null,
    rejectReason: reject?.reason ?? null,
    acceptedAt: events.find((e) => e.action === 'accept')?.at ?? null,
    dispatchedAt: lastOf(events, 'dispatch')?.at ?? null,
    resolvedAt: resolve?.at ?? null,
    visitedAt: visitAfterResolve?.at ?? null,
    archivedAt: lastOf(events, 'archive')?.at ?? null,
    rejectedAt: reject?.at ?? null,
    escalatedAt: escalate?.at ?? null,
    escalationCount: events.filter((e) => e.action === 'escalate').length,
    reopenCount: events.filter((e) => e.action === 'reopen').length,
    updatedAt: (events.at(-1) as DemoCaseEvent).at,
  };
}
