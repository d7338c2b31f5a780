import type { Db } from '../db/db';
import type { CaseAction, CaseStatus } from '../domain/case-workflow';
import { type CaseEventRecord, EVENT_RETURNING, toEventRecord } from './cases';

export type TransitionCommand = {
  caseId: number;
  action: CaseAction;
  /** The status the caller saw; the move only happens if the case is still in it. */
  expectedStatus: CaseStatus;
  /** Guards escalations, which keep the status, against a concurrent escalation. */
  expectedEscalations: number;
  toStatus: CaseStatus;
  now: Date;
  actor: string;
  note: string | null;
  department: string | null;
  satisfaction: number | null;
  reason: string | null;
};

/**
 * Compare-and-set: the UPDATE only matches while the case is in the expected state, and the row lock it
 * takes serialises concurrent moves, so of two parallel requests exactly one updates a row.
 * Every timestamp is `GREATEST(now, updated_at)`: event times never go backwards (see domain/case-log.ts).
 * Escalation needs the case overdue at `now`.
 */
const UPDATE_SQL = `
UPDATE cases SET
  status           = $3,
  updated_at       = GREATEST($4::timestamptz, updated_at),
  accepted_at      = CASE WHEN $2 = 'accept'   THEN GREATEST($4::timestamptz, updated_at) ELSE accepted_at END,
  dispatched_at    = CASE WHEN $2 = 'dispatch' THEN GREATEST($4::timestamptz, updated_at) ELSE dispatched_at END,
  department_code  = CASE WHEN $2 = 'dispatch' THEN $7 ELSE department_code END,
  resolved_at      = CASE WHEN $2 = 'resolve'  THEN GREATEST($4::timestamptz, updated_at)
                          WHEN $2 = 'reopen'   THEN NULL ELSE resolved_at END,
  visited_at       = CASE WHEN $2 = 'visit'    THEN GREATEST($4::timestamptz, updated_at)
                          WHEN $2 = 'reopen'   THEN NULL ELSE visited_at END,
  satisfaction     = CASE WHEN $2 = 'visit'    THEN $8::smallint
                          WHEN $2 = 'reopen'   THEN NULL ELSE satisfaction END,
  archived_at      = CASE WHEN $2 = 'archive'  THEN GREATEST($4::timestamptz, updated_at) ELSE archived_at END,
  rejected_at      = CASE WHEN $2 = 'reject'   THEN GREATEST($4::timestamptz, updated_at) ELSE rejected_at END,
  reject_reason    = CASE WHEN $2 = 'reject'   THEN $9 ELSE reject_reason END,
  escalated_at     = CASE WHEN $2 = 'escalate' THEN GREATEST($4::timestamptz, updated_at) ELSE escalated_at END,
  escalation_count = escalation_count + CASE WHEN $2 = 'escalate' THEN 1 ELSE 0 END,
  reopen_count     = reopen_count + CASE WHEN $2 = 'reopen' THEN 1 ELSE 0 END
WHERE id = $1 AND status = $5 AND escalation_count = $6
  AND ($2 <> 'escalate' OR due_at < $4::timestamptz)
RETURNING updated_at AS at`;

/** The event's seq is read after the UPDATE holds the row lock, so it sees every committed event. */
const EVENT_SQL = `
INSERT INTO case_event (case_id, seq, action, from_status, to_status, actor, at, note, department_code,
  satisfaction, reason)
SELECT $1::bigint, COALESCE(max(seq), 0) + 1, $2::text, $3::text, $4::text, $5::text, $6::timestamptz, $7::text,
  $8::text, $9::smallint, $10::text
FROM case_event WHERE case_id = $1::bigint
RETURNING ${EVENT_RETURNING}`;

/** Applies the move and appends its event atomically; null when the case was no longer as expected. */
export async function applyTransition(db: Db, t: TransitionCommand): Promise<CaseEventRecord | null> {
  return db.transaction(async (tx) => {
    const updated = await tx.query<{ at: Date }>(UPDATE_SQL, [
      t.caseId,
      t.action,
      t.toStatus,
      t.now,
      t.expectedStatus,
      t.expectedEscalations,
      t.department,
      t.satisfaction,
      t.reason,
    ]);
    const row = updated[0];
    if (!row) return null;
    const [event] = await tx.query(EVENT_SQL, [
      t.caseId,
      t.action,
      t.expectedStatus,
      t.toStatus,
      t.actor,
      row.at,
      t.note,
      t.action === 'dispatch' ? t.department : null,
      t.action === 'visit' ? t.satisfaction : null,
      t.action === 'reject' ? t.reason : null,
    ]);
    if (!event) throw new Error('case_event insert returned no row');
    return toEventRecord(event);
  });
}
