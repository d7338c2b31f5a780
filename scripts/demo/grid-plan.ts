/**
 * Plans the three grid levels: codes, real names, kinds, households and the seed points of each cell.
 *
 * Why Voronoi seeds and not polygons: the loader grows each cell in PostGIS as
 * ST_VoronoiPolygons(seeds of the siblings) ∩ parent, which tiles the parent exactly by construction
 * (shared edges come from one diagram) on PGlite and PostgreSQL alike. Because a point lies in a
 * Voronoi cell iff its seed is the nearest one, this module can also say — without any polygon — in
 * which grid a point falls (`locate`), so cases, buildings and facilities get their grid codes here.
 *
 * Level 1 is the union of several Voronoi cells (sub-seeds) per street/town: the sub-seeds nearest to
 * the urban centre form the two streets (a compact core), the rest are split by bearing into three
 * towns around it, which is the usual shape of a Chinese district. Level 2 and 3 use one seed per
 * cell, spread by Mitchell's best-candidate sampling so sibling cells are of similar size.
 * The boundaries are synthetic (no public street boundaries exist); names and codes are real.
 */
import type { DistrictData } from './district-data';
import {
  bboxOf,
  boundaryDistanceDegrees,
  distanceDegrees,
  type LonLat,
  type MultiPolygonCoordinates,
  multiPolygonContains,
} from './planar';
import type { Random } from './random';
import type { DemoGrid } from './types';

/** Approximate centre of 萍乡 city (安源区 seat), WGS84. */
const URBAN_CENTRE: LonLat = [113.855, 27.625];
const LEVEL1_SUB_SEEDS = 40;
const URBAN_SUB_SEEDS = 8;
const POOL_SIZE = 60_000;
const BEST_CANDIDATE_TRIES = 15;
/** Points closer than this (degrees, ~1 cm) to a cell edge are avoided, so float noise cannot flip a grid. */
const EDGE_MARGIN_DEGREES = 1e-7;

/**
 * The five level-1 grids and how many communities / villages each holds: 14 + 15 = 29, as in the
 * seed scenario (003: 15 villages, 14 communities). Streets are urban, so mostly communities.
 */
const LEVEL1_PLAN = [
  { code: '360302002', kind: 'street', communities: 4, villages: 1 },
  { code: '360302004', kind: 'street', communities: 4, villages: 1 },
  { code: '360302100', kind: 'town', communities: 2, villages: 4 },
  { code: '360302101', kind: 'town', communities: 2, villages: 5 },
  { code: '360302103', kind: 'town', communities: 2, villages: 4 },
] as const;
/** Level-3 grids per level-2 grid: 14 communities → 84, 15 villages → 54; 138 in all. */
const UNITS_PER_COMMUNITY = [5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 7, 7, 7, 7];
const UNITS_PER_VILLAGE = [3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4];

export type Located = { l1: DemoGrid; l2: DemoGrid; l3: DemoGrid };

export type GridLayout = {
  grids: DemoGrid[];
  level1: DemoGrid[];
  level2: DemoGrid[];
  level3: DemoGrid[];
  byCode: ReadonlyMap<string, DemoGrid>;
  /** The grids containing `p`, or null outside the district or too close to an edge to be sure. */
  locate(p: LonLat): Located | null;
};

type Site = { seed: LonLat; grid: DemoGrid };

/** The grid whose seed is nearest, or null when a different grid's seed is (almost) as near. */
function nearestGrid(sites: readonly Site[], p: LonLat): DemoGrid | null {
  let best: Site | null = null;
  let bestD = Number.POSITIVE_INFINITY;
  for (const s of sites) {
    const d = distanceDegrees(s.seed, p);
    if (d < bestD) {
      best = s;
      bestD = d;
    }
  }
  if (!best) return null;
  for (const s of sites) {
    if (s.grid !== best.grid && distanceDegrees(s.seed, p) - bestD < EDGE_MARGIN_DEGREES) return null;
  }
  return best.grid;
}

