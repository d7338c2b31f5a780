/**
 * Composes the demo cases: kind (case-mix), time (case-clock), place (hotspots or near homes),
 * workflow (case-timeline, replayed through the state machine) and the stored fields (case-record).
 */
import { CATEGORY_NAMES, type CaseCategory, DEPARTMENTS } from '../../server/domain/case-vocabulary';
import { dueAt } from '../../server/domain/sla';
import { beijingDate, createCaseClock } from './case-clock';
import {
  type CaseKind,
  isScenarioCase,
  OPEN_MEDIATIONS,
  planCaseKinds,
  planPriority,
  SCENARIO,
} from './case-mix';
import { recordFromEvents } from './case-record';
import { caseDescription, caseTitle, resolutionNote } from './case-text';
import { planTimeline, type TimelineMode } from './case-timeline';
import type { GridLayout, Located } from './grid-plan';
import type { Hotspot } from './hotspots';
import { reporterName } from './people';
import { scatter } from './placement';
import type { LonLat } from './planar';
import type { Random } from './random';
import type { DemoBuilding, DemoCase, DemoGrid, DemoStaff } from './types';

/** Share of cases at the hotspots (before category fit): enough for clear clusters on the map. */
const HOTSPOT_SHARE = 0.32;
const HOME_SIGMA_METRES = 30;

export type CaseContext = {
  layout: GridLayout;
  buildings: readonly DemoBuilding[];
  hotspots: readonly Hotspot[];
  staff: readonly DemoStaff[];
  now: Date;
};

type Place = { location: LonLat; located: Located; placeName: string; hotspot: Hotspot | null };

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function createPlacer(ctx: CaseContext) {
  const { layout, hotspots } = ctx;
  const buildingsByGrid = groupBy(ctx.buildings, (b) => b.gridCode);
  const gridWeights = layout.level3.map((g) => {
    const l2 = layout.byCode.get(g.parentCode as string) as DemoGrid;
    return g.households * (l2.kind === 'community' ? 1.5 : 0.7);
  });
  const nearHome = (random: Random): Place => {
    const grid = layout.level3[random.weightedIndex(gridWeights)] as DemoGrid;
    const homes = buildingsByGrid.get(grid.code) ?? [];
    const home = homes[random.weightedIndex(homes.map((b) => b.households))] as DemoBuilding;
    const hit = scatter(layout, home.location, HOME_SIGMA_METRES, random, (l) => l.l3 === grid);
    const location = hit ? hit.location : home.location;
    return { location, located: layout.locate(location) as Located, placeName: home.name, hotspot: null };
  };
  return (category: CaseCategory, random: Random): Place => {
    const weights = hotspots.map((h) => h.weight * (h.categories[category] ?? 0));
    if (!random.chance(HOTSPOT_SHARE) || weights.every((w) => w === 0)) return nearHome(random);
    const hotspot = hotspots[random.weightedIndex(weights)] as Hotspot;
    const hit = scatter(layout, hotspot.centre, hotspot.sigmaMetres, random, () => true);
    if (!hit) return nearHome(random);
    return { location: hit.location, located: hit.located, placeName: hotspot.name, hotspot };
  };
}

/**
 * The scenario outcomes (see case-mix.ts): the latest two non-dispute visits and the latest two patrol
 * disputes stay open; every other visit and patrol dispute is resolved by `now`.
 */
function scenarioModes(kinds: readonly { kind: CaseKind; reportedAt: Date }[]): TimelineMode[] {
  const modes: TimelineMode[] = kinds.map((k) => (isScenarioCase(k.kind) ? 'resolve' : 'free'));
  const latest = (match: (k: CaseKind) => boolean, count: number) => {
    const picked = kinds
      .map((k, i) => ({ ...k, i }))
      .filter((k) => match(k.kind))
      .slice(-count);
    for (const p of picked) modes[p.i] = 'open';
  };
  latest(
    (k) => k.source === 'visit' && k.category !== 'dispute',
    SCENARIO.appealsCollected - SCENARIO.appealsResolved,
  );
  latest((k) => k.source === 'patrol' && k.category === 'dispute', OPEN_MEDIATIONS);
  return modes;
}

function departmentFor(category: CaseCategory, hotspot: Hotspot | null, random: Random): string {
  if (category === 'environment' && hotspot?.name.endsWith('农贸市场') && random.chance(0.3)) {
    return 'market_supervision';
  }
  return CATEGORY_NAMES[category].department;
}

function reporterOf(kind: CaseKind, worker: string, random: Random): { actor: string; name: string | null } {
  switch (kind.source) {
    case 'hotline':
      return { actor: '12345热线', name: reporterName(random) };
    case 'app':
      return { actor: '随手拍（居民）', name: reporterName(random) };
    case 'camera':
      return { actor: '雪亮工程智能识别', name: null };
    case 'visit':
      return { actor: `网格员${worker}`, name: reporterName(random) };
    case 'patrol':
      return { actor: `网格员${worker}`, name: null };
  }
}

export function planCases(ctx: CaseContext, random: Random): DemoCase[] {
  const clock = createCaseClock(ctx.now);
  const timeRandom = random.fork('case-times');
  const timed = planCaseKinds(random.fork('case-kinds'))
    .map((kind, i) => ({ kind, i, reportedAt: clock.sample(kind.source, timeRandom) }))
    .sort((a, b) => a.reportedAt.getTime() - b.reportedAt.getTime() || a.i - b.i);
  const modes = scenarioModes(timed);
  const place = createPlacer(ctx);
  const workersByGrid = groupBy(
    ctx.staff.filter((s) => s.role === 'grid_worker'),
    (s) => s.gridCode,
  );
  const perDay = new Map<string, number>();
  return timed.map(({ kind, reportedAt }, index) => {
    const where = place(kind.category, random);
    const { l1, l2, l3 } = where.located;
    const worker = random.pick((workersByGrid.get(l3.code) ?? []).map((s) => s.name));
    const priority = planPriority(kind.category, random);
    const due = dueAt(reportedAt, priority, kind.category);
    const departmentCode = departmentFor(kind.category, where.hotspot, random);
    const reporter = reporterOf(kind, worker, random);
    const events = planTimeline(
      {
        source: kind.source,
        reportedAt,
        dueAt: due,
        now: ctx.now,
        mode: modes[index] as TimelineMode,
        departmentCode,
        actors: {
          reporter: reporter.actor,
          centre: `${l1.name}综治中心`,
          worker,
          department: DEPARTMENTS[departmentCode]?.zh ?? departmentCode,
        },
        resolutionNote: resolutionNote(kind.category),
      },
      random,
    );
    const day = beijingDate(reportedAt);
    const seq = (perDay.get(day) ?? 0) + 1;
    perDay.set(day, seq);
    const title = caseTitle(kind.category, random);
    const placeName = where.placeName.startsWith(l2.name) ? where.placeName : `${l2.name}${where.placeName}`;
    const address = `${l1.name}${placeName}附近`;
    return {
      code: `AY${day}-${String(seq).padStart(5, '0')}`,
      source: kind.source,
      category: kind.category,
      priority,
      title,
      description: caseDescription(title, address),
      address,
      reporterName: reporter.name,
      location: where.location,
      gridCode: l3.code,
      gridL2Code: l2.code,
      gridL1Code: l1.code,
      reportedAt,
      dueAt: due,
      ...recordFromEvents(events),
      events,
    };
  });
}
