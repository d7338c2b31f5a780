import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAction, type CaseLog, isRefusal, startLog } from '../../server/domain/case-log';
import {
  allowedActions,
  CASE_ACTIONS,
  type CaseAction,
  type CaseStatus,
  replay,
} from '../../server/domain/case-workflow';
import { testBackends } from '../support/backends';
import { createTilingFixture, insertPublishedVersion } from '../support/fixtures';
import { openTestDb, type TestDb } from '../support/test-db';
import { type CaseTestApp, createCaseTestApp, createClock, FIXTURE_POINTS, postJson } from './case-fixtures';

type Event = {
  seq: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actor: string;
  at: string;
};
type CaseDetail = Record<string, unknown> & {
  id: number;
  status: CaseStatus;
  dueAt: string;
  allowedActions: string[];
  timeline: Event[];
};

const NOW = new Date('2026-11-20T02:00:00Z');

/** The extra fields each action needs, valid. */
const EXTRAS: Partial<Record<CaseAction, Record<string, unknown>>> = {
  dispatch: { department: 'housing' },
  visit: { satisfaction: 4 },
  reject: { reason: '重复件' },
};

/** Action paths from `reported` that reach each status. */
const PATHS: Record<CaseStatus, CaseAction[]> = {
  reported: [],
  accepted: ['accept'],
  dispatched: ['accept', 'dispatch'],
  resolved: ['accept', 'resolve'],
  visited: ['accept', 'resolve', 'visit'],
  archived: ['accept', 'resolve', 'archive'],
  reopened: ['accept', 'resolve', 'reopen'],
  rejected: ['reject'],
};

