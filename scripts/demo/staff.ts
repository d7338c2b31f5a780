/**
 * Staff: grid workers (网格员) on level-3 grids — every one staffed, the biggest get a second worker,
 * 163 in all as in the seed scenario — one grid head (网格长) per level-2 grid, and building heads
 * (楼栋长) for most community blocks.
 */
import type { GridLayout } from './grid-plan';
import { officePhone, personName } from './people';
import type { Random } from './random';
import type { DemoBuilding, DemoStaff } from './types';

export const GRID_WORKER_COUNT = 163;
const BUILDING_HEAD_SHARE = 0.8;
const BUILDING_HEAD_MIN_HOUSEHOLDS = 24;

export function planStaff(
  layout: GridLayout,
  buildings: readonly DemoBuilding[],
  random: Random,
): DemoStaff[] {
  const person = (role: DemoStaff['role'], gridCode: string): DemoStaff => ({
    name: personName(random),
    role,
    gridCode,
    phone: officePhone(random),
  });
  const extra = GRID_WORKER_COUNT - layout.level3.length;
  const busiest = [...layout.level3].sort(
    (a, b) => b.households - a.households || a.code.localeCompare(b.code),
  );
  const workers = [
    ...layout.level3.map((g) => person('grid_worker', g.code)),
    ...busiest.slice(0, extra).map((g) => person('grid_worker', g.code)),
  ];
  const heads = layout.level2.map((g) => person('grid_head', g.code));
  const buildingHeads = buildings
    .filter((b) => b.households >= BUILDING_HEAD_MIN_HOUSEHOLDS && random.chance(BUILDING_HEAD_SHARE))
    .map((b) => person('building_head', b.gridCode));
  return [...workers, ...heads, ...buildingHeads];
}
