/**
 * The five haves of a small area (小区"五有", seed 000): 有支部、有阵地、有经费、有志愿服务、有协商共治机制.
 * Branch and position are derived from the organisation and the facilities; the other three are
 * recorded with the date they were put in place.
 */
export const FIVE_HAVES = ['branch', 'position', 'funding', 'volunteer', 'coGovernance'] as const;
export type FiveHave = (typeof FIVE_HAVES)[number];

export const FIVE_HAVE_NAMES: Readonly<Record<FiveHave, { zh: string; en: string }>> = {
  branch: { zh: '有支部', en: 'Has a party branch' },
  position: { zh: '有阵地', en: 'Has a service position (station within walking distance)' },
  funding: { zh: '有经费', en: 'Has funding' },
  volunteer: { zh: '有志愿服务', en: 'Has volunteer service' },
  coGovernance: { zh: '有协商共治机制', en: 'Has a consultation and co-governance mechanism' },
};

/** What is known about one level-3 grid; a date (YYYY-MM-DD) or null for the recorded items. */
export type FiveHavesEvidence = {
  branch: boolean;
  position: boolean;
  fundingOn: string | null;
  volunteerOn: string | null;
  coGovernanceOn: string | null;
};

export type ChecklistItem = {
  item: FiveHave;
  zh: string;
  en: string;
  present: boolean;
  since: string | null;
};
export type FiveHavesChecklist = { items: ChecklistItem[]; missing: FiveHave[]; complete: boolean };

function presence(e: FiveHavesEvidence): Record<FiveHave, { present: boolean; since: string | null }> {
  return {
    branch: { present: e.branch, since: null },
    position: { present: e.position, since: null },
    funding: { present: e.fundingOn !== null, since: e.fundingOn },
    volunteer: { present: e.volunteerOn !== null, since: e.volunteerOn },
    coGovernance: { present: e.coGovernanceOn !== null, since: e.coGovernanceOn },
  };
}

/** The checklist in the fixed order of the source, with the missing items listed for follow-up. */
export function fiveHavesChecklist(e: FiveHavesEvidence): FiveHavesChecklist {
  const p = presence(e);
  const items = FIVE_HAVES.map((item) => ({ item, ...FIVE_HAVE_NAMES[item], ...p[item] }));
  const missing = items.filter((i) => !i.present).map((i) => i.item);
  return { items, missing, complete: missing.length === 0 };
}