describe.each(testBackends())('POST /api/cases/:id/transitions (%s)', (backend) => {
  let t: TestDb;
  let api: CaseTestApp;
  const clock = createClock(NOW);

  beforeAll(async () => {
    t = await openTestDb(backend, 'empty');
    await insertPublishedVersion(t.db, createTilingFixture());
    api = createCaseTestApp(t, { now: clock.now });
  });
  afterAll(async () => {
    await t?.close();
  });

  async function newCase(priority = 'normal'): Promise<number> {
    const res = await postJson(api.app, '/api/cases', {
      ...FIXTURE_POINTS['C1-2'],
      category: 'facilities',
      source: 'patrol',
      priority,
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: number }).id;
  }

  function move(id: number, action: string, extra: Record<string, unknown> = {}, actor = 'tester') {
    return postJson(api.app, `/api/cases/${id}/transitions`, { action, ...extra }, { 'X-Actor': actor });
  }

  async function walk(id: number, actions: CaseAction[]) {
    for (const a of actions) expect((await move(id, a, EXTRAS[a])).status, a).toBe(200);
  }

  async function snapshot(id: number) {
    const [row] = await t.db.query('SELECT * FROM cases WHERE id = $1', [id]);
    const [n] = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM case_event WHERE case_id = $1',
      [id],
    );
    return { row, events: n?.n };
  }

  it('walks reported → accepted → dispatched → resolved → visited → archived with a full audit trail', async () => {
    const id = await newCase();
    const steps: [CaseAction, Record<string, unknown>][] = [
      ['accept', { note: '已受理' }],
      ['dispatch', { department: 'housing' }],
      ['resolve', {}],
      ['visit', { satisfaction: 5 }],
      ['archive', {}],
    ];
    for (const [i, [action, extra]] of steps.entries()) {
      clock.advanceHours(1);
      const res = await move(id, action, extra, `worker-${i}`);
      expect(res.status).toBe(200);
    }
    const body = (await (await api.app.request(`/api/cases/${id}`)).json()) as CaseDetail;
    expect(body).toMatchObject({
      status: 'archived',
      departmentCode: 'housing',
      satisfaction: 5,
      allowedActions: [],
    });
    expect(body.timeline.map((e) => [e.seq, e.action, e.fromStatus, e.toStatus, e.actor])).toEqual([
      [1, 'report', null, 'reported', 'test-worker'],
      [2, 'accept', 'reported', 'accepted', 'worker-0'],
      [3, 'dispatch', 'accepted', 'dispatched', 'worker-1'],
      [4, 'resolve', 'dispatched', 'resolved', 'worker-2'],
      [5, 'visit', 'resolved', 'visited', 'worker-3'],
      [6, 'archive', 'visited', 'archived', 'worker-4'],
    ]);
    expect(body.acceptedAt).toBe(body.timeline[1]?.at);
    expect(body.archivedAt).toBe(body.timeline[5]?.at);
  });

  it('resolves on the spot (马上办), reopens an unsatisfied case and dispatches it again', async () => {
    const id = await newCase();
    await walk(id, ['accept', 'resolve']);
    expect((await move(id, 'visit', { satisfaction: 2 })).status).toBe(200);
    const reopened = (await (await move(id, 'reopen', { note: '群众不满意' })).json()) as CaseDetail;
    expect(reopened).toMatchObject({
      status: 'reopened',
      reopenCount: 1,
      satisfaction: null,
      resolvedAt: null,
    });
    await walk(id, ['dispatch', 'resolve']);
    const visited = (await (await move(id, 'visit', { satisfaction: 5 })).json()) as CaseDetail;
    expect(visited).toMatchObject({ status: 'visited', satisfaction: 5, reopenCount: 1 });
  });

  it('rejects with a reason', async () => {
    const id = await newCase();
    const body = (await (await move(id, 'reject', { reason: '不属于受理范围' })).json()) as CaseDetail;
    expect(body).toMatchObject({ status: 'rejected', rejectReason: '不属于受理范围', allowedActions: [] });
    expect(body.timeline[1]).toMatchObject({ action: 'reject', reason: '不属于受理范围' });
  });

  it('escalates (督办) only an overdue open case, recording who did it, without changing the status', async () => {
    const id = await newCase('urgent');
    const early = await move(id, 'escalate');
    expect(early.status).toBe(409);
    expect(((await early.json()) as { allowedActions: string[] }).allowedActions).toEqual([
      'accept',
      'reject',
    ]);
    clock.advanceHours(3);
    const res = await move(id, 'escalate', { note: '超期督办' }, 'street-supervisor');
    expect(res.status).toBe(200);
    const body = (await res.json()) as CaseDetail;
    expect(body).toMatchObject({
      status: 'reported',
      overdue: true,
      escalationCount: 1,
      escalatedAt: clock.now().toISOString(),
    });
    expect(body.timeline[1]).toMatchObject({
      action: 'escalate',
      fromStatus: 'reported',
      toStatus: 'reported',
      actor: 'street-supervisor',
    });
    const list = (await (await api.app.request(`/api/cases?overdue=true&limit=500`)).json()) as {
      items: { id: number }[];
    };
    expect(list.items.map((c) => c.id)).toContain(id);
  });

  it('answers 409 listing the allowed actions for every move the machine forbids, and changes nothing', async () => {
    for (const [status, path] of Object.entries(PATHS) as [CaseStatus, CaseAction[]][]) {
      const id = await newCase();
      await walk(id, path);
      const forbidden = CASE_ACTIONS.filter((a) => !allowedActions(status, false).includes(a));
      for (const action of forbidden) {
        const before = await snapshot(id);
        const res = await move(id, action, EXTRAS[action]);
        expect(res.status, `${status} + ${action}`).toBe(409);
        const body = (await res.json()) as {
          status: number;
          caseStatus: string;
          allowedActions: string[];
          type: string;
        };
        expect(body.type).toMatch(/transition-not-allowed$/);
        expect(body.status).toBe(409);
        expect(body.caseStatus).toBe(status);
        expect(body.allowedActions).toEqual(allowedActions(status, false));
        expect(await snapshot(id)).toEqual(before);
      }
    }
  });

  it.each([
    ['visit without satisfaction', 'resolved', { action: 'visit' }, 400],
    ['visit with satisfaction 0', 'resolved', { action: 'visit', satisfaction: 0 }, 400],
    ['visit with satisfaction 6', 'resolved', { action: 'visit', satisfaction: 6 }, 400],
    ['visit with satisfaction 3.5', 'resolved', { action: 'visit', satisfaction: 3.5 }, 400],
    ['dispatch without department', 'accepted', { action: 'dispatch' }, 400],
    [
      'dispatch to an unknown department',
      'accepted',
      { action: 'dispatch', department: 'no_such_dept' },
      422,
    ],
    ['reject without reason', 'reported', { action: 'reject' }, 400],
    ['an unknown action', 'reported', { action: 'teleport' }, 400],
    ['an unknown key', 'reported', { action: 'accept', urgent: true }, 400],
    ['satisfaction on accept', 'reported', { action: 'accept', satisfaction: 5 }, 400],
  ] as const)('refuses %s (from %s) and changes nothing', async (_, status, body, expected) => {
    const id = await newCase();
    await walk(id, PATHS[status]);
    const before = await snapshot(id);
    const res = await postJson(api.app, `/api/cases/${id}/transitions`, body);
    expect(res.status).toBe(expected);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await snapshot(id)).toEqual(before);
  });

  it('answers 404 for an unknown case', async () => {
    expect((await move(987654, 'accept')).status).toBe(404);
  });

  it('lets exactly one of many parallel moves on the same case win', async () => {
    const id = await newCase();
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        i % 2 ? move(id, 'accept') : move(id, 'reject', { reason: `r${i}` }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(15);
    const { events } = await snapshot(id);
    expect(events).toBe(2);

    const again = await Promise.all(Array.from({ length: 12 }, () => move(id, 'dispatch', EXTRAS.dispatch)));
    const winners = again.filter((r) => r.status === 200).length;
    expect(winners).toBe((await snapshot(id)).row?.status === 'dispatched' ? 1 : 0);
  });

  it('never records an event earlier than the previous one, even if the clock steps back', async () => {
    const id = await newCase();
    clock.advanceHours(-5);
    await walk(id, ['accept']);
    clock.advanceHours(5);
    const body = (await (await api.app.request(`/api/cases/${id}`)).json()) as CaseDetail;
    const [report, accept] = body.timeline;
    expect(new Date(accept?.at ?? 0).getTime()).toBeGreaterThanOrEqual(new Date(report?.at ?? 0).getTime());
  });

  it('property: random action sequences through the API match the pure model and the timeline replays to the status', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ action: fc.constantFrom(...CASE_ACTIONS), hours: fc.integer({ min: -3, max: 200 }) }),
          {
            maxLength: 12,
          },
        ),
        async (steps) => {
          const id = await newCase('urgent');
          const created = (await (await api.app.request(`/api/cases/${id}`)).json()) as CaseDetail;
          let model: CaseLog = startLog(clock.now(), new Date(created.dueAt));
          for (const s of steps) {
            clock.advanceHours(s.hours);
            const res = await move(id, s.action, EXTRAS[s.action]);
            const expected = applyAction(model, s.action, clock.now());
            expect(res.status).toBe(isRefusal(expected) ? 409 : 200);
            if (!isRefusal(expected)) model = expected;
          }
          const body = (await (await api.app.request(`/api/cases/${id}`)).json()) as CaseDetail;
          expect(body.status).toBe(model.status);
          expect(replay(body.timeline.slice(1).map((e) => e.action as CaseAction))).toBe(body.status);
          const times = body.timeline.map((e) => new Date(e.at).getTime());
          expect(times).toEqual([...times].sort((a, b) => a - b));
          expect(body.timeline.map((e) => e.seq)).toEqual(body.timeline.map((_, i) => i + 1));
        },
      ),
      { numRuns: 25 },
    );
  });
});
