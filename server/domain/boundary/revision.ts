/**
 * Optimistic concurrency for grid edits: a client sends the `revision` it last read; the write only
 * applies if the row still has it. Two planners editing the same draft then never overwrite each other
 * silently: the second gets a 409 with the current revision and reloads.
 */
export type RevisionCheck =
  | { ok: true }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'stale'; currentRevision: number };

export function checkRevision(current: number | undefined, expected: number): RevisionCheck {
  if (current === undefined) return { ok: false, reason: 'missing' };
  if (current !== expected) return { ok: false, reason: 'stale', currentRevision: current };
  return { ok: true };
}
