/** Scattering points around a centre so that they land in a wanted grid (rejection sampling). */
import type { GridLayout, Located } from './grid-plan';
import { degreesPerMetre, distanceDegrees, type LonLat } from './planar';
import type { Random } from './random';
import type { DemoGrid } from './types';

const TRIES = 40;

export function jitter(centre: LonLat, sigmaMetres: number, random: Random): LonLat {
  const per = degreesPerMetre(centre[1]);
  return [
    centre[0] + random.normal() * sigmaMetres * per.lon,
    centre[1] + random.normal() * sigmaMetres * per.lat,
  ];
}

/**
 * A point near `centre` accepted by `accept` (e.g. "inside level-3 grid X"); after TRIES misses the
 * centre itself, which callers choose inside the wanted grid.
 */
export function scatter(
  layout: GridLayout,
  centre: LonLat,
  sigmaMetres: number,
  random: Random,
  accept: (located: Located) => boolean,
): { location: LonLat; located: Located } | null {
  for (let i = 0; i < TRIES; i++) {
    const p = jitter(centre, sigmaMetres, random);
    const located = layout.locate(p);
    if (located && accept(located)) return { location: p, located };
  }
  const located = layout.locate(centre);
  return located && accept(located) ? { location: centre, located } : null;
}

/** Half the distance to the nearest other level-3 seed, in metres: a rough radius of the cell. */
export function cellRadiusMetres(layout: GridLayout, grid: DemoGrid): number {
  const seed = grid.seeds[0] as LonLat;
  let min = Number.POSITIVE_INFINITY;
  for (const other of layout.level3) {
    if (other !== grid) min = Math.min(min, distanceDegrees(seed, other.seeds[0] as LonLat));
  }
  return (min / 2) * 111_320;
}

/** A point inside level-3 `grid`, spread over most of its cell. */
export function pointInGrid(layout: GridLayout, grid: DemoGrid, random: Random, spread = 0.6): LonLat {
  const seed = grid.seeds[0] as LonLat;
  const hit = scatter(layout, seed, cellRadiusMetres(layout, grid) * spread, random, (l) => l.l3 === grid);
  return hit ? hit.location : seed;
}
