/**
 * Codes of grids made by a split. The larger part keeps the old code, so the grid's workers, case
 * history and rollups stay with the bulk of its territory; the other part takes the next free
 * `CODE-n` (n = 2, 3, ...), so the new grid's origin is readable from its code.
 */
export const GRID_CODE_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

export function nextFreeCode(base: string, taken: ReadonlySet<string>): string {
  for (let n = 2; n < 10_000; n++) {
    const suffix = `-${n}`;
    const code = `${base.slice(0, 40 - suffix.length)}${suffix}`;
    if (!taken.has(code)) return code;
  }
  throw new Error(`no free code derived from ${base}`);
}
