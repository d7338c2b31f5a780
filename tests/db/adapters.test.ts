import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbError } from '../../server/db/db';
import { testBackends } from '../support/backends';
import { openTestDb, type TestDb } from '../support/test-db';

describe.each(testBackends())('Db adapter on %s', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(backend, 'empty');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reports its backend and PostGIS', async () => {
    expect(t.db.backend).toBe(backend);
    expect(t.capabilities.postgisVersion).toMatch(/^3\./);
    // PGlite's PostGIS is built without protobuf; a PostGIS server has it.
    expect(t.capabilities.mvt).toBe(backend === 'postgres');
  });

  it('parses bigint and numeric to numbers the same way on both backends', async () => {
    const [row] = await t.db.query<{ big: number; num: number; ts: Date; js: unknown }>(
      `SELECT 9007199254740::bigint AS big, 1.25::numeric AS num, '2026-01-02T03:04:05Z'::timestamptz AS ts,
              json_build_object('a', 1) AS js`,
    );
    expect(row).toEqual({
      big: 9007199254740,
      num: 1.25,
      ts: new Date('2026-01-02T03:04:05Z'),
      js: { a: 1 },
    });
  });

  it('passes values only as parameters, including hostile strings', async () => {
    const hostile = "x'); DROP TABLE grid; --";
    const [row] = await t.db.query<{ v: string }>('SELECT $1::text AS v', [hostile]);
    expect(row?.v).toBe(hostile);
    const [exists] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'grid'`,
    );
    expect(exists?.n).toBe(1);
  });

  it('rolls a failed transaction back entirely', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO department (code, name_zh, name_en) VALUES ('rollback_probe', '测试', 'probe')`,
        );
        await tx.query('SELECT 1/0');
      }),
    ).rejects.toBeInstanceOf(DbError);
    const rows = await t.db.query(`SELECT 1 FROM department WHERE code = 'rollback_probe'`);
    expect(rows).toHaveLength(0);
  });

  it('keeps answering correctly after a PostGIS error inside a parameterised query', async () => {
    await expect(
      t.db.query('SELECT ST_GeomFromText($1, 4326)', ['POLYGON((0 0, 1 1']),
    ).rejects.toBeInstanceOf(DbError);
    for (let i = 0; i < 5; i++) {
      const [row] = await t.db.query<{ v: number }>('SELECT $1::int AS v', [i]);
      expect(row?.v).toBe(i);
    }
  });

  it('maps constraint violations to DbError with the SQLSTATE code', async () => {
    const err = await t.db
      .query(`INSERT INTO boundary_version (name, status) VALUES ('only a draft', 'draft')`)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DbError);
    expect((err as DbError).code).toBe('23514');
  });

  it('computes the gap of a parent minus the union of its children (the gridSize form)', async () => {
    // PGlite's GEOS silently returned no row for ST_Difference(parent, ST_Union(children)) on some
    // rectangles; the gridSize form works on both. This guards every query that measures gaps.
    const [row] = await t.db.query<{ gap: number; cnt: number }>(
      `WITH parent AS (SELECT ST_MakeEnvelope(113.80, 27.60, 113.90, 27.70, 4326) AS g),
            kids AS (SELECT ST_MakeEnvelope(113.80, 27.60, 113.85, 27.70, 4326) AS g
                     UNION ALL SELECT ST_MakeEnvelope(113.85, 27.60, 113.90, 27.66, 4326))
       SELECT ST_Area(ST_Difference(p.g, ST_Union(k.g), 1e-9)::geography) AS gap, count(*)::int AS cnt
       FROM parent p, kids k GROUP BY p.g`,
    );
    expect(row?.cnt).toBe(2);
    // The uncovered strip is 0.05° × 0.04°: about 4.9 km × 4.4 km ≈ 21.8 km².
    expect(row?.gap).toBeGreaterThan(20e6);
    expect(row?.gap).toBeLessThan(23e6);
  });

  it('refuses a second published boundary version and an invalid grid geometry', async () => {
    await t.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO boundary_version (name, status, published_at) VALUES ('v1', 'published', now())`,
      );
    });
    await expect(
      t.db.query(
        `INSERT INTO boundary_version (name, status, published_at) VALUES ('v2', 'published', now())`,
      ),
    ).rejects.toMatchObject({ code: '23505' });
    const bowtie = 'MULTIPOLYGON(((0 0, 1 1, 1 0, 0 1, 0 0)))';
    await expect(
      t.db.query(
        `INSERT INTO grid (version_id, code, name, level, geom)
         SELECT id, 'BOWTIE', 'bow tie', 1, ST_GeomFromText($1, 4326) FROM boundary_version WHERE name = 'v1'`,
        [bowtie],
      ),
    ).rejects.toMatchObject({ code: '23514' });
  });

  it('keeps case events append-only', async () => {
    const [event] = await t.db.transaction(async (tx) => {
      const [v] = await tx.query<{ id: number }>(
        `INSERT INTO boundary_version (name, status, published_at) VALUES ('append-only probe', 'published', now())
         ON CONFLICT DO NOTHING RETURNING id`,
      );
      const versionId =
        v?.id ??
        (await tx.query<{ id: number }>(`SELECT id FROM boundary_version WHERE status = 'published'`))[0]?.id;
      const [c] = await tx.query<{ id: number }>(
        `INSERT INTO cases (code, source, category, priority, status, geom, grid_code, grid_l2_code, grid_l1_code,
                            reported_grid_code, reported_version_id, reported_at, due_at, updated_at)
         VALUES ('PROBE-1', 'app', 'environment', 'normal', 'reported', ST_SetSRID(ST_Point(113.85, 27.65), 4326),
                 'G', 'C', 'S', 'G', $1, now(), now() + interval '7 days', now())
         RETURNING id`,
        [versionId ?? null],
      );
      return tx.query<{ id: number }>(
        `INSERT INTO case_event (case_id, seq, action, to_status, actor, at) VALUES ($1, 1, 'report', 'reported', 'probe', now())
         RETURNING id`,
        [c?.id ?? null],
      );
    });
    await expect(t.db.query('DELETE FROM case_event WHERE id = $1', [event?.id ?? 0])).rejects.toMatchObject({
      code: '42501',
    });
    await expect(
      t.db.query(`UPDATE case_event SET note = 'rewritten' WHERE id = $1`, [event?.id ?? 0]),
    ).rejects.toMatchObject({ code: '42501' });
  });
});
