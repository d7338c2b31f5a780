/**
 * 在职党员"双报到" registrations with their service records, and the 需求清单/资源清单/项目清单 with
 * 双向认领 claims (seeds 000/001/004). Claims respect the server's rule (same category, within the
 * resource's service distance, capacity) with a safety margin for the planar distance used here.
 */
import {
  NEED_CATEGORIES,
  NEED_CATEGORY_NAMES,
  type NeedCategory,
} from '../../server/domain/party/vocabulary';
import type { GridLayout } from './grid-plan';
import { officePhone, personName } from './people';
import { pointInGrid } from './placement';
import type { LonLat } from './planar';
import type { Random } from './random';
import type { DemoBuilding, DemoGrid } from './types';

const DAY_MS = 86_400_000;
/** Planar distances here may differ slightly from PostGIS geography; claims keep this margin. */
const CLAIM_MARGIN = 0.85;
const CLAIM_SHARE = 0.65;
const EMPLOYERS = [
  '区委组织部',
  '区财政局',
  '区人社局',
  '区卫健委',
  '区市场监管局',
  '区税务局',
  '区人民法院',
  '区供电公司',
  '区教育局',
  '区住建局',
];
const ACTIVITIES = [
  '政策宣传',
  '环境整治',
  '敬老助老',
  '矛盾调解',
  '四点半课堂',
  '文明劝导',
  '走访慰问',
  '疫苗接种引导',
];

export type DemoRegistration = {
  memberName: string;
  employer: string;
  communityCode: string;
  gridCode: string | null;
  phone: string;
  registeredAt: Date;
  services: { activity: string; location: LonLat | null; servedAt: Date; hours: number }[];
};
export type DemoResource = {
  category: NeedCategory;
  name: string;
  provider: string;
  providerKind: 'unit' | 'volunteer';
  capacity: number;
  serviceRadiusMetres: number;
  gridCode: string;
  location: LonLat;
};
export type DemoNeed = {
  category: NeedCategory;
  description: string;
  location: LonLat;
  reportedAt: Date;
  /** Index into resources / projects. */
  resource: number | null;
  claimedAt: Date | null;
  project: number | null;
};
export type DemoProject = { name: string; gridCode: string; resource: number; startedOn: string };
export type DemoPartyLists = {
  registrations: DemoRegistration[];
  resources: DemoResource[];
  needs: DemoNeed[];
  projects: DemoProject[];
};

/** Equirectangular metres: accurate to well under 1 % at district scale. */
export function approxMetres(a: LonLat, b: LonLat): number {
  const lat = ((a[1] + b[1]) / 2) * (Math.PI / 180);
  return Math.hypot((a[0] - b[0]) * 111_320 * Math.cos(lat), (a[1] - b[1]) * 110_574);
}

function services(random: Random, grid: DemoGrid | null, layout: GridLayout, now: Date) {
  if (!random.chance(0.6)) return [];
  return Array.from({ length: random.int(1, 6) }, () => ({
    activity: random.pick(ACTIVITIES),
    location: grid && random.chance(0.7) ? pointInGrid(layout, grid, random) : null,
    servedAt: new Date(now.getTime() - random.float(0.1, 60) * DAY_MS),
    hours: random.int(2, 8) / 2,
  }));
}

function registrations(layout: GridLayout, now: Date, random: Random): DemoRegistration[] {
  return layout.level2.flatMap((l2) => {
    const grids = layout.level3.filter((g) => g.parentCode === l2.code);
    const count = l2.kind === 'community' ? random.int(4, 12) : random.int(0, 3);
    return Array.from({ length: count }, () => {
      const grid = random.chance(0.9) ? random.pick(grids) : null;
      return {
        memberName: personName(random),
        employer: random.pick(EMPLOYERS),
        communityCode: l2.code,
        gridCode: grid?.code ?? null,
        phone: officePhone(random),
        registeredAt: new Date(now.getTime() - random.int(10, 700) * DAY_MS),
        services: services(random, grid, layout, now),
      };
    });
  });
}

