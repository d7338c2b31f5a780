import { GeoJsonLayer } from '@deck.gl/layers';
import type { HotspotBinFeature } from '../../api/hotspots';
import { type ClassedScale, classColor } from '../../theme/ramp';
import { HOTSPOT_COLORS, hexToRgba, type Rgba } from '../../theme/theme';
import { DECK_BEFORE_LAYER_ID, type InterleavedProps } from './layer-ids';

export const HOTSPOT_BINS_LAYER_ID = 'hotspot-bins';

/** Getis-Ord Gi* class of a bin: ±1/±2/±3 = hot/cold at 90/95/99 % confidence, 0 = not significant. */
export type GiClass = -3 | -2 | -1 | 0 | 1 | 2 | 3;
export const GI_CLASSES: readonly GiClass[] = [3, 2, 1, 0, -1, -2, -3];
/** Confidence (%) of each significance level |class|. */
export const GI_CONFIDENCE_PERCENT: Record<1 | 2 | 3, number> = { 1: 90, 2: 95, 3: 99 };

export type BinColorMode = 'gi' | 'count';
type BinProperties = HotspotBinFeature['properties'];

/** Colour of a Gi* class: RdBu, significant classes nearly opaque, the rest a faint neutral. */
export function giClassColor(giClass: number): Rgba {
  const key = String(Math.max(-3, Math.min(3, Math.trunc(giClass)))) as keyof typeof HOTSPOT_COLORS.giClass;
  const alpha = key === '0' ? HOTSPOT_COLORS.binAlpha.insignificant : HOTSPOT_COLORS.binAlpha.significant;
  return hexToRgba(HOTSPOT_COLORS.giClass[key], alpha);
}

export function binFillColor(p: BinProperties, mode: BinColorMode, countScale: ClassedScale): Rgba {
  if (mode === 'gi') return giClassColor(p.giClass);
  return classColor(countScale, p.count, HOTSPOT_COLORS.binAlpha.significant);
}

export type HotspotBinsLayerOptions = {
  features: readonly HotspotBinFeature[];
  /** Colour by Gi* class (default) or by case count. */
  mode?: BinColorMode;
  /** Classes of case counts per bin, used in `count` mode. */
  countScale: ClassedScale;
  /** Layer opacity, 0–1. Default 1; lower it when case points are drawn on top. */
  opacity?: number;
  beforeId?: string;
};

/** Square case bins, not pickable: clicks go through to the grids for the drill-down. */
export function createHotspotBinsLayer({
  features,
  mode = 'gi',
  countScale,
  opacity = 1,
  beforeId = DECK_BEFORE_LAYER_ID,
}: HotspotBinsLayerOptions): GeoJsonLayer<BinProperties, InterleavedProps> {
  // Bins with no case (present only when significantly cold) are hidden in `count` mode.
  const shown = mode === 'count' ? features.filter((f) => f.properties.count > 0) : features;
  return new GeoJsonLayer<BinProperties, InterleavedProps>({
    id: HOTSPOT_BINS_LAYER_ID,
    data: shown as HotspotBinFeature[],
    beforeId,
    filled: true,
    stroked: false,
    pickable: false,
    opacity,
    getFillColor: (f) => binFillColor(f.properties, mode, countScale),
    updateTriggers: { getFillColor: [mode, countScale] },
  });
}
