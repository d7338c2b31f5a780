/** Where a case came from. */
export const CASE_SOURCES = ['hotline', 'patrol', 'app', 'camera', 'visit'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

/** Case categories; each maps to an Open311 service and has a default department. */
export const CASE_CATEGORIES = [
  'dispute',
  'environment',
  'safety',
  'facilities',
  'elderly',
  'policy',
  'property',
  'traffic',
] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

export const CATEGORY_NAMES: Readonly<Record<CaseCategory, { zh: string; en: string; department: string }>> =
  {
    dispute: { zh: '矛盾纠纷', en: 'Disputes', department: 'mediation' },
    environment: { zh: '环境卫生', en: 'Environment & sanitation', department: 'urban_management' },
    safety: { zh: '安全隐患', en: 'Safety hazards', department: 'emergency' },
    facilities: { zh: '设施维修', en: 'Facility repairs', department: 'housing' },
    elderly: { zh: '养老服务', en: 'Elderly care', department: 'civil_affairs' },
    policy: { zh: '政策咨询', en: 'Policy enquiries', department: 'service_center' },
    property: { zh: '物业管理', en: 'Property management', department: 'housing' },
    traffic: { zh: '交通秩序', en: 'Traffic & parking', department: 'traffic_police' },
  };

export const DEPARTMENTS: Readonly<Record<string, { zh: string; en: string }>> = {
  mediation: { zh: '司法所（矛盾纠纷调处中心）', en: 'Justice office (mediation centre)' },
  urban_management: { zh: '城管执法中队', en: 'Urban management' },
  emergency: { zh: '应急管理办', en: 'Emergency management' },
  housing: { zh: '住建所', en: 'Housing & construction' },
  civil_affairs: { zh: '民政办', en: 'Civil affairs' },
  service_center: { zh: '党群服务中心', en: 'Party-masses service centre' },
  traffic_police: { zh: '交警中队', en: 'Traffic police' },
  market_supervision: { zh: '市场监管所', en: 'Market supervision' },
};
