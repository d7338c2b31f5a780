/**
 * The few dense spots where cases cluster (what the hotspot view must find): markets, old estates,
 * a school gate, the bus station, a construction site. Each has its own category mix.
 */
import type { CaseCategory } from '../../server/domain/case-vocabulary';
import type { GridLayout } from './grid-plan';
import type { LonLat } from './planar';
import type { Random } from './random';
import type { DemoGrid } from './types';

export type Hotspot = {
  name: string;
  centre: LonLat;
  sigmaMetres: number;
  /** Relative share of the hotspot cases that land here. */
  weight: number;
  categories: Partial<Record<CaseCategory, number>>;
};

type Template = Omit<Hotspot, 'name' | 'centre'> & { name: (place: string) => string; urban: boolean };

const TEMPLATES: Template[] = [
  {
    name: (p) => `${p}农贸市场`,
    urban: true,
    sigmaMetres: 90,
    weight: 3,
    categories: { environment: 4, traffic: 3, dispute: 2, safety: 1, property: 0.5 },
  },
  {
    name: (p) => `${p}商城夜市`,
    urban: true,
    sigmaMetres: 110,
    weight: 2,
    categories: { environment: 3, traffic: 2, dispute: 2, safety: 1 },
  },
  {
    name: (p) => `${p}老旧小区`,
    urban: true,
    sigmaMetres: 120,
    weight: 3,
    categories: { facilities: 4, property: 3, safety: 2, elderly: 2, environment: 1, dispute: 1 },
  },
  {
    name: (p) => `${p}矿工新村（老旧小区）`,
    urban: true,
    sigmaMetres: 140,
    weight: 2,
    categories: { facilities: 4, property: 2, elderly: 3, safety: 1 },
  },
  {
    name: (p) => `${p}小学校门口`,
    urban: true,
    sigmaMetres: 60,
    weight: 1.5,
    categories: { traffic: 5, safety: 3, environment: 1 },
  },
  {
    name: (p) => `${p}汽车站`,
    urban: true,
    sigmaMetres: 100,
    weight: 1.5,
    categories: { traffic: 4, environment: 2, dispute: 1, safety: 1 },
  },
  {
    name: (p) => `${p}建筑工地`,
    urban: false,
    sigmaMetres: 150,
    weight: 1,
    categories: { environment: 3, safety: 3, dispute: 2 },
  },
];

/** One hotspot per template, each in a different level-3 grid: urban ones in the streets' communities. */
export function planHotspots(layout: GridLayout, random: Random): Hotspot[] {
  const parentOf = (g: DemoGrid) => layout.byCode.get(g.parentCode as string) as DemoGrid;
  const isUrban = (g: DemoGrid) => layout.byCode.get(parentOf(g).parentCode as string)?.kind === 'street';
  const urban = random.shuffle(layout.level3.filter((g) => isUrban(g) && parentOf(g).kind === 'community'));
  const rural = random.shuffle(layout.level3.filter((g) => !isUrban(g)));
  return TEMPLATES.map((t) => {
    const grid = (t.urban ? urban.pop() : rural.pop()) as DemoGrid;
    const place = parentOf(grid).name.replace(/(社区|村)$/, '');
    const { name: _name, urban: _urban, ...rest } = t;
    return { ...rest, name: t.name(place), centre: grid.seeds[0] as LonLat };
  });
}
