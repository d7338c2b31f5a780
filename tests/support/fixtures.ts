import type { Db } from '../../server/db/db';

export type FixtureGrid = {
  code: string;
  name: string;
  level: 1 | 2 | 3;
  parentCode: string | null;
  /** [minLon, minLat, maxLon, maxLat] */
  box: [number, number, number, number];
  households?: number;
};

/**
 * A hand-built hierarchy of rectangles that tile exactly, small enough to check results by hand:
 *
 *   L1  S1 = [113.80,27.60]-[113.90,27.70]
 *   L2  C1 = west half, C2 = east half
 *   L3  C1-1 south, C1-2 north of C1; C2-1 south, C2-2 north of C2
 */
export function createTilingFixture(): FixtureGrid[] {
  return [
    {
      code: 'S1',
      name: '测试街道',
      level: 1,
      parentCode: null,
      box: [113.8, 27.6, 113.9, 27.7],
      households: 1600,
    },
    {
      code: 'C1',
      name: '甲社区',
      level: 2,
      parentCode: 'S1',
      box: [113.8, 27.6, 113.85, 27.7],
      households: 700,
    },
    {
      code: 'C2',
      name: '乙村',
      level: 2,
      parentCode: 'S1',
      box: [113.85, 27.6, 113.9, 27.7],
      households: 900,
    },
    {
      code: 'C1-1',
      name: '甲社区第1网格',
      level: 3,
      parentCode: 'C1',
      box: [113.8, 27.6, 113.85, 27.65],
      households: 300,
    },
    {
      code: 'C1-2',
      name: '甲社区第2网格',
      level: 3,
      parentCode: 'C1',
      box: [113.8, 27.65, 113.85, 27.7],
      households: 400,
    },
    {
      code: 'C2-1',
      name: '乙村第1网格',
      level: 3,
      parentCode: 'C2',
      box: [113.85, 27.6, 113.9, 27.65],
      households: 450,
    },
    {
      code: 'C2-2',
      name: '乙村第2网格',
      level: 3,
      parentCode: 'C2',
      box: [113.85, 27.65, 113.9, 27.7],
      households: 450,
    },
  ];
}

/** Inserts a published boundary version holding `grids`; returns its id. For an empty database. */
export async function insertPublishedVersion(
  db: Db,
  grids: FixtureGrid[],
  name = 'fixture',
): Promise<number> {
  return db.transaction(async (tx) => {
    const [version] = await tx.query<{ id: number }>(
      `INSERT INTO boundary_version (name, status, published_at) VALUES ($1, 'published', now()) RETURNING id`,
      [name],
    );
    if (!version) throw new Error('no version id');
    for (const g of grids) {
      await tx.query(
        `INSERT INTO grid (version_id, code, name, level, kind, parent_code, households, population, geom)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, ST_Multi(ST_MakeEnvelope($9, $10, $11, $12, 4326)))`,
        [
          version.id,
          g.code,
          g.name,
          g.level,
          g.level === 1 ? 'street' : g.level === 2 ? 'community' : 'unit',
          g.parentCode,
          g.households ?? 0,
          Math.round((g.households ?? 0) * 2.6),
          ...g.box,
        ],
      );
    }
    return version.id;
  });
}
