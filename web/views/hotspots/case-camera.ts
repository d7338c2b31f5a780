import type { Bbox } from '../../map/MapView';

/** Metres per degree of latitude (and of longitude at the equator), close enough for framing. */
const METRES_PER_DEGREE = 111_320;
/** Half the side of the square the camera frames around an opened case. */
export const CASE_FRAME_HALF_METRES = 600;

/** A square of `halfMetres` around a point, so the map zooms to a case and its surroundings. */
export function bboxAround(lon: number, lat: number, halfMetres = CASE_FRAME_HALF_METRES): Bbox {
  const dLat = halfMetres / METRES_PER_DEGREE;
  const dLon = halfMetres / (METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180));
  return [lon - dLon, lat - dLat, lon + dLon, lat + dLat];
}
