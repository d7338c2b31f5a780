import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { auditContextOf } from '../auth/audit-context';
import { versionScopeGuard } from '../auth/version-scope';
import type { AppDeps } from '../deps';
import {
  DEFAULT_MAX_VERTICES,
  LineGeometrySchema,
  PolygonGeometrySchema,
} from '../domain/boundary/geometry-input';
import { GRID_CODE_PATTERN } from '../domain/boundary/grid-codes';
import { ImportCollectionSchema } from '../domain/boundary/import-features';
import { ToleranceQuery } from '../domain/boundary/tolerance';
import { FieldMappingQuery } from '../import/shapefile-fields';
import { readShapefileZip, type ShapefileReadOptions } from '../import/shapefile-read';
import { ProblemError } from '../problem';
import { diffVersions } from '../queries/boundary-diff';
import * as boundaryEdits from '../queries/boundary-edits';
import { versionImpact } from '../queries/boundary-impact';
import { type ImportResult, importVersion } from '../queries/boundary-import';
import { validationReport } from '../queries/boundary-issues';
import { publishVersion } from '../queries/boundary-publish';
import {
  type BoundaryVersion,
  createDraftFrom,
  deleteDraft,
  getVersion,
  listVersions,
  publishedVersionId,
  versionFeatures,
} from '../queries/versions';
import { validate } from '../validation';
import { auditedGridEdit, auditVersionWrite, type GridEditAudit } from './versions-audit';
import { requireZipBody, shapefileUploadLimit } from './versions-shapefile';

/**
 * Boundary versions (网格版本) and the planner's edits on drafts. Every edit of a grid carries the
 * `revision` the client read; a stale one answers 409 with the current revision.
 */
export type VersionRouteOptions = {
  maxVertices?: number;
  /** Largest zipped Shapefile accepted, and what it may inflate to (tests shrink them). */
  shapefile?: { maxZipBytes?: number; limits?: ShapefileReadOptions['limits'] };
};

const IdParam = z.object({ id: z.coerce.number().int().positive() });
const GridParam = IdParam.extend({ code: z.string().regex(GRID_CODE_PATTERN, 'not a grid code') });
const DiffParam = IdParam.extend({ other: z.coerce.number().int().positive() });
const code = z.string().regex(GRID_CODE_PATTERN, 'not a grid code');
const revision = z.number().int().min(1);

const CreateDraftBody = z.strictObject({
  name: z.string().min(1).max(200),
  note: z.string().max(2000).optional(),
  /** Version to copy; the published one when omitted. */
  from: z.number().int().positive().optional(),
});
const GridPatchBody = z.strictObject({
  revision,
  geometry: PolygonGeometrySchema.optional(),
  name: z.string().min(1).max(100).optional(),
  parentCode: code.optional(),
});
const BatchBody = z.strictObject({
  updates: z.array(GridPatchBody.extend({ code })).min(1).max(50),
});
const SplitBody = z.strictObject({
  revision,
  line: LineGeometrySchema,
  newCode: code.optional(),
  newName: z.string().min(1).max(100).optional(),
});
const MergeBody = z.strictObject({
  grids: z.tuple([z.strictObject({ code, revision }), z.strictObject({ code, revision })]),
});
const AddBody = z.strictObject({
  code,
  name: z.string().min(1).max(100),
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  parentCode: code.nullable(),
  kind: z.enum(['street', 'town', 'community', 'village', 'unit']).optional(),
  geometry: PolygonGeometrySchema,
});
const LevelQuery = z.strictObject({ level: z.enum(['1', '2', '3']).transform(Number).optional() });
const RevisionQuery = z.strictObject({ revision: z.coerce.number().int().min(1) });
const ImportQuery = ToleranceQuery.extend({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  name: z.string().min(1).max(200).default('imported'),
});
const ShapefileImportQuery = ImportQuery.extend({
  layer: z.string().min(1).max(200).optional(),
  encoding: z.string().min(1).max(40).optional(),
  fields: FieldMappingQuery.optional(),
});

async function requireVersion(deps: AppDeps, id: number): Promise<BoundaryVersion> {
  const v = await getVersion(deps.db, id);
  if (!v)
    throw new ProblemError(
      404,
      'version-not-found',
      `No boundary version ${id}. GET /api/versions lists them.`,
    );
  return v;
}

async function requirePublished(deps: AppDeps): Promise<number> {
  const id = await publishedVersionId(deps.db);
  if (id === null)
    throw new ProblemError(409, 'no-published-version', 'No version is published yet; import one first.');
  return id;
}

