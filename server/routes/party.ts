/**
 * The party-building overlay (党建引领): organisation tree, per-grid figures, the big-screen KPI group,
 * 在职党员"双报到" registrations and service records, needs/resources/projects and 双向认领 claims.
 * Handlers hold no SQL (server/queries/party-*.ts); rules live in server/domain/party/.
 */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { type AuditContext, auditContextOf } from '../auth/audit-context';
import { clampGridToScope, forbiddenOutsideScope, inScope, type Scope, scopeOf } from '../auth/scope';
import { assertPointWritable } from '../cases/case-scope';
import type { Db } from '../db/db';
import type { AppDeps } from '../deps';
import { claimRefusal, matchScore } from '../domain/party/matching';
import { NEED_CATEGORIES, STATION_FACILITY_KINDS } from '../domain/party/vocabulary';
import { maskName, maskPhone } from '../domain/pii';
import { ProblemError } from '../problem';
import { recordAudit } from '../queries/audit';
import { getPartyOverview, getPartyTier } from '../queries/party-grids';
import * as needs from '../queries/party-needs';
import {
  findGrid,
  insertRegistration,
  insertServiceRecord,
  registrationExists,
  registrationGridCode,
} from '../queries/party-service';
import { getPartyChainAbove, getPartyTree } from '../queries/party-tree';
import { findScopeGrid, type ScopeGrid } from '../queries/stats-scope';
import { validate } from '../validation';
import { auditedCreate } from './party-audit';

const gridCode = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'not a grid code');
const id = z.coerce.number().int().min(1).max(2_147_483_647);
const IdParam = z.strictObject({ id });
const ScopeQuery = z.strictObject({ grid: gridCode.optional() });
const TreeQuery = z.strictObject({ grid: gridCode });
const GridsQuery = z.strictObject({
  grid: gridCode.optional(),
  level: z.enum(['1', '2', '3']).transform((v) => Number(v) as 1 | 2 | 3),
});
const NeedsQuery = z.strictObject({
  grid: gridCode.optional(),
  status: z.enum(['open', 'claimed']).optional(),
});
/** [longitude, latitude] in WGS84. */
const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const text = (max: number) => z.string().trim().min(1).max(max);

const RegistrationBody = z.strictObject({
  memberName: text(100),
  employer: text(200),
  communityCode: gridCode,
  gridCode: gridCode.optional(),
  phone: z
    .string()
    .regex(/^[0-9+-]{5,20}$/, 'not a phone number')
    .optional(),
  registeredAt: z.iso.datetime({ offset: true }).optional(),
});
const ServiceBody = z.strictObject({
  activity: text(200),
  location: lonLat.optional(),
  servedAt: z.iso.datetime({ offset: true }),
  hours: z.number().positive().max(24).multipleOf(0.25),
});
const NeedBody = z.strictObject({
  category: z.enum(NEED_CATEGORIES),
  description: text(1000),
  location: lonLat,
  reportedAt: z.iso.datetime({ offset: true }).optional(),
});
const ClaimBody = z.strictObject({ resourceId: id });

/** The requested grid clamped to the principal's scope (#7): outside → 404, none asked → the scope grid. */
async function scopeGrid(c: Context, db: Db, requested: string | undefined): Promise<ScopeGrid | null> {
  const code = clampGridToScope(await scopeOf(c, db), requested);
  if (!code) return null;
  const grid = await findScopeGrid(db, code);
  if (!grid)
    throw new ProblemError(404, 'grid-not-found', `No grid with code '${code}' in the published version.`);
  return grid;
}

const unprocessable = (slug: string, detail: string) => new ProblemError(422, slug, detail);

/** The community (level 2) and optional grid (level 3 inside it) a registration names; 422 otherwise. */
async function checkRegistrationGrids(db: Db, community: string, grid: string | undefined): Promise<void> {
  const c = await findGrid(db, community);
  if (c?.level !== 2)
    throw unprocessable(
      'unknown-community',
      `'${community}' is not a community (level-2 grid) of the published version.`,
    );
  if (grid === undefined) return;
  const g = await findGrid(db, grid);
  if (g?.level !== 3 || g.parentCode !== community)
    throw unprocessable('unknown-grid', `'${grid}' is not a level-3 grid of community '${community}'.`);
}

