/**
 * The party-building vocabulary (党建引领), one allow-list per concept. The SQL CHECKs in
 * server/db/migrations/010_party.sql mirror these lists; Chinese terms as in the seed documents.
 */

/** Organisation units, in the order of the chains they belong to. */
export const UNIT_KINDS = [
  'street_committee', // 街道党工委 street party working committee
  'community_committee', // 社区党委 community party committee
  'community_grand_committee', // 社区"大党委" community grand committee (seed 001 variant)
  'grid_branch', // 网格(小区)党支部 grid / estate party branch
  'grid_work_group', // 网格工作组 grid work group (seed 001 variant)
  'building_group', // 楼栋党小组 building party group
  'building_head_post', // 楼栋长 building head post (seed 001 variant)
  'member_household', // 党员中心户 party-member household
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_NAMES: Readonly<Record<UnitKind, { zh: string; en: string }>> = {
  street_committee: { zh: '街道党工委', en: 'Street party working committee' },
  community_committee: { zh: '社区党委', en: 'Community party committee' },
  community_grand_committee: { zh: '社区大党委', en: 'Community grand party committee' },
  grid_branch: { zh: '网格党支部', en: 'Grid party branch' },
  grid_work_group: { zh: '网格工作组', en: 'Grid work group' },
  building_group: { zh: '楼栋党小组', en: 'Building party group' },
  building_head_post: { zh: '楼栋长', en: 'Building head' },
  member_household: { zh: '党员中心户', en: 'Party-member household' },
};

/**
 * The allowed parent kinds: seed 000's chain 街道党工委 → 社区党委 → 网格党支部 → 楼栋党小组 → 党员中心户
 * and seed 001's 社区大党委 → 网格工作组 → 楼栋长 → 党员中心户 (a grand committee also answers to the street).
 * A member household may hang directly under a grid-tier unit where its building has no group, or under
 * the community committee where the grid has no branch yet.
 */
export const PARENT_KINDS: Readonly<Record<UnitKind, readonly (UnitKind | null)[]>> = {
  street_committee: [null],
  community_committee: ['street_committee'],
  community_grand_committee: ['street_committee'],
  grid_branch: ['community_committee', 'community_grand_committee'],
  grid_work_group: ['community_grand_committee', 'community_committee'],
  building_group: ['grid_branch', 'grid_work_group'],
  building_head_post: ['grid_work_group', 'grid_branch'],
  member_household: [
    'building_group',
    'building_head_post',
    'grid_branch',
    'grid_work_group',
    'community_committee',
    'community_grand_committee',
  ],
};

export function isAllowedParent(kind: UnitKind, parent: UnitKind | null): boolean {
  return PARENT_KINDS[kind].includes(parent);
}

/**
 * Grid-tier units: 有支部 (has a branch) counts either. In seed 001's variant the work group, led by the
 * grand committee, is the party organisation at grid level.
 */
export const GRID_TIER_KINDS: readonly UnitKind[] = ['grid_branch', 'grid_work_group'];
/** Building-tier units: a building with one of these (or a member household) counts as covered. */
export const BUILDING_TIER_KINDS: readonly UnitKind[] = ['building_group', 'building_head_post'];

/** Member roles, including the Pingxiang "234" system (seed 003): 2 = 两委, 3 = 三长, 4 = 四员. */
export const MEMBER_ROLES = [
  'secretary', // 书记 party secretary
  'grid_head', // 网格长 grid head (also one of the 三长 in communities)
  'building_head', // 楼栋长 building head (三长, communities)
  'household_head', // 党员中心户户主 head of a party-member household
  'two_committees', // 两委 member of the village/community party and residents' committees
  'party_group_leader', // 党小组长 party group leader (三长)
  'villager_group_leader', // 村民小组长 villager group leader (三长, villages)
  'council_head', // 理事长 council head (三长, villages)
  'policy_publicist', // 政策宣传员 policy publicist (四员)
  'information_collector', // 信息收集员 information collector (四员)
  'stability_mediator', // 维稳调解员 stability and mediation officer (四员)
  'business_mentor', // 创业指导员 business start-up mentor (四员)
] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const MEMBER_ROLE_NAMES: Readonly<Record<MemberRole, string>> = {
  secretary: '书记',
  grid_head: '网格长',
  building_head: '楼栋长',
  household_head: '党员中心户',
  two_committees: '两委',
  party_group_leader: '党小组长',
  villager_group_leader: '村民小组长',
  council_head: '理事长',
  policy_publicist: '政策宣传员',
  information_collector: '信息收集员',
  stability_mediator: '维稳调解员',
  business_mentor: '创业指导员',
};

/** Categories shared by needs (需求清单) and resources (资源清单); a claim needs the same category. */
export const NEED_CATEGORIES = [
  'elderly_care', // 养老助老 elderly care
  'child_care', // 儿童托管 (四点半课堂) after-school care
  'medical', // 医疗健康 health
  'legal', // 法律咨询 legal advice
  'employment', // 就业创业 jobs and start-ups
  'repair', // 便民维修 household repairs
  'environment', // 环境整治 neighbourhood environment
  'culture', // 文体活动 culture and sport
] as const;
export type NeedCategory = (typeof NEED_CATEGORIES)[number];

export const NEED_CATEGORY_NAMES: Readonly<Record<NeedCategory, string>> = {
  elderly_care: '养老助老',
  child_care: '儿童托管',
  medical: '医疗健康',
  legal: '法律咨询',
  employment: '就业创业',
  repair: '便民维修',
  environment: '环境整治',
  culture: '文体活动',
};

/** 红帆驿站 / 党建驿站 (facility kind 'station') and 党群服务中心 ('service_center'). */
export const STATION_FACILITY_KINDS = ['service_center', 'station'] as const;
/** Walking distance to a station, metres on the spheroid. */
export const WALKING_DISTANCE_METRES = 500;
/** "Active" in-service members served at least once in this many days. */
export const ACTIVE_WINDOW_DAYS = 30;
