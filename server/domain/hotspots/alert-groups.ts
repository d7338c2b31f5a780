import { haversineDistanceMetres } from './web-mercator';

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

/** A case that may take part in an alert; `component` groups cases chained within the radius. */
export type AlertCandidate = {
  id: number;
  category: string;
  component: number;
  lon: number;
  lat: number;
  reportedAtMs: number;
};

/**
 * Anchor groups within one spatial component (cases of one category chained by ≤ radius links,
 * found by DBSCAN in SQL): for each anchor, the cases reported in [anchor, anchor + window]
 * within radius of it (haversine, within 0.5 % of the spheroid at these distances).
 */
function anchorsInComponent(cases: AlertCandidate[], p: AlertParams): AnchorGroup[] {
  const sorted = [...cases].sort((a, b) => a.reportedAtMs - b.reportedAtMs || a.id - b.id);
  const windowMs = p.windowDays * 86_400_000;
  const groups: AnchorGroup[] = [];
  let first = 0;
  for (const anchor of sorted) {
    while ((sorted[first]?.reportedAtMs ?? Infinity) < anchor.reportedAtMs) first++;
    const members: number[] = [];
    for (let j = first; j < sorted.length; j++) {
      const m = sorted[j] as AlertCandidate;
      if (m.reportedAtMs > anchor.reportedAtMs + windowMs) break;
      if (haversineDistanceMetres([anchor.lon, anchor.lat], [m.lon, m.lat]) <= p.radiusMetres)
        members.push(m.id);
    }
    if (members.length >= p.minCases) groups.push({ category: anchor.category, caseIds: members });
  }
  return groups;
}

/** Every anchor group of the candidates, then merged: the alerts. */
export function repeatLocationGroups(candidates: readonly AlertCandidate[], p: AlertParams): AnchorGroup[] {
  const components = new Map<string, AlertCandidate[]>();
  for (const c of candidates) {
    const key = `${c.category}:${c.component}`;
    components.set(key, [...(components.get(key) ?? []), c]);
  }
  return mergeAnchorGroups([...components.values()].flatMap((cases) => anchorsInComponent(cases, p)));
}
