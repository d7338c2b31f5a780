import type { GridFeature, GridLevel, GridProperties, GridTiers } from './grid-features';

/** Grids by code, across all loaded tiers, for walking up the hierarchy without a request. */
export type GridIndex = ReadonlyMap<string, GridFeature>;

export function createGridIndex(tiers: GridTiers): GridIndex {
  const index = new Map<string, GridFeature>();
  for (const features of Object.values(tiers)) {
    for (const f of features as GridFeature[]) index.set(f.properties.code, f);
  }
  return index;
}

/** The grid and its ancestors, top (level 1) first. Stops at a parent that is not loaded. */
export function ancestorChain(index: GridIndex, code: string): GridProperties[] {
  const chain: GridProperties[] = [];
  let current = index.get(code)?.properties;
  // The level bound guards against a cycle in bad data.
  while (current && chain.length < 3) {
    chain.unshift(current);
    current = current.parentCode ? index.get(current.parentCode)?.properties : undefined;
  }
  return chain;
}

/** The ancestor-or-self of `code` at `level`, if loaded. */
export function ancestorAtLevel(
  index: GridIndex,
  code: string,
  level: GridLevel,
): GridProperties | undefined {
  return ancestorChain(index, code).find((g) => g.level === level);
}

/** Whether `code` is `ancestorCode` or lies inside it. */
export function isWithin(index: GridIndex, code: string, ancestorCode: string): boolean {
  return ancestorChain(index, code).some((g) => g.code === ancestorCode);
}

/** Codes of the level-3 grids inside `code` (itself, if it is level 3). */
export function level3Within(index: GridIndex, code: string): Set<string> {
  const out = new Set<string>();
  for (const f of index.values()) {
    if (f.properties.level === 3 && isWithin(index, f.properties.code, code)) out.add(f.properties.code);
  }
  return out;
}

/**
 * Which grid a click on level-3 grid `hitCode` opens, given the grid in focus (null = the whole
 * district): inside the focus, one tier down; outside it, the grid at the focus's own tier that
 * contains the hit (a move sideways). A level-3 focus has no tier below, so it moves sideways.
 */
export function drillTarget(
  index: GridIndex,
  hitCode: string,
  focusCode: string | null,
): GridProperties | undefined {
  const focus = focusCode ? index.get(focusCode)?.properties : undefined;
  if (!focus) return ancestorAtLevel(index, hitCode, 1);
  if (isWithin(index, hitCode, focus.code) && focus.level < 3) {
    return ancestorAtLevel(index, hitCode, (focus.level + 1) as GridLevel);
  }
  return ancestorAtLevel(index, hitCode, focus.level);
}
