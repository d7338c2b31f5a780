import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAction, type CaseLog, eventTime, isRefusal, startLog } from './case-log';
import { allowedActions, CASE_ACTIONS, type CaseAction, nextStatus, replay } from './case-workflow';

const HOUR = 3_600_000;
const START = new Date('2026-11-20T00:00:00Z');

/** A step: an action and a clock jump in hours, sometimes backwards (a clock that stepped back). */
const step = fc.record({
  action: fc.constantFrom(...CASE_ACTIONS),
  hours: fc.integer({ min: -5, max: 400 }),
});

function run(steps: { action: CaseAction; hours: number }[]) {
  let log: CaseLog = startLog(START, new Date(START.getTime() + 24 * HOUR));
  let clock = START.getTime();
  const refused: { before: CaseLog; action: CaseAction }[] = [];
  for (const s of steps) {
    clock += s.hours * HOUR;
    const result = applyAction(log, s.action, new Date(clock));
    if (isRefusal(result)) refused.push({ before: log, action: s.action });
    else log = result;
  }
  return { log, refused };
}

describe('case log (property)', () => {
  it('never reaches a state the machine forbids, and status always equals the replay of its events', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const { log } = run(steps);
        const actions = log.events.slice(1).map((e) => e.action as CaseAction);
        expect(replay(actions)).toBe(log.status);
        for (const e of log.events.slice(1)) {
          expect(e.from).not.toBeNull();
          if (e.from) expect(nextStatus(e.from, e.action as CaseAction)).toBe(e.to);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('event times never go backwards and seq counts 1, 2, 3 ...', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const { log } = run(steps);
        log.events.forEach((e, i) => {
          expect(e.seq).toBe(i + 1);
          const prev = log.events[i - 1];
          if (prev) expect(e.at.getTime()).toBeGreaterThanOrEqual(prev.at.getTime());
        });
      }),
      { numRuns: 500 },
    );
  });

  it('a refused action leaves the log unchanged and names the allowed actions', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        for (const { before, action } of run(steps).refused) {
          const again = applyAction(before, action, START);
          expect(isRefusal(again)).toBe(true);
          if (isRefusal(again)) {
            expect(again.status).toBe(before.status);
            expect(again.allowedActions).not.toContain(action === 'escalate' ? '__never__' : action);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('case log (examples)', () => {
  it('escalate needs the case overdue and keeps the status', () => {
    const log = startLog(START, new Date(START.getTime() + 2 * HOUR));
    expect(isRefusal(applyAction(log, 'escalate', new Date(START.getTime() + HOUR)))).toBe(true);
    const late = applyAction(log, 'escalate', new Date(START.getTime() + 3 * HOUR));
    expect(isRefusal(late)).toBe(false);
    if (!isRefusal(late)) expect(late.status).toBe('reported');
  });

  it('clamps a clock that stepped back to the previous event time', () => {
    expect(eventTime(new Date(1000), new Date(2000))).toEqual(new Date(2000));
    expect(eventTime(new Date(3000), new Date(2000))).toEqual(new Date(3000));
  });

  it('closed cases allow nothing', () => {
    expect(allowedActions('archived')).toEqual([]);
    expect(allowedActions('rejected')).toEqual([]);
  });
});