function samplePool(outline: MultiPolygonCoordinates, random: Random): LonLat[] {
  const [minX, minY, maxX, maxY] = bboxOf(outline);
  const pool: LonLat[] = [];
  for (let i = 0; i < POOL_SIZE; i++) {
    const p: LonLat = [random.float(minX, maxX), random.float(minY, maxY)];
    if (multiPolygonContains(outline, p) && boundaryDistanceDegrees(outline, p) > EDGE_MARGIN_DEGREES) {
      pool.push(p);
    }
  }
  return pool;
}

/** Mitchell's best candidate: each new point is the candidate farthest from the points chosen so far. */
function bestCandidates(candidates: readonly LonLat[], count: number, random: Random): LonLat[] {
  if (candidates.length < count) throw new Error(`only ${candidates.length} candidates for ${count} seeds`);
  const chosen: LonLat[] = [random.pick(candidates)];
  while (chosen.length < count) {
    let best: LonLat = candidates[0] as LonLat;
    let bestD = -1;
    for (let t = 0; t < BEST_CANDIDATE_TRIES; t++) {
      const c = random.pick(candidates);
      const d = Math.min(...chosen.map((s) => distanceDegrees(s, c)));
      if (d > bestD) {
        best = c;
        bestD = d;
      }
    }
    chosen.push(best);
  }
  return chosen;
}

function bearing(p: LonLat): number {
  return Math.atan2(p[1] - URBAN_CENTRE[1], p[0] - URBAN_CENTRE[0]);
}

/** Splits sub-seeds into the five level-1 groups: urban core (two wedges), then three town sectors. */
function groupSubSeeds(subSeeds: readonly LonLat[]): LonLat[][] {
  const byDistance = [...subSeeds].sort(
    (a, b) => distanceDegrees(a, URBAN_CENTRE) - distanceDegrees(b, URBAN_CENTRE),
  );
  const urban = byDistance.slice(0, URBAN_SUB_SEEDS).sort((a, b) => bearing(a) - bearing(b));
  const rural = byDistance.slice(URBAN_SUB_SEEDS).sort((a, b) => bearing(a) - bearing(b));
  const half = URBAN_SUB_SEEDS / 2;
  const third = Math.ceil(rural.length / 3);
  return [
    urban.slice(0, half),
    urban.slice(half),
    rural.slice(0, third),
    rural.slice(third, 2 * third),
    rural.slice(2 * third),
  ];
}

function makeGrid(
  fields: Omit<DemoGrid, 'households' | 'population'>,
  households = 0,
  population = 0,
): DemoGrid {
  return { ...fields, households, population };
}

function planLevel1(district: DistrictData, pool: readonly LonLat[], random: Random): DemoGrid[] {
  const groups = groupSubSeeds(bestCandidates(pool, LEVEL1_SUB_SEEDS, random));
  return LEVEL1_PLAN.map((plan, i) => {
    const street = district.streets.find((s) => s.code === plan.code);
    if (!street) throw new Error(`street ${plan.code} missing from data/district.json`);
    return makeGrid({
      code: street.code,
      name: street.name,
      level: 1,
      kind: plan.kind,
      parentCode: null,
      seeds: groups[i] as LonLat[],
    });
  });
}

function pickCommunities(district: DistrictData, random: Random) {
  const counts = {
    community: random.shuffle(UNITS_PER_COMMUNITY),
    village: random.shuffle(UNITS_PER_VILLAGE),
  };
  return LEVEL1_PLAN.flatMap((plan) => {
    const own = district.communities.filter((c) => c.streetCode === plan.code);
    const take = (kind: 'community' | 'village', n: number) => {
      const chosen = random.shuffle(own.filter((c) => c.kind === kind)).slice(0, n);
      if (chosen.length < n) throw new Error(`${plan.code} has fewer than ${n} ${kind} entries`);
      return chosen.map((c) => ({ ...c, units: counts[kind].pop() as number }));
    };
    return [...take('community', plan.communities), ...take('village', plan.villages)].sort((a, b) =>
      a.code.localeCompare(b.code),
    );
  });
}

