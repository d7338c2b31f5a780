import { GeoJsonLayer } from '@deck.gl/layers';
import type { HotspotClusterFeature } from '../../api/hotspots';
import { HOTSPOT_COLORS } from '../../theme/theme';
import { DECK_BEFORE_LAYER_ID, type InterleavedProps } from './layer-ids';

export const HOTSPOT_CLUSTERS_LAYER_ID = 'hotspot-clusters';

export type HotspotClustersLayerOptions = {
  /** DBSCAN hulls from `/api/hotspots/clusters`. */
  features: readonly HotspotClusterFeature[];
  /** Outline width in screen pixels. Default 2. */
  lineWidthPixels?: number;
  beforeId?: string;
};

/** Cluster hulls as dashed-looking bright outlines over a faint tint, above the bins. */
export function createHotspotClustersLayer({
  features,
  lineWidthPixels = 2,
  beforeId = DECK_BEFORE_LAYER_ID,
}: HotspotClustersLayerOptions): GeoJsonLayer<HotspotClusterFeature['properties'], InterleavedProps> {
  return new GeoJsonLayer<HotspotClusterFeature['properties'], InterleavedProps>({
    id: HOTSPOT_CLUSTERS_LAYER_ID,
    data: features as HotspotClusterFeature[],
    beforeId,
    filled: true,
    stroked: true,
    pickable: false,
    lineWidthUnits: 'pixels',
    getLineWidth: lineWidthPixels,
    getLineColor: HOTSPOT_COLORS.clusterLine,
    getFillColor: HOTSPOT_COLORS.clusterFill,
    lineJointRounded: true,
  });
}
