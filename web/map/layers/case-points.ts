import type { PickingInfo } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import { HOTSPOT_COLORS } from '../../theme/theme';
import { DECK_BEFORE_LAYER_ID, type InterleavedProps } from './layer-ids';

/** What the case layers need of a case. */
export type CasePoint = { id: number; lon: number; lat: number };

export const CASE_LAYER_IDS = { points: 'case-points', selected: 'case-selected' } as const;

/** Sizes in screen pixels. */
export const CASE_POINT_DEFAULTS = { radiusPixels: 4, lineWidthPixels: 1, selectedRadiusPixels: 12 };

export type CasePointsLayerOptions = {
  cases: readonly CasePoint[];
  radiusPixels?: number;
  onClick?: (info: PickingInfo<CasePoint>) => void;
  beforeId?: string;
};

/** The loaded cases of a grid's list, as small dots; clicking one opens it. */
export function createCasePointsLayer({
  cases,
  radiusPixels = CASE_POINT_DEFAULTS.radiusPixels,
  onClick,
  beforeId = DECK_BEFORE_LAYER_ID,
}: CasePointsLayerOptions): ScatterplotLayer<CasePoint, InterleavedProps> {
  return new ScatterplotLayer<CasePoint, InterleavedProps>({
    id: CASE_LAYER_IDS.points,
    data: cases as CasePoint[],
    beforeId,
    pickable: Boolean(onClick),
    radiusUnits: 'pixels',
    getRadius: radiusPixels,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: CASE_POINT_DEFAULTS.lineWidthPixels,
    getPosition: (c) => [c.lon, c.lat],
    getFillColor: HOTSPOT_COLORS.casePoint,
    getLineColor: HOTSPOT_COLORS.casePointLine,
    ...(onClick ? { onClick } : {}),
  });
}

export type SelectedCaseLayerOptions = {
  /** The case shown in detail; `null` gives an empty layer. */
  selected: CasePoint | null;
  radiusPixels?: number;
  beforeId?: string;
};

/** The marker of the case open in the detail panel: a bright ring on a halo. */
export function createSelectedCaseLayer({
  selected,
  radiusPixels = CASE_POINT_DEFAULTS.selectedRadiusPixels,
  beforeId = DECK_BEFORE_LAYER_ID,
}: SelectedCaseLayerOptions): ScatterplotLayer<CasePoint, InterleavedProps> {
  return new ScatterplotLayer<CasePoint, InterleavedProps>({
    id: CASE_LAYER_IDS.selected,
    data: selected ? [selected] : [],
    beforeId,
    pickable: false,
    radiusUnits: 'pixels',
    getRadius: radiusPixels,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: radiusPixels / 3,
    getPosition: (c) => [c.lon, c.lat],
    getFillColor: HOTSPOT_COLORS.selectedCaseHalo,
    getLineColor: HOTSPOT_COLORS.selectedCase,
  });
}
