/**
 * Households and population of a redrawn grid. The registry figures stored on a grid are better than
 * any estimate, so an edit keeps them and only moves the difference the buildings (楼栋, with their
 * household counts) say crossed the boundary. A grid with no buildings on either side keeps its
 * figures; a new grid starts from its buildings alone.
 */

/** Mean household size in China's 2020 census (2.62 persons); used when a grid has no figures of its own. */
export const PERSONS_PER_HOUSEHOLD = 2.62;

export type Figures = { households: number; population: number };

export function householdSize(f: Figures): number {
  return f.households > 0 && f.population > 0 ? f.population / f.households : PERSONS_PER_HOUSEHOLD;
}

/** Figures after a geometry change: stored figures plus the buildings gained, minus those lost. */
export function estimateAfterReshape(
  before: Figures,
  buildingsBefore: number,
  buildingsAfter: number,
): Figures {
  const households = Math.max(0, before.households + buildingsAfter - buildingsBefore);
  return { households, population: Math.round(households * householdSize(before)) };
}

/** Figures of the two parts of a split: by buildings when there are any, else by area. */
export function splitFigures(
  before: Figures,
  parts: readonly { buildings: number; areaSquareMetres: number }[],
): Figures[] {
  const byBuildings = parts.reduce((s, p) => s + p.buildings, 0);
  const byArea = parts.reduce((s, p) => s + p.areaSquareMetres, 0);
  const shares = parts.map((p) =>
    byBuildings > 0 ? p.buildings / byBuildings : byArea > 0 ? p.areaSquareMetres / byArea : 1 / parts.length,
  );
  const households = apportion(before.households, shares);
  const population = apportion(before.population, shares);
  return households.map((h, i) => ({ households: h, population: population[i] ?? 0 }));
}

/** Integer shares that add up to `total` exactly (largest remainder), so a split never loses a household. */
export function apportion(total: number, shares: readonly number[]): number[] {
  const raw = shares.map((s) => total * s);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((s, x) => s + x, 0);
  const order = raw.map((r, i) => ({ i, rem: r - Math.floor(r) })).sort((a, b) => b.rem - a.rem);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
    left -= 1;
  }
  return out;
}

export function figuresOfNewGrid(buildingHouseholds: number): Figures {
  return {
    households: buildingHouseholds,
    population: Math.round(buildingHouseholds * PERSONS_PER_HOUSEHOLD),
  };
}
