import type { LayersList } from '@deck.gl/core';
import { useMemo } from 'react';
import { usePartyPoints, usePartyTier } from '../../api/party';
import type { GridProperties } from '../../grids/grid-features';
import { partyCoverageColor } from '../../map/layers/party-coverage';
import { createMemberHouseholdLayer } from '../../map/layers/party-points';
import { createStationLayers } from '../../map/layers/party-stations';
import type { Rgba } from '../../theme/theme';
import { coverageByGrid, splitPartyPoints } from './party-data';

/** Walking distance drawn before the API has answered (the server's WALKING_DISTANCE_METRES). */
const DEFAULT_RADIUS_METRES = 500;

export type PartyOverlay = {
  fillColor: ((properties: GridProperties) => Rgba | null) | null;
  layers: LayersList;
  radiusMetres: number;
  counts: { grids: number; households: number; stations: number };
  ready: boolean;
  error: Error | null;
};

/**
 * The organisation layer of the grid map: level-3 grids coloured by branch and five haves, 党员中心户
 * points and stations with their walking radius. Loads nothing while disabled.
 */
export function usePartyOverlay(enabled: boolean): PartyOverlay {
  const tier = usePartyTier(3, enabled);
  const points = usePartyPoints(enabled);
  const grids = tier.data?.grids;
  const coverage = useMemo(() => coverageByGrid(grids ?? []), [grids]);
  const places = useMemo(() => splitPartyPoints(points.data?.points ?? []), [points.data]);
  const radiusMetres = grids?.[0]?.stations.radiusMetres ?? DEFAULT_RADIUS_METRES;

  const fillColor = useMemo(
    () => (enabled ? (p: GridProperties) => partyCoverageColor(coverage.get(p.code)) : null),
    [enabled, coverage],
  );
  const layers = useMemo<LayersList>(
    () =>
      enabled
        ? [
            ...createStationLayers({ stations: places.stations, radiusMetres }),
            createMemberHouseholdLayer({ households: places.households }),
          ]
        : [],
    [enabled, places, radiusMetres],
  );
  return {
    fillColor,
    layers,
    radiusMetres,
    counts: { grids: coverage.size, households: places.households.length, stations: places.stations.length },
    ready: enabled && tier.isSuccess && points.isSuccess,
    error: tier.error ?? points.error ?? null,
  };
}
