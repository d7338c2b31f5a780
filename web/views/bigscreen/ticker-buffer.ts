/** How many live events the ticker keeps; older ones are dropped so a screen running for days stays small. */
export const TICKER_CAPACITY = 12;

/**
 * Adds `item` at the front (newest first), ignoring an id already held (a resumed stream may replay
 * events), and keeps at most `capacity` items. Returns a new array; never grows past `capacity`.
 */
export function pushBounded<T extends { id: number }>(
  items: readonly T[],
  item: T,
  capacity: number = TICKER_CAPACITY,
): T[] {
  if (items.some((existing) => existing.id === item.id)) return items as T[];
  return [item, ...items].slice(0, Math.max(0, capacity));
}
