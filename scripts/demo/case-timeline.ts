/**
 * The workflow history of one case, built by replaying actions through the state machine in
 * server/domain/case-workflow.ts (statuses are never written by hand), then cut at `now`.
 *
 * Durations: acceptance within minutes (patrol, visit) to hours (hotline); resolution spread over the
 * SLA window, ~6 % resolved late (escalated 督办 after the due time); most cases visited (回访) with
 * satisfaction mostly 4–5; a dissatisfied visit usually reopens the case, at most twice.
 */
import type { CaseSource } from '../../server/domain/case-vocabulary';
import {
  type CaseAction,
  type CaseStatus,
  isOpen,
  nextStatus,
  replay,
} from '../../server/domain/case-workflow';
import type { Random } from './random';
import type { DemoCaseEvent } from './types';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const LATE_SHARE = 0.06;
const MAX_REOPENS = 2;

/** free: whatever happens by `now`; resolve: resolved by `now`, never rejected/reopened; open: still open. */
export type TimelineMode = 'free' | 'resolve' | 'open';

export type TimelineInput = {
  source: CaseSource;
  reportedAt: Date;
  dueAt: Date;
  now: Date;
  mode: TimelineMode;
  departmentCode: string;
  actors: { reporter: string; centre: string; worker: string; department: string };
  resolutionNote: string;
};

type Step = Omit<DemoCaseEvent, 'from' | 'to' | 'at'> & { action: CaseAction; atMs: number };

const ON_THE_SPOT: Record<CaseSource, number> = {
  patrol: 0.5,
  visit: 0.45,
  camera: 0.15,
  hotline: 0.08,
  app: 0.1,
};
const VISITED: Record<CaseSource, number> = {
  hotline: 0.95,
  app: 0.85,
  visit: 0.9,
  patrol: 0.6,
  camera: 0.3,
};
const REJECTED: Record<CaseSource, number> = { hotline: 0.04, app: 0.05, camera: 0.03, patrol: 0, visit: 0 };
const REJECT_REASONS = [
  '重复工单，已合并至在办工单',
  '不属于本辖区职责范围，已告知来电人向相关单位反映',
  '诉求信息不全，多次联系未果，无法核实',
  '已通过其他渠道办结',
];
const SATISFACTION = { '5': 60, '4': 26, '3': 7, '2': 4, '1': 3 };
const SATISFACTION_LATE = { '5': 35, '4': 30, '3': 15, '2': 12, '1': 8 };

function step(action: CaseAction, atMs: number, actor: string, extra: Partial<Step> = {}): Step {
  return {
    action,
    atMs,
    actor,
    note: null,
    departmentCode: null,
    satisfaction: null,
    reason: null,
    ...extra,
  };
}

function acceptDelayMs(input: TimelineInput, slaMs: number, random: Random): number {
  const minutes =
    input.source === 'patrol' || input.source === 'visit'
      ? random.float(1, 15)
      : input.source === 'camera'
        ? random.float(5, 40)
        : Math.min(480, Math.exp(Math.log(30) + 0.8 * random.normal()));
  return Math.min(minutes * MINUTE_MS, slaMs * 0.4);
}

/** resolve → visit → (reopen → dispatch → resolve → visit)* → archive, starting at `resolveMs`. */
function closingSteps(
  input: TimelineInput,
  resolveMs: number,
  resolver: string,
  late: boolean,
  random: Random,
): Step[] {
  const { actors } = input;
  const steps: Step[] = [step('resolve', resolveMs, resolver, { note: input.resolutionNote })];
  let t = resolveMs;
  for (let reopens = 0; ; reopens++) {
    const mayReopen = input.mode === 'free' && reopens < MAX_REOPENS;
    if (mayReopen && random.chance(0.015)) {
      t += random.float(2, 24) * HOUR_MS;
      steps.push(step('reopen', t, actors.reporter, { reason: '群众反映问题未解决，要求重新处理' }));
    } else if (random.chance(VISITED[input.source])) {
      t += random.float(1, 36) * HOUR_MS;
      const table = late || reopens > 0 ? SATISFACTION_LATE : SATISFACTION;
      const satisfaction = Number(random.weighted(table));
      steps.push(
        step('visit', t, `${actors.centre}回访组`, { satisfaction, note: `回访满意度${satisfaction}分` }),
      );
      if (!(mayReopen && satisfaction <= 2 && random.chance(reopens === 0 ? 0.8 : 0.5))) {
        steps.push(step('archive', t + random.float(1, 72) * HOUR_MS, actors.centre, { note: '办结归档' }));
        return steps;
      }
      t += random.float(1, 12) * HOUR_MS;
      steps.push(step('reopen', t, `${actors.centre}回访组`, { reason: '群众不满意，重新交办' }));
    } else {
      steps.push(step('archive', t + random.float(1, 5) * DAY_MS, actors.centre, { note: '办结归档' }));
      return steps;
    }
    t += random.float(0.5, 4) * HOUR_MS;
    steps.push(
      step('dispatch', t, actors.centre, { departmentCode: input.departmentCode, note: '重新交办' }),
    );
    t += random.float(6, 96) * HOUR_MS;
    steps.push(step('resolve', t, actors.department, { note: input.resolutionNote }));
  }
}

