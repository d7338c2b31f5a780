/**
 * Repeat-location alerts (重复报警): ≥ minCases cases of one category within radiusMetres of an
 * anchor case, reported within windowDays after it. The database finds every qualifying anchor
 * with its members; anchors sharing a case describe the same place, so they are merged here into
 * one alert (connected components). A merged alert can therefore span more than one window.
 */
export type AlertParams = { minCases: number; radiusMetres: number; windowDays: number };

export const DEFAULT_ALERT_PARAMS: AlertParams = { minCases: 3, radiusMetres: 50, windowDays: 30 };

export type AnchorGroup = { category: string; caseIds: number[] };

function find(parent: Map<number, number>, id: number): number {
  let root = id;
  while (parent.get(root) !== root) root = parent.get(root) ?? root;
  let node = id;
  while (node !== root) {
    const next = parent.get(node) ?? root;
    parent.set(node, root);
    node = next;
  }
  return root;
}

/** Merges anchor groups that share a case (union-find); ids sorted, groups largest first. */
export function mergeAnchorGroups(groups: readonly AnchorGroup[]): AnchorGroup[] {
  const parent = new Map<number, number>();
  const categoryOf = new Map<number, string>();
  for (const g of groups) {
    for (const id of g.caseIds) {
      if (!parent.has(id)) parent.set(id, id);
      categoryOf.set(id, g.category);
    }
    const first = g.caseIds[0];
    if (first === undefined) continue;
    for (const id of g.caseIds) parent.set(find(parent, id), find(parent, first));
  }
  const byRoot = new Map<number, number[]>();
  for (const id of parent.keys()) {
    const root = find(parent, id);
    byRoot.set(root, [...(byRoot.get(root) ?? []), id]);
  }
  return [...byRoot.values()]
    .map((ids) => ids.sort((a, b) => a - b))
    .map((ids) => ({ category: categoryOf.get(ids[0] ?? 0) ?? '', caseIds: ids }))
    .sort((a, b) => b.caseIds.length - a.caseIds.length || (a.caseIds[0] ?? 0) - (b.caseIds[0] ?? 0));
}
