import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db';
import { DEFAULT_TOLERANCE_SQUARE_METRES } from '../../server/domain/boundary/tolerance';
import { ProblemError } from '../../server/problem';
import { publishVersion } from '../../server/queries/boundary-publish';
import { type ValidationScope, validateVersion } from '../../server/queries/boundary-validation';
import { createDraftFrom } from '../../server/queries/versions';
import { testBackends } from '../support/backends';
import { openTestDb, type TestDb } from '../support/test-db';
import { createPlannerFixture } from './support';

/**
 * Publish checks only what a draft changed against the published version, and moves only the cases
 * of changed grids (#8). These tests compare each shortcut with the whole computation it replaces.
 */
type Box = [number, number, number, number];

/** A draft of `baseId` with `edit` applied in SQL (`$1` is the draft's id). */
async function draftWith(db: Db, baseId: number, edit: (tx: Db, id: number) => Promise<void>) {
  return db.transaction(async (tx) => {
    const id = await createDraftFrom(tx, baseId, 'draft', null);
    await edit(tx, id);
    return id;
  });
}

async function setBox(tx: Db, id: number, code: string, box: Box): Promise<void> {
  await tx.query(
    `UPDATE grid SET geom = ST_Multi(ST_MakeEnvelope($3, $4, $5, $6, 4326)) WHERE version_id = $1 AND code = $2`,
    [id, code, ...box],
  );
}

async function removeGrid(tx: Db, id: number, code: string): Promise<void> {
  await tx.query('DELETE FROM grid WHERE version_id = $1 AND code = $2', [id, code]);
}

/**
 * C1 moves from S1 to a new street S2 covering exactly C1; S1 shrinks to C2. No level-3 geometry
 * changes, but C1-1 and C1-2 now roll up into S2.
 */
async function moveC1ToNewStreet(tx: Db, id: number): Promise<void> {
  await tx.query(
    `INSERT INTO grid (version_id, code, name, level, kind, parent_code, geom)
     SELECT version_id, 'S2', '新街道', 1, 'street', NULL, geom FROM grid WHERE version_id = $1 AND code = 'C1'`,
    [id],
  );
  await tx.query(`UPDATE grid SET parent_code = 'S2' WHERE version_id = $1 AND code = 'C1'`, [id]);
  await setBox(tx, id, 'S1', [113.85, 27.6, 113.9, 27.7]);
}

/** Cases on a 0.01° lattice over the whole fixture, edges included, assigned as intake would. */
async function insertLatticeCases(db: Db, versionId: number): Promise<void> {
  await db.query(
    `INSERT INTO cases (code, source, category, priority, status, geom, grid_code, grid_l2_code, grid_l1_code,
                        reported_grid_code, reported_version_id, reported_at, due_at, updated_at)
     SELECT 'L-' || i || '-' || j, 'patrol', 'dispute', 'normal', 'reported', pt, g.code, g.parent_code,
            p.parent_code, g.code, $1, now() - interval '1 day', now() + interval '1 day', now()
     FROM generate_series(0, 10) i, generate_series(0, 10) j,
       LATERAL (SELECT ST_SetSRID(ST_MakePoint(round(113.8 + i * 0.01, 2)::float8, round(27.6 + j * 0.01, 2)::float8), 4326) AS pt) q,
       LATERAL (SELECT code, parent_code FROM grid WHERE version_id = $1 AND level = 3 AND ST_Intersects(geom, q.pt)
                ORDER BY code LIMIT 1) g
       JOIN grid p ON p.version_id = $1 AND p.code = g.parent_code`,
    [versionId],
  );
}

type Assignment = { code: string; grid: string; l2: string; l1: string };

/**
 * Where every case belongs in `versionId`, recomputed from scratch over all cases: its current grid
 * if that still holds it, else the lowest code holding it, else unchanged.
 */