/** The whole life of a case as planned steps (times may lie after `now`). */
function planSteps(input: TimelineInput, random: Random): Step[] {
  const reported = input.reportedAt.getTime();
  const due = input.dueAt.getTime();
  const slaMs = due - reported;
  const { actors } = input;
  if (input.mode === 'free' && random.chance(REJECTED[input.source])) {
    const reason = random.pick(REJECT_REASONS);
    return [step('reject', reported + random.float(10, 360) * MINUTE_MS, actors.centre, { reason })];
  }
  const late = input.mode !== 'open' && random.chance(LATE_SHARE);
  const acceptMs = reported + acceptDelayMs(input, slaMs, random);
  const steps = [step('accept', acceptMs, actors.centre, { note: '已受理' })];
  const resolveMs = late
    ? due + slaMs * random.float(0.05, 0.6) + HOUR_MS
    : reported + slaMs * (0.03 + 0.85 * random.next() ** 1.5);
  const onTheSpot = !late && input.mode !== 'open' && random.chance(ON_THE_SPOT[input.source]);
  const resolveAt = Math.max(resolveMs, acceptMs + 5 * MINUTE_MS);
  if (!onTheSpot) {
    const dispatchMs = acceptMs + Math.min(random.float(5, 240) * MINUTE_MS, (resolveAt - acceptMs) * 0.3);
    steps.push(
      step('dispatch', dispatchMs, actors.centre, {
        departmentCode: input.departmentCode,
        note: `交办${actors.department}`,
      }),
    );
  }
  if (late) {
    const overdueMs = resolveAt - due;
    steps.push(
      step('escalate', due + Math.min(2 * HOUR_MS, overdueMs * 0.3), '区网格化服务管理中心', {
        note: '超期未办结，督办',
      }),
    );
    if (overdueMs > 2 * DAY_MS) {
      steps.push(step('escalate', due + 2 * DAY_MS, '区网格化服务管理中心', { note: '再次督办' }));
    }
  }
  if (input.mode === 'open') return steps;
  const resolver = onTheSpot ? `网格员${actors.worker}` : actors.department;
  return [...steps, ...closingSteps(input, resolveAt, resolver, late, random)];
}

/** Squeezes the steps up to the last one that must happen into [reported, now − 1 min]. */
function compressBefore(steps: Step[], reported: number, now: number, mustIndex: number): Step[] {
  const must = steps[mustIndex];
  if (!must || must.atMs <= now - MINUTE_MS) return steps;
  const factor = (now - MINUTE_MS - reported) / (must.atMs - reported);
  return steps
    .filter((s) => s.action !== 'escalate')
    .map((s) => ({ ...s, atMs: reported + (s.atMs - reported) * factor }));
}

/** Replays steps through the state machine into events, keeping times non-decreasing. */
function toEvents(input: TimelineInput, steps: readonly Step[]): DemoCaseEvent[] {
  let status: CaseStatus = 'reported';
  let last = input.reportedAt.getTime();
  const events: DemoCaseEvent[] = [
    {
      action: 'report',
      from: null,
      to: status,
      actor: input.actors.reporter,
      at: input.reportedAt,
      note: null,
      departmentCode: null,
      satisfaction: null,
      reason: null,
    },
  ];
  for (const s of steps) {
    const to = nextStatus(status, s.action);
    if (to === null) throw new Error(`demo timeline: ${s.action} is not allowed from ${status}`);
    // Whole seconds, never earlier than the previous event.
    last = Math.max(last, Math.floor(s.atMs / 1000) * 1000);
    events.push({
      action: s.action,
      from: status,
      to,
      actor: s.actor,
      at: new Date(last),
      note: s.note,
      departmentCode: s.departmentCode,
      satisfaction: s.satisfaction,
      reason: s.reason,
    });
    status = to;
  }
  return events;
}

/** An overdue case still open at `now` has been escalated (督办) at least once after its due time. */
function escalateIfOverdue(input: TimelineInput, steps: Step[]): Step[] {
  const due = input.dueAt.getTime();
  const now = input.now.getTime();
  const status = replay(steps.map((s) => s.action));
  if (status === null || !isOpen(status) || now - due < MINUTE_MS) return steps;
  if (steps.some((s) => s.action === 'escalate' && s.atMs > due)) return steps;
  const lastMs = steps.at(-1)?.atMs ?? input.reportedAt.getTime();
  const at = Math.max(lastMs, due + Math.min(2 * HOUR_MS, (now - due) / 2));
  return at <= now
    ? [...steps, step('escalate', at, '区网格化服务管理中心', { note: '超期未办结，督办' })]
    : steps;
}

export function planTimeline(input: TimelineInput, random: Random): DemoCaseEvent[] {
  const reported = input.reportedAt.getTime();
  const now = input.now.getTime();
  let steps = planSteps(input, random);
  if (input.mode === 'resolve') {
    steps = compressBefore(
      steps,
      reported,
      now,
      steps.findIndex((s) => s.action === 'resolve'),
    );
  } else if (input.mode === 'open') {
    steps = compressBefore(steps, reported, now, steps.length - 1);
  }
  steps = escalateIfOverdue(
    input,
    steps.filter((s) => s.atMs <= now),
  );
  return toEvents(input, steps);
}
