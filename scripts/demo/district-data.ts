import { readFileSync } from 'node:fs';
import type { MultiPolygonCoordinates } from './planar';

/** The shape of data/district.json, written by scripts/extract-district.ts. */
export type DistrictData = {
  district: { code: string; name: string; city: string; province: string };
  outline: { type: 'MultiPolygon'; coordinates: MultiPolygonCoordinates };
  streets: { code: string; name: string }[];
  communities: {
    code: string;
    name: string;
    officialName: string;
    streetCode: string;
    kind: 'community' | 'village';
  }[];
  sources: { outline: string; divisions: string };
};

const DISTRICT_FILE = new URL('../../data/district.json', import.meta.url);

/** Reads the committed district extract (the only file input of the demo generator). */
export function readDistrict(): DistrictData {
  return JSON.parse(readFileSync(DISTRICT_FILE, 'utf8')) as DistrictData;
}