async function expectedAssignments(db: Db, versionId: number): Promise<Assignment[]> {
  return db.query<Assignment>(
    `WITH pick AS (
       SELECT c.id, COALESCE(
         (SELECT n.code FROM grid n WHERE n.version_id = $1 AND n.level = 3 AND n.code = c.grid_code
            AND ST_Intersects(n.geom, c.geom)),
         (SELECT min(n.code) FROM grid n WHERE n.version_id = $1 AND n.level = 3 AND ST_Intersects(n.geom, c.geom))
       ) AS grid FROM cases c
     )
     SELECT c.code, COALESCE(p.grid, c.grid_code) AS grid,
       CASE WHEN p.grid IS NULL THEN c.grid_l2_code ELSE n.parent_code END AS l2,
       CASE WHEN p.grid IS NULL THEN c.grid_l1_code ELSE m.parent_code END AS l1
     FROM pick p JOIN cases c ON c.id = p.id
     LEFT JOIN grid n ON n.version_id = $1 AND n.code = p.grid
     LEFT JOIN grid m ON m.version_id = $1 AND m.code = n.parent_code
     ORDER BY c.code`,
    [versionId],
  );
}

async function actualAssignments(db: Db): Promise<Assignment[]> {
  return db.query<Assignment>(
    'SELECT code, grid_code AS grid, grid_l2_code AS l2, grid_l1_code AS l1 FROM cases ORDER BY code',
  );
}

async function publishError(db: Db, id: number): Promise<ProblemError> {
  const err = await publishVersion(db, id, new Date()).catch((e: unknown) => e);
  if (!(err instanceof ProblemError)) throw new Error(`publish did not fail with a problem: ${String(err)}`);
  return err;
}

const tolerance = DEFAULT_TOLERANCE_SQUARE_METRES;
const scopedTo = (baseId: number): ValidationScope => ({ kind: 'changedSince', baseId });

