import type { Db } from '../../server/db/db';
import { createTilingFixture, insertPublishedVersion } from '../support/fixtures';

/**
 * Cases crafted so every hotspot answer can be checked by hand, inside the tiling fixture
 * S1 = [113.80,27.60]-[113.90,27.70] (C1 west, C2 east; -1 south, -2 north of 27.65).
 *
 *  - REPEAT: 4 `safety` cases within ~20 m of (113.82, 27.62), one every 3 days → one alert,
 *    and a DBSCAN cluster when minPoints ≤ 4.
 *  - SLOW_REPEAT: 3 `dispute` cases within ~15 m of (113.88, 27.62), 45 days apart → an alert
 *    only when windowDays ≥ 90.
 *  - CLUSTER: 12 `environment` cases on a ring of ~40 m round (113.86, 27.67), 20 days apart →
 *    one DBSCAN cluster (eps 100 m, minPoints 5) and never an alert (≤ 2 per 30 days).
 *  - BACKGROUND: 25 cases on a 5 × 5 lattice ~1.5 km apart, mixed categories and sources.
 */
export type FixtureCase = {
  lon: number;
  lat: number;
  category: string;
  source: string;
  reportedAt: string;
};

const DAY_MS = 86_400_000;
const T0 = Date.parse('2026-06-01T09:00:00+08:00');
const at = (days: number) => new Date(T0 + days * DAY_MS).toISOString();
/** ~1 m in degrees at 27.6°N: 1 / 111,320 / cos(27.6°) of longitude, 1 / 110,574 of latitude. */
const M_LON = 1 / 98_660;
const M_LAT = 1 / 110_574;

function repeat(): FixtureCase[] {
  return [0, 1, 2, 3].map((i) => ({
    lon: 113.82 + i * 5 * M_LON,
    lat: 27.62 + i * 4 * M_LAT,
    category: 'safety',
    source: 'hotline',
    reportedAt: at(i * 3),
  }));
}

function slowRepeat(): FixtureCase[] {
  return [0, 1, 2].map((i) => ({
    lon: 113.88 + i * 5 * M_LON,
    lat: 27.62,
    category: 'dispute',
    source: 'patrol',
    reportedAt: at(i * 45),
  }));
}

function cluster(): FixtureCase[] {
  return Array.from({ length: 12 }, (_, i) => ({
    lon: 113.86 + 40 * Math.cos((i * Math.PI) / 6) * M_LON,
    lat: 27.67 + 40 * Math.sin((i * Math.PI) / 6) * M_LAT,
    category: 'environment',
    source: i % 2 ? 'app' : 'camera',
    reportedAt: at(i * 20),
  }));
}

function background(): FixtureCase[] {
  const categories = ['dispute', 'environment', 'safety', 'facilities', 'elderly', 'policy'];
  const sources = ['hotline', 'patrol', 'app', 'camera', 'visit'];
  return Array.from({ length: 25 }, (_, i) => ({
    lon: 113.805 + (i % 5) * 0.0195,
    lat: 27.605 + Math.floor(i / 5) * 0.0185,
    category: categories[i % categories.length] ?? 'policy',
    source: sources[i % sources.length] ?? 'app',
    reportedAt: at(i * 11),
  }));
}

export function createHotspotCases(): FixtureCase[] {
  return [...repeat(), ...slowRepeat(), ...cluster(), ...background()];
}

function gridOf(lon: number, lat: number): [string, string, string] {
  const l2 = lon < 113.85 ? 'C1' : 'C2';
  return [`${l2}-${lat < 27.65 ? 1 : 2}`, l2, 'S1'];
}

/** The tiling fixture, its categories and the crafted cases; returns the cases in id order. */
export async function insertHotspotFixture(db: Db): Promise<FixtureCase[]> {
  const versionId = await insertPublishedVersion(db, createTilingFixture());
  await db.query(
    `INSERT INTO case_category (code, name_zh, name_en)
     SELECT unnest($1::text[]), unnest($1::text[]), unnest($1::text[]) ON CONFLICT DO NOTHING`,
    [['dispute', 'environment', 'safety', 'facilities', 'elderly', 'policy']],
  );
  const cases = createHotspotCases();
  for (const [i, c] of cases.entries()) {
    const [g3, g2, g1] = gridOf(c.lon, c.lat);
    await db.query(
      `INSERT INTO cases (code, source, category, priority, status, geom, grid_code, grid_l2_code, grid_l1_code,
                          reported_grid_code, reported_version_id, reported_at, due_at, updated_at, reporter_name)
       VALUES ($1, $2, $3, 'normal', 'reported', ST_SetSRID(ST_Point($4, $5), 4326), $6, $7, $8, $6, $9,
               $10::timestamptz, $10::timestamptz + interval '7 days', $10::timestamptz, '保密')`,
      [`HS-${i + 1}`, c.source, c.category, c.lon, c.lat, g3, g2, g1, versionId, c.reportedAt],
    );
  }
  return cases;
}
