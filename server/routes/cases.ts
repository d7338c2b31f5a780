import { type Context, Hono } from 'hono';
import { auditContextOf } from '../auth/audit-context';
import { assertCaseAction } from '../auth/case-actions';
import { principalOf } from '../auth/principal';
import { inScope, type Scope, scopeFilterOf, scopeOf } from '../auth/scope';
import { type CaseDeps, nowOf } from '../cases/case-deps';
import { assertCaseWritable, assertGridWritable, assertIntakeResultVisible } from '../cases/case-scope';
import { intakeCase } from '../cases/intake-case';
import { transitionCase } from '../cases/transition-case';
import { allowedActions } from '../domain/case-workflow';
import { type Viewer, withReporterFor } from '../domain/pii';
import { ProblemError } from '../problem';
import { listCases } from '../queries/case-list';
import { getCase, listCaseEvents } from '../queries/cases';
import { validate } from '../validation';
import { encodeCursor, IdParam, IntakeBody, ListQuery, TransitionBody } from './case-schemas';

/** A case outside the principal's scope (#7) reads as missing: 404, no existence leak. */
async function caseWithTimeline(deps: CaseDeps, id: number, scope: Scope | null) {
  const found = await getCase(deps.db, id, nowOf(deps));
  if (!found || !inScope(scope, found.gridCode))
    throw new ProblemError(404, 'case-not-found', `No case with id ${id}. Check the id.`);
  const timeline = await listCaseEvents(deps.db, id);
  return { ...found, allowedActions: allowedActions(found.status, found.overdue), timeline };
}

/** The reader of a case's reporter (#7 PII): full only for a dispatcher or the assigned worker. */
function viewerOf(c: Context): Viewer | undefined {
  return c.get('principal' as never) as Viewer | undefined;
}

export function caseRoutes(deps: CaseDeps) {
  return new Hono()
    .post('/', validate('json', IntakeBody), async (c) => {
      const scope = await scopeOf(c, deps.db);
      const input = c.req.valid('json');
      const result = await intakeCase(deps, input, auditContextOf(c), (grid) =>
        assertGridWritable(scope, grid, input),
      );
      assertIntakeResultVisible(scope, result.case.gridCode, result.case.externalId);
      const body = {
        ...withReporterFor(viewerOf(c), result.case),
        allowedActions: allowedActions(result.case.status, result.case.overdue),
      };
      if (result.created) c.header('Location', `/api/cases/${result.case.id}`);
      return c.json(body, result.created ? 201 : 200);
    })
    .get('/', validate('query', ListQuery), async (c) => {
      const q = c.req.valid('query');
      const { cursor, ...filters } = q;
      const page = await listCases(
        deps.db,
        { ...filters, ...(cursor ? { after: cursor } : {}), ...scopeFilterOf(c) },
        nowOf(deps),
      );
      return c.json({ items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null });
    })
    .get('/:id', validate('param', IdParam), async (c) => {
      const found = await caseWithTimeline(deps, c.req.valid('param').id, await scopeOf(c, deps.db));
      return c.json(withReporterFor(viewerOf(c), found));
    })
    .post('/:id/transitions', validate('param', IdParam), validate('json', TransitionBody), async (c) => {
      const { id } = c.req.valid('param');
      assertCaseAction(principalOf(c), c.req.valid('json').action);
      const scope = await scopeOf(c, deps.db);
      await assertCaseWritable(deps, scope, id);
      const result = await transitionCase(deps, id, c.req.valid('json'), auditContextOf(c));
      const updated = withReporterFor(viewerOf(c), await caseWithTimeline(deps, id, scope));
      return c.json({ ...updated, event: result.event });
    });
}