function resources(layout: GridLayout, random: Random): DemoResource[] {
  return layout.level2.flatMap((l2) => {
    const grids = layout.level3.filter((g) => g.parentCode === l2.code);
    return Array.from({ length: random.int(2, 5) }, () => {
      const category = random.pick(NEED_CATEGORIES);
      const grid = random.pick(grids);
      const unit = random.chance(0.6);
      const provider = unit ? `${random.pick(EMPLOYERS)}党支部` : `志愿者${personName(random)}`;
      return {
        category,
        name: `${NEED_CATEGORY_NAMES[category]}服务（${provider}）`,
        provider,
        providerKind: unit ? 'unit' : 'volunteer',
        capacity: random.int(2, 8),
        serviceRadiusMetres: random.int(8, 30) * 100,
        gridCode: grid.code,
        location: pointInGrid(layout, grid, random),
      };
    });
  });
}

/** The nearest resource of the category with capacity left, well inside its service distance. */
function claimable(need: DemoNeed, all: readonly DemoResource[], used: number[]): number | null {
  let best: number | null = null;
  let bestMetres = Number.POSITIVE_INFINITY;
  all.forEach((r, i) => {
    const metres = approxMetres(r.location, need.location);
    const fits = r.category === need.category && (used[i] ?? 0) < r.capacity;
    if (fits && metres < r.serviceRadiusMetres * CLAIM_MARGIN && metres < bestMetres) {
      best = i;
      bestMetres = metres;
    }
  });
  return best;
}

function needs(buildings: readonly DemoBuilding[], all: readonly DemoResource[], now: Date, random: Random) {
  const used = all.map(() => 0);
  const byGrid = new Map<string, DemoBuilding[]>();
  for (const b of buildings) byGrid.set(b.gridCode, [...(byGrid.get(b.gridCode) ?? []), b]);
  return [...byGrid.values()].flatMap((inGrid) =>
    Array.from({ length: random.int(1, 5) }, (): DemoNeed => {
      const category = random.pick(NEED_CATEGORIES);
      const building = random.pick(inGrid);
      const reportedAt = new Date(now.getTime() - random.float(1, 120) * DAY_MS);
      const need: DemoNeed = {
        category,
        description: `${building.name}居民${NEED_CATEGORY_NAMES[category]}需求`,
        location: building.location,
        reportedAt,
        resource: null,
        claimedAt: null,
        project: null,
      };
      const r = random.chance(CLAIM_SHARE) ? claimable(need, all, used) : null;
      if (r === null) return need;
      used[r] = (used[r] ?? 0) + 1;
      const claimedAt = new Date(
        Math.min(now.getTime(), reportedAt.getTime() + random.float(0.5, 10) * DAY_MS),
      );
      return { ...need, resource: r, claimedAt };
    }),
  );
}

/** A project per resource that took two needs or more, linking those needs. */
function projects(all: readonly DemoResource[], list: DemoNeed[], now: Date): DemoProject[] {
  const out: DemoProject[] = [];
  all.forEach((r, i) => {
    const linked = list.filter((n) => n.resource === i);
    if (linked.length < 2) return;
    for (const n of linked) n.project = out.length;
    out.push({
      name: `${r.name}项目`,
      gridCode: r.gridCode,
      resource: i,
      startedOn: now.toISOString().slice(0, 10),
    });
  });
  return out;
}

export function planPartyLists(
  layout: GridLayout,
  buildings: readonly DemoBuilding[],
  now: Date,
  random: Random,
): DemoPartyLists {
  const regs = registrations(layout, now, random.fork('registrations'));
  const res = resources(layout, random.fork('resources'));
  const list = needs(buildings, res, now, random.fork('needs'));
  return { registrations: regs, resources: res, needs: list, projects: projects(res, list, now) };
}
