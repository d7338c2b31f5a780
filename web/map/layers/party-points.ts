import { ScatterplotLayer } from '@deck.gl/layers';
import { PARTY_COLORS } from '../../theme/theme';
import { DECK_BEFORE_LAYER_ID, type InterleavedProps } from './layer-ids';

/** A point of the party overlay: a 党员中心户 or a station, at [longitude, latitude] (WGS84). */
export type PartyPlace = { id: number; name: string; location: [number, number] };

export const MEMBER_HOUSEHOLD_LAYER_ID = 'party-member-households';

/** Sizes in screen pixels. */
export const MEMBER_HOUSEHOLD_DEFAULTS = { radiusPixels: 3.5, lineWidthPixels: 1 } as const;

export type MemberHouseholdLayerOptions = {
  households: readonly PartyPlace[];
  /** Default MEMBER_HOUSEHOLD_DEFAULTS.radiusPixels; scale it up on a wall display. */
  radiusPixels?: number;
  beforeId?: string;
};

/** 党员中心户 (party-member households) as small white dots, readable on the coverage fills. */
export function createMemberHouseholdLayer({
  households,
  radiusPixels = MEMBER_HOUSEHOLD_DEFAULTS.radiusPixels,
  beforeId = DECK_BEFORE_LAYER_ID,
}: MemberHouseholdLayerOptions): ScatterplotLayer<PartyPlace, InterleavedProps> {
  return new ScatterplotLayer<PartyPlace, InterleavedProps>({
    id: MEMBER_HOUSEHOLD_LAYER_ID,
    data: households as PartyPlace[],
    beforeId,
    pickable: false,
    radiusUnits: 'pixels',
    getRadius: radiusPixels,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: MEMBER_HOUSEHOLD_DEFAULTS.lineWidthPixels,
    getPosition: (p) => p.location,
    getFillColor: PARTY_COLORS.memberHousehold,
    getLineColor: PARTY_COLORS.memberHouseholdLine,
  });
}
