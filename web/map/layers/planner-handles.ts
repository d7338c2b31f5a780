import { ScatterplotLayer } from '@deck.gl/layers';
import type { VertexNode } from '../../planner/vertex-index';
import { PLANNER_COLORS, type Rgba } from '../../theme/theme';
import type { InterleavedProps } from './layer-ids';

export const PLANNER_HANDLES_LAYER_ID = 'planner-handles';

/** Handle radius in pixels: a vertex of the selected grid alone, one shared, the one being dragged. */
export const HANDLE_RADIUS_PIXELS = { single: 5, shared: 6, active: 8 } as const;
export const HANDLE_OUTLINE_PIXELS = 1.5;

export type PlannerHandlesLayerOptions = {
  nodes: readonly VertexNode[];
  /** Key of the node being dragged, drawn larger and in the edit colour. */
  activeKey: string | null;
};

function handleColor(node: VertexNode, activeKey: string | null): Rgba {
  if (node.key === activeKey) return PLANNER_COLORS.activeHandle;
  return node.owners.length > 1 ? PLANNER_COLORS.sharedHandle : PLANNER_COLORS.handle;
}

function handleRadius(node: VertexNode, activeKey: string | null): number {
  if (node.key === activeKey) return HANDLE_RADIUS_PIXELS.active;
  return node.owners.length > 1 ? HANDLE_RADIUS_PIXELS.shared : HANDLE_RADIUS_PIXELS.single;
}

/**
 * Vertex handles of the selected grid, on top of everything (no `beforeId`). Not pickable: the drag
 * is hit-tested against projected positions (see the planner's vertex drag), which keeps it exact
 * under software GL and independent of deck's picking buffer.
 */
export function createPlannerHandlesLayer({
  nodes,
  activeKey,
}: PlannerHandlesLayerOptions): ScatterplotLayer<VertexNode, InterleavedProps> {
  return new ScatterplotLayer<VertexNode, InterleavedProps>({
    id: PLANNER_HANDLES_LAYER_ID,
    data: nodes as VertexNode[],
    pickable: false,
    radiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
    stroked: true,
    getPosition: (n) => n.position,
    getRadius: (n) => handleRadius(n, activeKey),
    getFillColor: (n) => handleColor(n, activeKey),
    getLineColor: PLANNER_COLORS.handleOutline,
    getLineWidth: HANDLE_OUTLINE_PIXELS,
    updateTriggers: { getRadius: [activeKey], getFillColor: [activeKey] },
  });
}