/** Claiming a need outside the scope (#7) is 403; for a scoped user also an unknown id (no probing). */
async function assertNeedWritable(db: Db, needId: number, scope: Scope | null): Promise<void> {
  if (scope === null) return;
  const need = await needs.findNeed(db, needId);
  if (!need || !inScope(scope, need.gridCode)) throw forbiddenOutsideScope(scope, `Need ${needId}`);
}

/** A need outside the principal's scope (#7) reads as missing. */
async function needOr404(db: Db, needId: number, scope: Scope | null = null) {
  const need = await needs.findNeed(db, needId);
  if (!need || !inScope(scope, need.gridCode))
    throw new ProblemError(404, 'need-not-found', `No need with id ${needId}.`);
  return need;
}

const REFUSALS = {
  'category-mismatch': 'The resource serves another category than the need; pick one from /matches.',
  'out-of-range': "The need lies beyond the resource's service distance; pick one from /matches.",
  'no-capacity': 'The resource has no capacity left; pick another from /matches.',
} as const;

/** Claims inside one transaction, the resource row locked, so capacity cannot be overdrawn. */
async function claim(db: Db, needId: number, resourceId: number, at: Date, who: AuditContext) {
  return db.transaction(async (tx) => {
    const need = await needOr404(tx, needId);
    const r = await needs.resourceForNeed(tx, needId, resourceId);
    if (!r) throw new ProblemError(404, 'resource-not-found', `No resource with id ${resourceId}.`);
    if (need.resourceId !== null)
      throw new ProblemError(
        409,
        'need-already-claimed',
        `Need ${needId} is already claimed by resource ${need.resourceId}.`,
      );
    const refusal = claimRefusal({ ...matchInput(need.category, r) });
    if (refusal) throw unprocessable(refusal, REFUSALS[refusal]);
    const claimed = await needs.claimNeed(tx, needId, resourceId, at);
    if (!claimed)
      throw new ProblemError(409, 'need-already-claimed', `Need ${needId} was claimed meanwhile.`);
    await recordAudit(tx, {
      ...who,
      action: 'party_need.claim',
      entityType: 'party_need',
      entityId: needId,
      before: need,
      after: claimed,
    });
    return claimed;
  });
}

function matchInput(needCategory: string, r: needs.Candidate) {
  return {
    needCategory,
    resourceCategory: r.category,
    distanceMetres: r.distanceMetres,
    serviceRadiusMetres: r.serviceRadiusMetres,
    capacityLeft: r.capacityLeft,
  };
}