/** Each draft is made from the published fixture and never published: one database for all. */
describe.each(testBackends())('validation scoped to what changed (%s)', (backend) => {
  let t: TestDb;
  let v1: number;
  beforeAll(async () => {
    t = await openTestDb(backend, 'empty');
    v1 = await createPlannerFixture(t.db);
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each<[string, (tx: Db, id: number) => Promise<void>, string[]]>([
    [
      'overlap inside the one changed parent',
      (tx, id) => setBox(tx, id, 'C1-1', [113.8, 27.6, 113.85, 27.66]),
      ['overlap:C1-1/C1-2'],
    ],
    [
      'gap inside the one changed parent',
      (tx, id) => setBox(tx, id, 'C1-1', [113.8, 27.6, 113.85, 27.64]),
      ['gap:C1'],
    ],
    ['gap left by a removed child', (tx, id) => removeGrid(tx, id, 'C2-2'), ['gap:C2']],
    [
      'child outside its reshaped parent, and the gap this leaves in the grandparent',
      (tx, id) => setBox(tx, id, 'C1', [113.8, 27.6, 113.85, 27.69]),
      ['gap:S1', 'outside-parent:C1-2/C1'],
    ],
    [
      're-parented child outside its new parent, and the gap it leaves',
      async (tx, id) => {
        await tx.query(`UPDATE grid SET parent_code = 'C2' WHERE version_id = $1 AND code = 'C1-2'`, [id]);
      },
      ['gap:C1', 'outside-parent:C1-2/C2'],
    ],
    ['nothing when only ancestry changes', moveC1ToNewStreet, []],
  ])('scoped validation equals the full one: %s', async (_name, edit, expected) => {
    const id = await draftWith(t.db, v1, edit);
    const full = await validateVersion(t.db, id, tolerance);
    const scoped = await validateVersion(t.db, id, tolerance, scopedTo(v1));
    expect(scoped).toEqual(full);
    const errors = scoped
      .filter((i) => i.kind !== 'unstaffed')
      .map((i) => `${i.kind}:${i.gridCodes.join('/')}`);
    expect(errors.sort()).toEqual([...expected].sort());
  });

  it('scoped validation skips issues the base already had (unchanged grids), the full one reports them', async () => {
    const broken = await draftWith(t.db, v1, (tx, id) =>
      setBox(tx, id, 'C2-1', [113.85, 27.6, 113.9, 27.66]),
    );
    const next = await draftWith(t.db, broken, (tx, id) =>
      setBox(tx, id, 'C1-1', [113.8, 27.6, 113.85, 27.64]),
    );
    const kinds = async (scope?: ValidationScope) =>
      (await validateVersion(t.db, next, tolerance, scope))
        .filter((i) => i.kind !== 'unstaffed')
        .map((i) => `${i.kind}:${i.gridCodes.join('/')}`);
    expect(await kinds()).toEqual(['overlap:C2-1/C2-2', 'gap:C1']);
    expect(await kinds(scopedTo(broken))).toEqual(['gap:C1']);
  });
});

/** Each test publishes, so each gets its own database. */
describe.each(testBackends())('publish moves only what changed (%s)', (backend) => {
  let t: TestDb;
  let v1: number;
  beforeEach(async () => {
    t = await openTestDb(backend, 'empty');
    v1 = await createPlannerFixture(t.db);
  });
  afterEach(async () => {
    await t?.close();
  });

  it('refuses a publish whose one changed parent has an overlap', async () => {
    const id = await draftWith(t.db, v1, (tx, d) => setBox(tx, d, 'C1-1', [113.8, 27.6, 113.85, 27.66]));
    const err = await publishError(t.db, id);
    expect(err.status).toBe(422);
    expect(err.extensions).toMatchObject({ blocking: 1 });
    const [status] = await t.db.query<{ status: string }>(
      'SELECT status FROM boundary_version WHERE id = $1',
      [id],
    );
    expect(status?.status).toBe('draft');
  });

  it('moves every case where a full recomputation puts it: edges moved, a new street, shared edges', async () => {
    await insertLatticeCases(t.db, v1);
    const id = await draftWith(t.db, v1, async (tx, d) => {
      await setBox(tx, d, 'C1-1', [113.8, 27.6, 113.85, 27.66]);
      await setBox(tx, d, 'C1-2', [113.8, 27.66, 113.85, 27.7]);
      await setBox(tx, d, 'C2-1', [113.85, 27.6, 113.9, 27.64]);
      await setBox(tx, d, 'C2-2', [113.85, 27.64, 113.9, 27.7]);
      await moveC1ToNewStreet(tx, d);
    });
    const before = await actualAssignments(t.db);
    const expected = await expectedAssignments(t.db, id);
    const changed = expected.filter((e, k) => JSON.stringify(e) !== JSON.stringify(before[k])).length;
    const result = await publishVersion(t.db, id, new Date());
    expect(await actualAssignments(t.db)).toEqual(expected);
    expect(result.casesReassigned).toBe(changed);
    // Every C1 case now rolls up into S2, also those whose level-3 grid kept its geometry and code.
    const c1 = expected.filter((e) => e.l2 === 'C1');
    expect(c1.length).toBeGreaterThan(40);
    expect(c1.every((e) => e.l1 === 'S2')).toBe(true);
    expect(expected.find((e) => e.code === 'T-3')).toEqual({ code: 'T-3', grid: 'C1-1', l2: 'C1', l1: 'S2' });
    // A case on the old C1-1/C1-2 edge (27.65) now lies inside C1-1 only; one on the new edge stays put.
    expect(expected.find((e) => e.code === 'L-1-5')?.grid).toBe('C1-1');
    expect(expected.find((e) => e.code === 'L-1-6')).toMatchObject({
      grid: before.find((b) => b.code === 'L-1-6')?.grid,
    });
  });

  it('rewrites the parents of cases when only ancestry changed (no geometry changed)', async () => {
    const id = await draftWith(t.db, v1, moveC1ToNewStreet);
    const result = await publishVersion(t.db, id, new Date());
    expect(result.changedGrids).toBe(2);
    expect(result.casesReassigned).toBe(3);
    const cases = await actualAssignments(t.db);
    expect(cases.map((c) => `${c.code}:${c.grid}/${c.l2}/${c.l1}`)).toEqual([
      'T-1:C1-2/C1/S2',
      'T-2:C1-2/C1/S2',
      'T-3:C1-1/C1/S2',
      'T-4:C2-1/C2/S1',
    ]);
  });
});
