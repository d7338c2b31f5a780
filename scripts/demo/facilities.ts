/**
 * Service points: a 党群服务中心 per community/village, a 红帆驿站 (communities) or 党建驿站 (villages)
 * per level-2 grid plus more in big communities, a 矛盾纠纷调处中心 per street/town, 雪亮工程 cameras
 * (denser in town centres and around hotspots) and 党员中心户 households.
 */
import type { GridLayout } from './grid-plan';
import type { Hotspot } from './hotspots';
import { pointInGrid, scatter } from './placement';
import type { LonLat } from './planar';
import type { Random } from './random';
import type { DemoBuilding, DemoFacility, DemoGrid } from './types';

function near(
  layout: GridLayout,
  centre: LonLat,
  sigmaMetres: number,
  random: Random,
  accept: (l: { l1: DemoGrid; l2: DemoGrid }) => boolean,
): { location: LonLat; gridCode: string } | null {
  const hit = scatter(layout, centre, sigmaMetres, random, accept);
  return hit && { location: hit.location, gridCode: hit.located.l3.code };
}

function centres(layout: GridLayout, random: Random): DemoFacility[] {
  const out: DemoFacility[] = [];
  for (const l2 of layout.level2) {
    const spot = near(layout, l2.seeds[0] as LonLat, 60, random, (l) => l.l2 === l2);
    if (spot) out.push({ kind: 'service_center', name: `${l2.name}党群服务中心`, ...spot });
    const stations = l2.kind === 'community' ? random.int(1, 2) : 1;
    const stationName = l2.kind === 'community' ? '红帆驿站' : '党建驿站';
    for (let i = 0; i < stations; i++) {
      const station = near(layout, l2.seeds[0] as LonLat, 400, random, (l) => l.l2 === l2);
      if (station)
        out.push({ kind: 'station', name: `${l2.name}${stationName}${i ? `（${i + 1}）` : ''}`, ...station });
    }
  }
  for (const l1 of layout.level1) {
    const spot = near(layout, l1.seeds[0] as LonLat, 80, random, (l) => l.l1 === l1);
    if (spot) out.push({ kind: 'mediation_center', name: `${l1.name}矛盾纠纷调处中心`, ...spot });
  }
  return out;
}

function cameras(layout: GridLayout, hotspots: readonly Hotspot[], random: Random): DemoFacility[] {
  const points: { location: LonLat; gridCode: string }[] = [];
  for (const grid of layout.level3) {
    const l2 = layout.byCode.get(grid.parentCode as string) as DemoGrid;
    const count = l2.kind === 'community' ? random.int(3, 6) : random.int(1, 2);
    for (let i = 0; i < count; i++)
      points.push({ location: pointInGrid(layout, grid, random), gridCode: grid.code });
  }
  for (const h of hotspots) {
    for (let i = 0; i < random.int(4, 8); i++) {
      const spot = near(layout, h.centre, h.sigmaMetres, random, () => true);
      if (spot) points.push(spot);
    }
  }
  return points.map((p, i) => ({
    kind: 'camera',
    name: `雪亮工程监控点 AY-${String(i + 1).padStart(4, '0')}`,
    ...p,
  }));
}

function partyHouseholds(
  layout: GridLayout,
  buildings: readonly DemoBuilding[],
  random: Random,
): DemoFacility[] {
  const byGrid = new Map<string, DemoBuilding[]>();
  for (const b of buildings) byGrid.set(b.gridCode, [...(byGrid.get(b.gridCode) ?? []), b]);
  return layout.level3.flatMap((grid) =>
    random
      .shuffle(byGrid.get(grid.code) ?? [])
      .slice(0, random.int(1, 3))
      .map(
        (b): DemoFacility => ({
          kind: 'party_household',
          name: `党员中心户（${b.name}）`,
          gridCode: grid.code,
          location: b.location,
        }),
      ),
  );
}

export function planFacilities(
  layout: GridLayout,
  buildings: readonly DemoBuilding[],
  hotspots: readonly Hotspot[],
  random: Random,
): DemoFacility[] {
  return [
    ...centres(layout, random),
    ...cameras(layout, hotspots, random),
    ...partyHouseholds(layout, buildings, random),
  ];
}
