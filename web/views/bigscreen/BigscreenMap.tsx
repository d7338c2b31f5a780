import type { Map as MaplibreMap, StyleSpecification } from 'maplibre-gl';
import { useMemo, useState } from 'react';
import { GRID_LEVELS, type GridFeature, type GridLevel, type GridTiers } from '../../grids/grid-features';
import type { GridIndex } from '../../grids/grid-index';
import { createCasePulseLayer, type Pulse } from '../../map/layers/case-pulse';
import { createGridChoroplethLayer } from '../../map/layers/grid-choropleth';
import { createGridTierOutlineLayer } from '../../map/layers/grid-tier-outline';
import { createGridTileLayer, gridsExtent } from '../../map/layers/grid-tiles';
import { type Bbox, MapView } from '../../map/MapView';
import type { ClassedScale } from '../../theme/ramp';
import { BIGSCREEN_THEME } from '../../theme/theme';
import { useAreaLabels } from './use-area-labels';
import { useAnimationClock } from './use-pulses';

/** Space kept clear around the fitted area at 1080p (the legend and controls sit over the map's corners). */
const MAP_PADDING_PIXELS = { top: 110, bottom: 40, left: 40, right: 40 } as const;
const FIT_DURATION_MS = 1_500;
/** The toured area's outline is this much wider than its tier's. */
const TOUR_OUTLINE_WIDTH = 2.2;

export type BigscreenMapProps = {
  style: StyleSpecification;
  tiers: GridTiers;
  /** Tiers drawn from grid vector tiles instead of `tiers` (a city's 50,000 level-3 grids). */
  tiled?: ReadonlySet<GridLevel> | null;
  index: GridIndex;
  tier: GridLevel;
  values: ReadonlyMap<string, number | null>;
  scale: ClassedScale;
  tourArea: GridFeature | null;
  pulses: readonly Pulse[];
  fitBounds: Bbox;
  /** screenScale: line widths and radii grow with the screen. */
  sizeScale: number;
  ready: boolean;
};

/** The choropleth of one tier, the other tiers as outlines, the toured area, and new-case pulses. */
export function BigscreenMap({
  style,
  tiers,
  tiled,
  index,
  tier,
  values,
  scale,
  tourArea,
  pulses,
  fitBounds,
  sizeScale,
  ready,
}: BigscreenMapProps) {
  // Where tiled tiers load their first tile zoom when the map is zoomed out further (level 3: z11):
  // the level-1 grids hold all others (level 1 is never tiled, so it is loaded as GeoJSON).
  const areas = tiers[1];
  const extent = useMemo(() => gridsExtent(areas), [areas]);
  const baseLayers = useMemo(
    () => [
      tiled?.has(tier)
        ? createGridTileLayer({ level: tier, extent, choropleth: { values, scale }, widthScale: 0 })
        : createGridChoroplethLayer({ features: tiers[tier] ?? [], values, scale }),
      // Finest tier first so the coarser outlines draw over it.
      ...[...GRID_LEVELS]
        .reverse()
        .map((level) =>
          tiled?.has(level)
            ? createGridTileLayer({ level, extent, widthScale: sizeScale })
            : createGridTierOutlineLayer({ level, features: tiers[level] ?? [], widthScale: sizeScale }),
        ),
      createGridTierOutlineLayer({
        level: 1,
        features: tourArea ? [tourArea] : [],
        widthScale: sizeScale * TOUR_OUTLINE_WIDTH,
        color: BIGSCREEN_THEME.map.tourLine,
        idSuffix: '-tour',
      }),
    ],
    [tiers, tiled, tier, extent, values, scale, tourArea, sizeScale],
  );
  const [map, setMap] = useState<MaplibreMap | null>(null);
  const labels = useAreaLabels(map, tiers[1], index, sizeScale);
  const nowMs = useAnimationClock(pulses.length > 0);
  const layers = useMemo(
    () => [...baseLayers, createCasePulseLayer({ pulses, nowMs, sizeScale })],
    [baseLayers, pulses, nowMs, sizeScale],
  );
  const padding = useMemo(
    () => ({
      top: MAP_PADDING_PIXELS.top * sizeScale,
      bottom: MAP_PADDING_PIXELS.bottom * sizeScale,
      left: MAP_PADDING_PIXELS.left * sizeScale,
      right: MAP_PADDING_PIXELS.right * sizeScale,
    }),
    [sizeScale],
  );
  return (
    <MapView
      className="bs-map"
      testId="bigscreen-map"
      style={style}
      layers={layers}
      fitBounds={fitBounds}
      padding={padding}
      fitDurationMs={FIT_DURATION_MS}
      onMapReady={setMap}
      dataAttributes={{
        'data-state': ready && labels > 0 ? 'ready' : 'loading',
        'data-labels': String(labels),
        'data-tier': String(tier),
        'data-pulses': String(pulses.length),
        'data-pulse-codes': pulses.map((p) => p.code).join(' '),
        'data-tour-area': tourArea?.properties.code ?? '',
      }}
    />
  );
}
