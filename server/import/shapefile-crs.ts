import { ProblemError } from '../problem';

/**
 * Grids are stored in WGS84 longitude/latitude (EPSG:4326). A Shapefile's .prj (ESRI WKT) must name a
 * geographic CRS on WGS84 or on CGCS2000 (China's national datum, within centimetres of WGS84, so
 * taken as is). Anything projected or on another datum (Beijing 1954, Xi'an 1980) is refused with its
 * name: reprojecting belongs in a GIS tool (ogr2ogr -t_srs EPSG:4326), not in a silent guess here.
 */
export type ShapefileCrs = { name: string; datum: 'WGS84' | 'CGCS2000' | 'assumed WGS84' };

const WGS84_DATUM = /DATUM\["?(D_)?WGS_?1984|World Geodetic System 1984/i;
const CGCS2000_DATUM = /DATUM\["?(D_)?(China_2000|CGCS_?2000|China_Geodetic_Coordinate_System_2000)/i;

export function shapefileCrs(prj: Uint8Array | undefined, bbox: readonly number[]): ShapefileCrs {
  const wkt = prj ? new TextDecoder().decode(prj).trim() : '';
  if (!wkt) return assumeLonLat(bbox);
  const name = crsName(wkt);
  if (/^\s*PROJCS\[/i.test(wkt) || /^\s*PROJCRS\[/i.test(wkt)) refuse(name, 'a projected CRS');
  if (WGS84_DATUM.test(wkt)) return { name, datum: 'WGS84' };
  if (CGCS2000_DATUM.test(wkt)) return { name, datum: 'CGCS2000' };
  return refuse(name, 'a CRS on another datum');
}

function crsName(wkt: string): string {
  return /^\s*\w+\["([^"]*)"/.exec(wkt)?.[1] ?? 'an unnamed CRS';
}

function refuse(name: string, what: string): never {
  throw new ProblemError(
    422,
    'unsupported-crs',
    `The .prj names ${what}: "${name}". GridSight stores WGS84 longitude/latitude; reproject the layer to EPSG:4326 (e.g. ogr2ogr -t_srs EPSG:4326) and import again.`,
    { crs: name },
  );
}

/** Without a .prj, coordinates are accepted only if they can be longitudes and latitudes. */
function assumeLonLat(bbox: readonly number[]): ShapefileCrs {
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = bbox;
  if (x0 < -180 || x1 > 180 || y0 < -90 || y1 > 90) {
    throw new ProblemError(
      422,
      'unsupported-crs',
      `The archive has no .prj and its coordinates (${x0.toFixed(0)}, ${y0.toFixed(0)} … ${x1.toFixed(0)}, ${y1.toFixed(0)}) are not longitudes/latitudes; reproject the layer to EPSG:4326 and include its .prj.`,
      { crs: null },
    );
  }
  return { name: 'none (.prj missing)', datum: 'assumed WGS84' };
}
