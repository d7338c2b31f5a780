import { authEn } from './auth.en';
import { bigscreenEn } from './bigscreen.en';
import { hotspotsEn } from './hotspots.en';
import { partyEn } from './party.en';
import { plannerEn } from './planner.en';
import type { Messages } from './zh-CN';

export const en: Messages = {
  app: { title: 'GridSight', subtitle: 'Grid governance situation room' },
  nav: { bigscreen: 'Big screen', grids: 'Grid map', planner: 'Planner', hotspots: 'Hotspots' },
  language: { label: 'Language', 'zh-CN': '中文', en: 'English' },
  level: { 1: 'Level-1 grid', 2: 'Level-2 grid', 3: 'Level-3 grid' },
  levelShort: { 1: 'Street', 2: 'Community', 3: 'Grid' },
  grid: {
    code: 'Code',
    households: 'Households',
    population: 'Population',
    children: 'Sub-grids',
    staff: 'Grid staff',
    noStaff: 'No staff on record',
    clickToOpen: 'Click to open {{name}}',
    notFound: 'No grid {{code}}',
    loading: 'Loading grids…',
    loadFailed: 'Could not load grids: {{message}}',
  },
  breadcrumb: { label: 'Hierarchy', root: 'All of {{district}}' },
  legend: {
    title: 'Households per level-3 grid',
    unit: 'households',
    below: '< {{max}}',
    atLeast: '≥ {{min}}',
    range: '{{min}}–{{max}}',
  },
  tiers: {
    title: 'Grid tiers',
    level1: '{{count}} level-1 grids',
    level2: '{{count}} level-2 grids',
    level3: '{{count}} level-3 grids',
  },
  views: {
    grids: {
      summary: 'The whole district at a glance: street, community and grid boundaries, households.',
    },
  },
  staffRole: { grid_worker: 'Grid worker', grid_head: 'Grid head', building_head: 'Building head' },
  bigscreen: bigscreenEn,
  hotspots: hotspotsEn,
  planner: plannerEn,
  party: partyEn,
  auth: authEn,
};
