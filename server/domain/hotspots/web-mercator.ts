/**
 * EPSG:3857 arithmetic. Bins and tiles both live on the Web Mercator plane: it exists in every
 * PostGIS's spatial_ref_sys (PGlite's too), it is what the map tiles use, so a bin edge never
 * cuts a tile, and it is valid for any Chinese city (UTM 49N only covers 108–114°E).
 * Its one flaw, scale growing as 1/cos(latitude), is corrected with one reference latitude.
 */
export const EARTH_RADIUS_METRES = 6378137;
export const HALF_WORLD_METRES = Math.PI * EARTH_RADIUS_METRES;

/** Mercator units per ground metre at a latitude (≈1.13 at 27.6°N, Pingxiang). */
export function mercatorUnitsPerMetre(latitudeDegrees: number): number {
  return 1 / Math.cos((latitudeDegrees * Math.PI) / 180);
}

export function lonLatToMercator(lon: number, lat: number): [number, number] {
  const x = (lon * Math.PI * EARTH_RADIUS_METRES) / 180;
  const y = EARTH_RADIUS_METRES * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  return [x, y];
}

export function mercatorToLonLat(x: number, y: number): [number, number] {
  const lon = (x / EARTH_RADIUS_METRES) * (180 / Math.PI);
  const lat = (2 * Math.atan(Math.exp(y / EARTH_RADIUS_METRES)) - Math.PI / 2) * (180 / Math.PI);
  return [lon, lat];
}

/** Great-circle distance; good to 0.5 % for the tens of metres alerts are about. */
export function haversineDistanceMetres(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
}
