/**
 * The app's copy of stats_window's tiers (migration 019), brought up to date with the rows changed
 * since the last read instead of reading 50,000 rows for every answer: after an intake the big
 * screen's per-grid answer reads the handful of rows the refresh touched. A fresh start of the
 * window (a new day, a publish) is a new generation and reloads the tier.
 */
import type { Db } from '../db/db';
import type { GridLevel } from '../queries/grids';
import type { GridSource } from '../queries/stats-figures';
import type { ScopeGrid } from '../queries/stats-scope';
import { type WindowCopyMark, type WindowGridRow, windowRowsSince } from '../queries/stats-window';

export type TierCopy = WindowCopyMark & { rows: WindowGridRow[]; at: Map<string, number> };

export type WindowCache = {
  /** The tier's grids inside `grid` (all when null), every figure, in code order, as of `now`. */
  sources(db: Db, r: { level: GridLevel; grid: ScopeGrid | null; now: Date }): Promise<GridSource[]>;
};

type WindowRead = { generation: number; full: boolean; rows: WindowGridRow[] };

const lastChange = (rows: readonly WindowGridRow[], from: number) =>
  rows.reduce((max, r) => Math.max(max, r.changed), from);

/**
 * Applies a read to a copy: a full read replaces it, changed rows replace theirs in place. Null when
 * the read does not fit the copy (a row it does not hold: read the whole tier again).
 */
export function applyWindowRows(copy: TierCopy | undefined, read: WindowRead): TierCopy | null {
  if (!copy || read.full) {
    const rows = read.rows;
    const at = new Map(rows.map((r, i) => [r.source.grid.code, i]));
    return { generation: read.generation, changed: lastChange(rows, 0), rows, at };
  }
  const rows = [...copy.rows];
  for (const row of read.rows) {
    const i = copy.at.get(row.source.grid.code);
    if (i === undefined) return null;
    rows[i] = row;
  }
  return { generation: read.generation, changed: lastChange(read.rows, copy.changed), rows, at: copy.at };
}

export function createWindowCache(): WindowCache {
  const tiers = new Map<GridLevel, TierCopy>();
  // One read per tier at a time: a second request waits for the first's copy instead of racing it.
  const pending = new Map<GridLevel, Promise<TierCopy>>();

  async function update(db: Db, level: GridLevel, now: Date): Promise<TierCopy> {
    const copy = tiers.get(level);
    const next =
      applyWindowRows(copy, await windowRowsSince(db, level, now, copy ?? null)) ??
      (applyWindowRows(undefined, await windowRowsSince(db, level, now, null)) as TierCopy);
    tiers.set(level, next);
    return next;
  }

  return {
    async sources(db, r) {
      const previous = pending.get(r.level) ?? Promise.resolve(undefined);
      const current = previous.catch(() => undefined).then(() => update(db, r.level, r.now));
      pending.set(r.level, current);
      const copy = await current;
      const scope = r.grid?.code;
      const rows = scope
        ? copy.rows.filter(
            (row) => row.source.grid.code === scope || row.l2Code === scope || row.l1Code === scope,
          )
        : copy.rows;
      return rows.map((row) => row.source);
    },
  };
}