function sitesOf(grids: readonly DemoGrid[]): Site[] {
  return grids.flatMap((grid) => grid.seeds.map((seed) => ({ seed, grid })));
}

export function planGrids(district: DistrictData, random: Random): GridLayout {
  const outline = district.outline.coordinates;
  const pool = samplePool(outline, random.fork('pool'));
  const level1 = planLevel1(district, pool, random.fork('level1'));
  const l1Sites = sitesOf(level1);
  const poolByL1 = new Map<DemoGrid, LonLat[]>();
  for (const p of pool) {
    const g = nearestGrid(l1Sites, p);
    if (g) poolByL1.set(g, [...(poolByL1.get(g) ?? []), p]);
  }

  const seedRandom = random.fork('seeds');
  const householdRandom = random.fork('households');
  const level2: DemoGrid[] = [];
  const level3: DemoGrid[] = [];
  const chosen = pickCommunities(district, random.fork('communities'));
  for (const l1 of level1) {
    const members = chosen.filter((c) => c.streetCode === l1.code);
    const l1Pool = poolByL1.get(l1) ?? [];
    const seeds = bestCandidates(l1Pool, members.length, seedRandom);
    const children = members.map((c, i) =>
      makeGrid({
        code: c.code,
        name: c.name,
        level: 2,
        kind: c.kind,
        parentCode: l1.code,
        seeds: [seeds[i] as LonLat],
      }),
    );
    const l2Sites = sitesOf(children);
    children.forEach((l2, i) => {
      const l2Pool = l1Pool.filter((p) => nearestGrid(l2Sites, p) === l2);
      const unitSeeds = bestCandidates(l2Pool, (members[i] as { units: number }).units, seedRandom);
      unitSeeds.forEach((seed, n) => {
        const households = householdRandom.int(300, 500);
        level3.push(
          makeGrid(
            {
              code: `${l2.code}-${String(n + 1).padStart(2, '0')}`,
              name: `${l2.name}第${n + 1}网格`,
              level: 3,
              kind: 'unit',
              parentCode: l2.code,
              seeds: [seed],
            },
            households,
            Math.round(households * householdRandom.float(2.45, 2.8)),
          ),
        );
      });
    });
    level2.push(...children);
  }
  sumUp(level2, level3);
  sumUp(level1, level2);
  return layout(outline, level1, level2, level3);
}

/** Parents' households and population are the sums of their children's. */
function sumUp(parents: DemoGrid[], children: readonly DemoGrid[]): void {
  for (const parent of parents) {
    const own = children.filter((c) => c.parentCode === parent.code);
    parent.households = own.reduce((s, c) => s + c.households, 0);
    parent.population = own.reduce((s, c) => s + c.population, 0);
  }
}

function layout(
  outline: MultiPolygonCoordinates,
  level1: DemoGrid[],
  level2: DemoGrid[],
  level3: DemoGrid[],
): GridLayout {
  const grids = [...level1, ...level2, ...level3];
  const byCode = new Map(grids.map((g) => [g.code, g]));
  const l1Sites = sitesOf(level1);
  const childSites = new Map<string, Site[]>();
  for (const g of [...level2, ...level3]) {
    const parent = g.parentCode as string;
    childSites.set(parent, [...(childSites.get(parent) ?? []), ...sitesOf([g])]);
  }
  return {
    grids,
    level1,
    level2,
    level3,
    byCode,
    locate(p) {
      if (!multiPolygonContains(outline, p) || boundaryDistanceDegrees(outline, p) < EDGE_MARGIN_DEGREES) {
        return null;
      }
      const l1 = nearestGrid(l1Sites, p);
      const l2 = l1 && nearestGrid(childSites.get(l1.code) ?? [], p);
      const l3 = l2 && nearestGrid(childSites.get(l2.code) ?? [], p);
      return l1 && l2 && l3 ? { l1, l2, l3 } : null;
    },
  };
}
