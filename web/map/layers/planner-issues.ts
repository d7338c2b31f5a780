import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature, Geometry } from 'geojson';
import { PLANNER_COLORS } from '../../theme/theme';
import { DECK_BEFORE_LAYER_ID, type InterleavedProps } from './layer-ids';

export const PLANNER_ISSUES_LAYER_ID = 'planner-issues';
export const ISSUE_LINE_PIXELS = { normal: 2, focused: 4 } as const;

/** A validation finding to highlight: its index in the report and its geometry. */
export type IssueFeature = Feature<Geometry, { index: number }>;

export type PlannerIssuesLayerOptions = {
  issues: readonly IssueFeature[];
  /** The issue the planner pointed at in the list, drawn bolder. */
  focusedIndex: number | null;
  beforeId?: string;
};

/** Overlaps, gaps and parts outside a parent, in the alert colour over the draft's grids. */
export function createPlannerIssuesLayer({
  issues,
  focusedIndex,
  beforeId = DECK_BEFORE_LAYER_ID,
}: PlannerIssuesLayerOptions): GeoJsonLayer<{ index: number }, InterleavedProps> {
  return new GeoJsonLayer<{ index: number }, InterleavedProps>({
    id: PLANNER_ISSUES_LAYER_ID,
    data: issues as IssueFeature[],
    beforeId,
    filled: true,
    stroked: true,
    pickable: false,
    lineWidthUnits: 'pixels',
    pointRadiusUnits: 'pixels',
    getPointRadius: ISSUE_LINE_PIXELS.focused,
    getFillColor: PLANNER_COLORS.issueFill,
    getLineColor: PLANNER_COLORS.issueLine,
    getLineWidth: (f) =>
      f.properties.index === focusedIndex ? ISSUE_LINE_PIXELS.focused : ISSUE_LINE_PIXELS.normal,
    updateTriggers: { getLineWidth: [focusedIndex] },
  });
}
