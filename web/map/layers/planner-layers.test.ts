import { describe, expect, it } from 'vitest';
import { createGridTiers } from '../../../tests/web/grid-fixtures';
import type { VertexNode } from '../../planner/vertex-index';
import { PLANNER_COLORS } from '../../theme/theme';
import { createPlannerGridsLayer, PLANNER_GRIDS_LAYER_ID } from './planner-grids';
import { createPlannerHandlesLayer, HANDLE_RADIUS_PIXELS } from './planner-handles';
import { createPlannerIssuesLayer, ISSUE_LINE_PIXELS } from './planner-issues';
import { createPlannerSketchLayers } from './planner-sketch';

const level3 = createGridTiers()[3] ?? [];

describe('planner layers', () => {
  it('colours the selected grid, the merge partner and changed grids apart from the rest', () => {
    const [a, b, c, d] = level3.map((f) => f.properties.code);
    const layer = createPlannerGridsLayer({
      features: level3,
      selectedCode: a ?? null,
      mergePartnerCode: b ?? null,
      changedCodes: new Set([c ?? '']),
    });
    expect(layer.id).toBe(PLANNER_GRIDS_LAYER_ID);
    expect(layer.props.pickable).toBe(true);
    const fill = layer.props.getFillColor as (f: (typeof level3)[number]) => unknown;
    const byCode = (code: string | undefined) => level3.find((f) => f.properties.code === code) ?? level3[0];
    if (!byCode(a)) throw new Error('fixture has no level-3 grids');
    expect(fill(byCode(a) as (typeof level3)[number])).toEqual(PLANNER_COLORS.selectedFill);
    expect(fill(byCode(b) as (typeof level3)[number])).toEqual(PLANNER_COLORS.mergePartnerFill);
    if (d) expect(fill(byCode(d) as (typeof level3)[number])).toEqual(PLANNER_COLORS.fill);
  });

  it('draws shared handles apart and the dragged one largest', () => {
    const nodes: VertexNode[] = [
      { key: 'a', position: [0, 0], owners: ['A'] },
      { key: 'b', position: [1, 0], owners: ['A', 'B'] },
    ];
    const layer = createPlannerHandlesLayer({ nodes, activeKey: 'a' });
    const radius = layer.props.getRadius as (n: VertexNode) => number;
    const color = layer.props.getFillColor as (n: VertexNode) => unknown;
    expect(radius(nodes[0] as VertexNode)).toBe(HANDLE_RADIUS_PIXELS.active);
    expect(radius(nodes[1] as VertexNode)).toBe(HANDLE_RADIUS_PIXELS.shared);
    expect(color(nodes[1] as VertexNode)).toEqual(PLANNER_COLORS.sharedHandle);
  });

  it('draws the focused issue bolder, and a split sketch with its rubber band', () => {
    const issue = {
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [0, 0] },
      properties: { index: 3 },
    };
    const layer = createPlannerIssuesLayer({ issues: [issue], focusedIndex: 3 });
    expect((layer.props.getLineWidth as (f: typeof issue) => number)(issue)).toBe(ISSUE_LINE_PIXELS.focused);
    const [line, points] = createPlannerSketchLayers([[0, 0]], [1, 1]);
    expect(line?.props.data).toEqual([
      [
        [0, 0],
        [1, 1],
      ],
    ]);
    expect(points?.props.data).toEqual([[0, 0]]);
    expect(createPlannerSketchLayers([], null)[0]?.props.data).toEqual([]);
  });
});