/** An import that was meant to be saved but was not answers 422 with its report. */
function refuseUnsaved(
  result: ImportResult,
  dryRun: boolean,
  extra: Record<string, unknown> = {},
): ImportResult {
  if (!result.saved && !dryRun) {
    throw new ProblemError(
      422,
      'import-invalid',
      `The import has ${result.report.blocking} blocking issue(s) that prevent saving; see report.`,
      { report: result.report, ...extra },
    );
  }
  return result;
}

export function versionsRoutes(deps: AppDeps, options: VersionRouteOptions = {}) {
  const edit = { maxVertices: options.maxVertices ?? deps.maxVertices ?? DEFAULT_MAX_VERTICES };
  const now = () => deps.now?.() ?? new Date();
  /** A draft edit: the draft checked, the edit and its audit row in one transaction. */
  const inTx = <T>(c: Context, id: number, audit: GridEditAudit<T>, fn: (tx: AppDeps['db']) => Promise<T>) =>
    deps.db.transaction(async (tx) => {
      await boundaryEdits.assertDraft(tx, id);
      return auditedGridEdit(tx, auditContextOf(c), id, audit, () => fn(tx));
    });
  /** Audits a saved import inside its transaction. */
  const auditImport = (c: Context) => (tx: AppDeps['db'], id: number) =>
    auditVersionWrite(tx, auditContextOf(c), 'version.import', id, null);
  return new Hono()
    .use(versionScopeGuard(deps.db))
    .get('/', async (c) => c.json({ versions: await listVersions(deps.db) }))
    .post('/', validate('json', CreateDraftBody), async (c) => {
      const body = c.req.valid('json');
      const source = body.from ?? (await requirePublished(deps));
      await requireVersion(deps, source);
      const id = await deps.db.transaction(async (tx) => {
        const created = await createDraftFrom(tx, source, body.name, body.note ?? null);
        await auditVersionWrite(tx, auditContextOf(c), 'version.create', created, null);
        return created;
      });
      return c.json(await requireVersion(deps, id), 201);
    })
    .post('/import', validate('query', ImportQuery), validate('json', ImportCollectionSchema), async (c) => {
      const q = c.req.valid('query');
      const result = refuseUnsaved(
        await importVersion(
          deps.db,
          c.req.valid('json'),
          { ...q, maxVertices: edit.maxVertices },
          auditImport(c),
        ),
        q.dryRun,
      );
      return c.json(result, result.saved ? 201 : 200);
    })
    .post(
      '/import/shapefile',
      requireZipBody,
      bodyLimit(shapefileUploadLimit(options.shapefile?.maxZipBytes)),
      validate('query', ShapefileImportQuery),
      async (c) => {
        const { layer, encoding, fields, ...q } = c.req.valid('query');
        const zip = new Uint8Array(await c.req.arrayBuffer());
        const { collection, source } = await readShapefileZip(zip, {
          layer,
          encoding,
          fields,
          limits: options.shapefile?.limits,
        });
        const imported = await importVersion(
          deps.db,
          collection,
          {
            ...q,
            maxVertices: edit.maxVertices,
            note: `imported from Shapefile ${source.layer}`,
          },
          auditImport(c),
        );
        const result = { ...refuseUnsaved(imported, q.dryRun, { source }), source };
        return c.json(result, result.saved ? 201 : 200);
      },
    )
    .get('/:id', validate('param', IdParam), async (c) =>
      c.json(await requireVersion(deps, c.req.valid('param').id)),
    )
    .delete('/:id', validate('param', IdParam), async (c) => {
      const v = await requireVersion(deps, c.req.valid('param').id);
      const deleted = await deps.db.transaction(async (tx) => {
        const done = await deleteDraft(tx, v.id);
        if (done) await auditVersionWrite(tx, auditContextOf(c), 'version.delete', v.id, v);
        return done;
      });
      if (!deleted) {
        throw new ProblemError(
          409,
          'version-not-draft',
          `Version ${v.id} is ${v.status}; only drafts can be deleted.`,
        );
      }
      return c.body(null, 204);
    })
    .get('/:id/grids', validate('param', IdParam), validate('query', LevelQuery), async (c) => {
      const v = await requireVersion(deps, c.req.valid('param').id);
      return c.json(
        await versionFeatures(deps.db, v.id, {
          level: c.req.valid('query').level ?? null,
          withRevision: true,
        }),
      );
    })
    .post('/:id/grids', validate('param', IdParam), validate('json', AddBody), async (c) => {
      const { id } = c.req.valid('param');
      return c.json(
        await inTx(c, id, { action: 'grid.add', codes: [c.req.valid('json').code] }, (tx) =>
          boundaryEdits.addGrid(tx, id, c.req.valid('json'), edit),
        ),
        201,
      );
    })
    .patch('/:id/grids', validate('param', IdParam), validate('json', BatchBody), async (c) => {
      const { id } = c.req.valid('param');
      return c.json({
        grids: await inTx(
          c,
          id,
          { action: 'grid.update', codes: c.req.valid('json').updates.map((u) => u.code) },
          (tx) => boundaryEdits.updateGrids(tx, id, c.req.valid('json').updates, edit),
        ),
      });
    })
    .post('/:id/grids/merge', validate('param', IdParam), validate('json', MergeBody), async (c) => {
      const { id } = c.req.valid('param');
      const [keep, absorb] = c.req.valid('json').grids;
      return c.json(
        await inTx(c, id, { action: 'grid.merge', codes: [keep.code, absorb.code] }, (tx) =>
          boundaryEdits.mergeGrids(tx, id, keep, absorb),
        ),
      );
    })
    .patch('/:id/grids/:code', validate('param', GridParam), validate('json', GridPatchBody), async (c) => {
      const { id, code } = c.req.valid('param');
      return c.json(
        await inTx(c, id, { action: 'grid.update', codes: [code] }, (tx) =>
          boundaryEdits.updateGrid(tx, id, { code, ...c.req.valid('json') }, edit),
        ),
      );
    })
    .delete('/:id/grids/:code', validate('param', GridParam), validate('query', RevisionQuery), async (c) => {
      const { id, code } = c.req.valid('param');
      await inTx(c, id, { action: 'grid.delete', codes: [code] }, (tx) =>
        boundaryEdits.deleteGrid(tx, id, code, c.req.valid('query').revision),
      );
      return c.body(null, 204);
    })
    .post('/:id/grids/:code/split', validate('param', GridParam), validate('json', SplitBody), async (c) => {
      const { id, code } = c.req.valid('param');
      return c.json(
        await inTx(
          c,
          id,
          {
            action: 'grid.split',
            codes: [code],
            created: (r: { created: { code: string } }) => [r.created.code],
          },
          (tx) => boundaryEdits.splitGrid(tx, id, { code, ...c.req.valid('json') }),
        ),
        201,
      );
    })
    .get('/:id/issues', validate('param', IdParam), validate('query', ToleranceQuery), async (c) => {
      const v = await requireVersion(deps, c.req.valid('param').id);
      return c.json(await validationReport(deps.db, v.id, c.req.valid('query').tolerance));
    })
    .get('/:id/impact', validate('param', IdParam), async (c) => {
      const v = await requireVersion(deps, c.req.valid('param').id);
      const published = await requirePublished(deps);
      return c.json(await versionImpact(deps.db, v.id, v.basedOn ?? published, published, now()));
    })
    .post('/:id/publish', validate('param', IdParam), async (c) => {
      const { id } = c.req.valid('param');
      const published = await deps.db.transaction(async (tx) => {
        const before = await getVersion(tx, id);
        const result = await publishVersion(tx, id, now());
        await auditVersionWrite(tx, auditContextOf(c), 'version.publish', id, before, {
          retiredVersionId: result.retiredVersionId,
          casesReassigned: result.casesReassigned,
        });
        return result;
      });
      return c.json(published);
    })
    .get('/:id/diff/:other', validate('param', DiffParam), async (c) => {
      const { id, other } = c.req.valid('param');
      await requireVersion(deps, id);
      await requireVersion(deps, other);
      const rows = await diffVersions(deps.db, id, other);
      return c.json({
        from: id,
        to: other,
        added: rows.filter((r) => r.change === 'added'),
        removed: rows.filter((r) => r.change === 'removed'),
        changed: rows.filter((r) => r.change === 'changed'),
      });
    })
    .get('/:id/export', validate('param', IdParam), async (c) => {
      const v = await requireVersion(deps, c.req.valid('param').id);
      c.header('Content-Disposition', `attachment; filename="gridsight-version-${v.id}.geojson"`);
      return c.json(await versionFeatures(deps.db, v.id, { withRevision: false }));
    });
}
