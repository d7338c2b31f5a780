import { readFileSync } from 'node:fs';

const DISTRICT_FILE = new URL('../data/district.json', import.meta.url);

export type DistrictInfo = { code: string; name: string };

/** The district the demo data is built in, from the boundary data package extract in data/. */
export function readDistrictInfo(): DistrictInfo {
  try {
    const parsed = JSON.parse(readFileSync(DISTRICT_FILE, 'utf8')) as {
      district?: { code?: string; name?: string };
    };
    return { code: parsed.district?.code ?? '', name: parsed.district?.name ?? 'GridSight' };
  } catch {
    return { code: '', name: 'GridSight' };
  }
}
