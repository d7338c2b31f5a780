import { ScatterplotLayer } from '@deck.gl/layers';
import { PARTY_COLORS } from '../../theme/theme';
import { DECK_BEFORE_LAYER_ID, type InterleavedProps } from './layer-ids';
import type { PartyPlace } from './party-points';

export const STATION_LAYER_IDS = { radius: 'party-station-radius', marker: 'party-station-marker' } as const;

/** The walking radius is in metres on the ground (zooms with the map); the marker in screen pixels. */
export const STATION_DEFAULTS = { markerRadiusPixels: 5, lineWidthPixels: 1.5 } as const;

export type StationLayersOptions = {
  /** 红帆驿站 / 党建驿站 / 党群服务中心. */
  stations: readonly PartyPlace[];
  /** Walking distance in metres (the API's `stations.radiusMetres`, 500 m by default). */
  radiusMetres: number;
  markerRadiusPixels?: number;
  beforeId?: string;
};

/**
 * Stations with their walking radius: a translucent disc of `radiusMetres` (the buildings inside count
 * as "near a station") and a marker at the station itself.
 */
export function createStationLayers({
  stations,
  radiusMetres,
  markerRadiusPixels = STATION_DEFAULTS.markerRadiusPixels,
  beforeId = DECK_BEFORE_LAYER_ID,
}: StationLayersOptions): [
  ScatterplotLayer<PartyPlace, InterleavedProps>,
  ScatterplotLayer<PartyPlace, InterleavedProps>,
] {
  const data = stations as PartyPlace[];
  return [
    new ScatterplotLayer<PartyPlace, InterleavedProps>({
      id: STATION_LAYER_IDS.radius,
      data,
      beforeId,
      pickable: false,
      radiusUnits: 'meters',
      getRadius: radiusMetres,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: STATION_DEFAULTS.lineWidthPixels,
      getPosition: (s) => s.location,
      getFillColor: PARTY_COLORS.stationRadiusFill,
      getLineColor: PARTY_COLORS.stationRadiusLine,
      updateTriggers: { getRadius: radiusMetres },
    }),
    new ScatterplotLayer<PartyPlace, InterleavedProps>({
      id: STATION_LAYER_IDS.marker,
      data,
      beforeId,
      pickable: false,
      radiusUnits: 'pixels',
      getRadius: markerRadiusPixels,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      getPosition: (s) => s.location,
      getFillColor: PARTY_COLORS.station,
      getLineColor: PARTY_COLORS.stationLine,
    }),
  ];
}
