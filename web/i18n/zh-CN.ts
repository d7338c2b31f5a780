import { authZhCN } from './auth.zh-CN';
import { bigscreenZhCN } from './bigscreen.zh-CN';
import { hotspotsZhCN } from './hotspots.zh-CN';
import { partyZhCN } from './party.zh-CN';
import { plannerZhCN } from './planner.zh-CN';

/** Chinese (simplified) UI strings: the default language. `en.ts` must have the same keys. */
export const zhCN = {
  app: { title: '网格态势', subtitle: '网格化管理 · 一张图' },
  nav: { bigscreen: '态势大屏', grids: '网格总览', planner: '网格规划', hotspots: '热点下钻' },
  language: { label: '语言', 'zh-CN': '中文', en: 'English' },
  level: { 1: '一级网格', 2: '二级网格', 3: '三级网格' },
  levelShort: { 1: '街道', 2: '社区', 3: '网格' },
  grid: {
    code: '编码',
    households: '户数',
    population: '人口',
    children: '下级网格',
    staff: '网格人员',
    noStaff: '暂无人员信息',
    clickToOpen: '点击进入 {{name}}',
    notFound: '未找到网格 {{code}}',
    loading: '正在加载网格…',
    loadFailed: '网格数据加载失败：{{message}}',
  },
  breadcrumb: { label: '层级导航', root: '{{district}}全域' },
  legend: {
    title: '三级网格户数',
    unit: '户',
    below: '< {{max}}',
    atLeast: '≥ {{min}}',
    range: '{{min}}–{{max}}',
  },
  tiers: {
    title: '网格层级',
    level1: '一级网格 {{count}} 个',
    level2: '二级网格 {{count}} 个',
    level3: '三级网格 {{count}} 个',
  },
  views: {
    grids: { summary: '全区网格一图总览：街道、社区、网格三级边界与户数分布。' },
  },
  staffRole: { grid_worker: '网格员', grid_head: '网格长', building_head: '楼栋长' },
  bigscreen: bigscreenZhCN,
  hotspots: hotspotsZhCN,
  planner: plannerZhCN,
  party: partyZhCN,
  auth: authZhCN,
} as const;

/** The shape every language must provide. */
export type Messages = { [K in keyof typeof zhCN]: DeepStrings<(typeof zhCN)[K]> };
type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
