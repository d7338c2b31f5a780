import { PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { LonLat } from '../../planner/geometry';
import { PLANNER_COLORS } from '../../theme/theme';
import type { InterleavedProps } from './layer-ids';

export const PLANNER_SKETCH_LAYER_IDS = {
  line: 'planner-sketch-line',
  points: 'planner-sketch-points',
} as const;
export const SKETCH_LINE_PIXELS = 2.5;
export const SKETCH_POINT_PIXELS = 4;

/**
 * The split line being drawn: the clicked points joined, plus a rubber band to the pointer. Two
 * layers, both empty (but kept) when nothing is being drawn.
 */
export function createPlannerSketchLayers(points: readonly LonLat[], pointer: LonLat | null) {
  const path = pointer && points.length > 0 ? [...points, pointer] : [...points];
  return [
    new PathLayer<LonLat[], InterleavedProps>({
      id: PLANNER_SKETCH_LAYER_IDS.line,
      data: path.length > 1 ? [path] : [],
      widthUnits: 'pixels',
      getWidth: SKETCH_LINE_PIXELS,
      getPath: (p) => p,
      getColor: PLANNER_COLORS.sketchLine,
      jointRounded: true,
      capRounded: true,
    }),
    new ScatterplotLayer<LonLat, InterleavedProps>({
      id: PLANNER_SKETCH_LAYER_IDS.points,
      data: points as LonLat[],
      radiusUnits: 'pixels',
      getRadius: SKETCH_POINT_PIXELS,
      getPosition: (p) => p,
      getFillColor: PLANNER_COLORS.sketchLine,
    }),
  ];
}