export function partyRoutes(deps: AppDeps) {
  const now = () => deps.now?.() ?? new Date();
  return new Hono()
    .get('/tree', validate('query', TreeQuery), async (c) => {
      const grid = (await scopeGrid(c, deps.db, c.req.valid('query').grid)) as ScopeGrid;
      const [units, above] = await Promise.all([
        getPartyTree(deps.db, grid.code),
        getPartyChainAbove(deps.db, grid.code),
      ]);
      return c.json({ grid, above, units });
    })
    .get('/grids', validate('query', GridsQuery), async (c) => {
      const q = c.req.valid('query');
      const grid = await scopeGrid(c, deps.db, q.grid);
      if (grid && grid.level > q.level)
        throw new ProblemError(
          400,
          'invalid-level',
          `Grid '${grid.code}' is level ${grid.level}; ask for level ${grid.level} or below it.`,
        );
      return c.json(await getPartyTier(deps.db, q.level, grid, now()));
    })
    .get('/overview', validate('query', ScopeQuery), async (c) => {
      const grid = await scopeGrid(c, deps.db, c.req.valid('query').grid);
      return c.json(await getPartyOverview(deps.db, grid, now()));
    })
    .get('/points', validate('query', ScopeQuery), async (c) => {
      const grid = await scopeGrid(c, deps.db, c.req.valid('query').grid);
      const points = await needs.listPartyPoints(deps.db, grid?.code ?? null, STATION_FACILITY_KINDS);
      return c.json({ grid, points });
    })
    .post('/registrations', validate('json', RegistrationBody), async (c) => {
      const b = c.req.valid('json');
      await checkRegistrationGrids(deps.db, b.communityCode, b.gridCode);
      const scope = await scopeOf(c, deps.db);
      if (scope && !inScope(scope, b.gridCode ?? b.communityCode))
        throw forbiddenOutsideScope(scope, `Grid ${b.gridCode ?? b.communityCode}`);
      const registration = await auditedCreate(
        deps.db,
        c,
        'party_registration',
        (tx) =>
          insertRegistration(tx, {
            memberName: b.memberName,
            employer: b.employer,
            communityCode: b.communityCode,
            gridCode: b.gridCode ?? null,
            phone: b.phone ?? null,
            registeredAt: b.registeredAt ? new Date(b.registeredAt) : now(),
          }),
        (r) => ({ ...r, memberName: maskName(r.memberName), phone: maskPhone(r.phone) }),
      );
      return c.json(registration, 201);
    })
    .post(
      '/registrations/:id/services',
      validate('param', IdParam),
      validate('json', ServiceBody),
      async (c) => {
        const { id: registrationId } = c.req.valid('param');
        const b = c.req.valid('json');
        const scope = await scopeOf(c, deps.db);
        const registrationGrid = scope ? await registrationGridCode(deps.db, registrationId) : null;
        if (scope && (registrationGrid === null || !inScope(scope, registrationGrid)))
          throw forbiddenOutsideScope(scope, `Registration ${registrationId}`);
        if (!(await registrationExists(deps.db, registrationId)))
          throw new ProblemError(404, 'registration-not-found', `No registration with id ${registrationId}.`);
        const servedAt = new Date(b.servedAt);
        if (servedAt > now())
          throw unprocessable('served-in-future', 'servedAt lies in the future; record services once done.');
        const record = await auditedCreate(deps.db, c, 'party_service_record', (tx) =>
          insertServiceRecord(tx, {
            registrationId,
            activity: b.activity,
            location: b.location ?? null,
            servedAt,
            hours: b.hours,
          }),
        );
        return c.json(record, 201);
      },
    )
    .get('/needs', validate('query', NeedsQuery), async (c) => {
      const q = c.req.valid('query');
      const grid = await scopeGrid(c, deps.db, q.grid);
      return c.json({ grid, needs: await needs.listNeeds(deps.db, grid?.code ?? null, q.status ?? null) });
    })
    .post('/needs', validate('json', NeedBody), async (c) => {
      const b = c.req.valid('json');
      const [lon, lat] = b.location;
      await assertPointWritable(deps.db, await scopeOf(c, deps.db), { lon, lat });
      const need = await auditedCreate(deps.db, c, 'party_need', (tx) =>
        needs.insertNeed(tx, {
          category: b.category,
          description: b.description,
          location: b.location,
          reportedAt: b.reportedAt ? new Date(b.reportedAt) : now(),
        }),
      );
      if (!need)
        throw unprocessable(
          'outside-grids',
          'The location lies in no level-3 grid of the published version.',
        );
      return c.json(need, 201);
    })
    .get('/needs/:id/matches', validate('param', IdParam), async (c) => {
      const need = await needOr404(deps.db, c.req.valid('param').id, await scopeOf(c, deps.db));
      const candidates = await needs.candidatesForNeed(deps.db, need.id);
      const matches = candidates
        .map((r) => ({ ...r, score: matchScore(matchInput(need.category, r)) }))
        .filter((m) => m.score > 0)
        .sort((a, b) => b.score - a.score || a.id - b.id);
      return c.json({ need, matches });
    })
    .post('/needs/:id/claim', validate('param', IdParam), validate('json', ClaimBody), async (c) => {
      const { id: needId } = c.req.valid('param');
      await assertNeedWritable(deps.db, needId, await scopeOf(c, deps.db));
      return c.json(await claim(deps.db, needId, c.req.valid('json').resourceId, now(), auditContextOf(c)));
    })
    .get('/resources', validate('query', ScopeQuery), async (c) => {
      const grid = await scopeGrid(c, deps.db, c.req.valid('query').grid);
      return c.json({ grid, resources: await needs.listResources(deps.db, grid?.code ?? null) });
    })
    .get('/projects', validate('query', ScopeQuery), async (c) => {
      const grid = await scopeGrid(c, deps.db, c.req.valid('query').grid);
      return c.json({ grid, projects: await needs.listProjects(deps.db, grid?.code ?? null) });
    });
}
