/**
 * Buildings (楼栋) with households, placed inside their level-3 grid. Households of a grid's buildings
 * add up exactly to the grid's households, so coverage ratios have a true denominator.
 * Communities: multi-storey blocks of 24–96 households around one to three estates.
 * Villages: self-built houses of 1–4 households, spread over the village group (组).
 */
import type { GridLayout } from './grid-plan';
import { cellRadiusMetres, pointInGrid, scatter } from './placement';
import type { LonLat } from './planar';
import type { Random } from './random';
import type { DemoBuilding, DemoGrid } from './types';

const ESTATE_SUFFIXES = ['小区', '新村', '花园', '家园', '公寓', '华庭', '苑'];

/** Splits `total` into parts of `min`..`max` that add up exactly to `total`. */
export function splitHouseholds(total: number, min: number, max: number, random: Random): number[] {
  const parts: number[] = [];
  let left = total;
  while (left > 0) {
    const part = left <= max ? left : Math.min(random.int(min, max), left - min);
    parts.push(part);
    left -= part;
  }
  return parts;
}

function communityBuildings(
  layout: GridLayout,
  grid: DemoGrid,
  l2Name: string,
  random: Random,
): DemoBuilding[] {
  const base = l2Name.replace(/社区$/, '');
  const estates = Array.from({ length: random.int(1, 3) }, (_, i) => ({
    name: `${base}${ESTATE_SUFFIXES[(i + random.int(0, 6)) % ESTATE_SUFFIXES.length]}`,
    centre: pointInGrid(layout, grid, random, 0.45),
    next: 1,
  }));
  const radius = cellRadiusMetres(layout, grid);
  return splitHouseholds(grid.households, 24, 96, random).map((households) => {
    const estate = random.pick(estates);
    const hit = scatter(layout, estate.centre, radius * 0.25, random, (l) => l.l3 === grid);
    return {
      name: `${estate.name}${estate.next++}栋`,
      households,
      gridCode: grid.code,
      location: hit ? hit.location : estate.centre,
    };
  });
}

function villageBuildings(
  layout: GridLayout,
  grid: DemoGrid,
  l2Name: string,
  random: Random,
): DemoBuilding[] {
  const unitNo = Number(grid.code.slice(-2));
  return splitHouseholds(grid.households, 1, 4, random).map((households, i) => ({
    name: `${l2Name}${unitNo}组${i + 1}号`,
    households,
    gridCode: grid.code,
    location: pointInGrid(layout, grid, random, 0.7) as LonLat,
  }));
}

export function planBuildings(layout: GridLayout, random: Random): DemoBuilding[] {
  return layout.level3.flatMap((grid) => {
    const l2 = layout.byCode.get(grid.parentCode as string) as DemoGrid;
    return l2.kind === 'village'
      ? villageBuildings(layout, grid, l2.name, random)
      : communityBuildings(layout, grid, l2.name, random);
  });
}
