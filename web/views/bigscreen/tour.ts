/** Default seconds per stop of the auto-tour; `?tour=0` turns it off. */
export const DEFAULT_TOUR_SECONDS = 30;
/** Shorter stops would fly the camera before anyone can read the area. */
export const MIN_TOUR_SECONDS = 5;

/** `?tour=` → seconds per stop; 0 = no tour. Missing or unreadable → the default. */
export function parseTourSeconds(value: string | null): number {
  if (value === null || value.trim() === '') return DEFAULT_TOUR_SECONDS;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) return DEFAULT_TOUR_SECONDS;
  if (seconds === 0) return 0;
  return Math.max(MIN_TOUR_SECONDS, Math.round(seconds));
}

/**
 * The stops of the tour: the whole district (null) first, then every level-1 area in order, then
 * round again. `current` is the stop shown now; returns the next one.
 */
export function nextTourStop(areaCodes: readonly string[], current: string | null): string | null {
  if (areaCodes.length === 0) return null;
  if (current === null) return areaCodes[0] ?? null;
  const i = areaCodes.indexOf(current);
  return i < 0 || i === areaCodes.length - 1 ? null : (areaCodes[i + 1] ?? null);
}
