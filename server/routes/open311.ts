import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { auditContextOf } from '../auth/audit-context';
import { inScope, type Scope, scopeFilterOf, scopeOf } from '../auth/scope';
import { type CaseDeps, nowOf } from '../cases/case-deps';
import { intakeCase } from '../cases/intake-case';
import { isValidApiKey } from '../open311/api-keys';
import { OPEN311_STATUS, type Open311Error, toOpen311Request, toService } from '../open311/georeport';
import {
  describeIssues,
  GetRequestsQuery,
  MAX_REQUESTS,
  MAX_WINDOW_DAYS,
  PostRequestForm,
} from '../open311/open311-schemas';
import { ProblemError, toProblem } from '../problem';
import { getCaseCategory, listCaseCategories } from '../queries/case-categories';
import { type CaseFilter, listCases } from '../queries/case-list';
import { getCase } from '../queries/cases';

const DAY_MS = 86_400_000;

/** Open311 answers errors as `[{code, description}]`, with the HTTP status limited to 400/403/404/500. */
function open311Error(c: Context, status: number, description: string) {
  const code = status === 403 || status === 404 || status >= 500 ? status : 400;
  const body: Open311Error[] = [{ code, description }];
  return c.json(body, code as ContentfulStatusCode);
}

function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ProblemError(400, 'invalid-open311', describeIssues(parsed.error));
  return parsed.data;
}

/** `name.json` → `name`; GridSight speaks JSON only, so any other format is a 404. */
/** The form of a POST; a body that is no form (broken multipart, wrong encoding) is a 400, not a 500. */
async function formOf(c: Context): Promise<unknown> {
  try {
    return await c.req.parseBody();
  } catch {
    throw new ProblemError(
      400,
      'invalid-form',
      'The body is not a valid form: send application/x-www-form-urlencoded or multipart/form-data (GeoReport v2).',
    );
  }
}

function stripJson(file: string): string {
  if (!file.endsWith('.json')) throw new ProblemError(404, 'format', 'Only the .json format is supported.');
  return file.slice(0, -'.json'.length);
}

function requestFilter(q: z.output<typeof GetRequestsQuery>, now: Date): CaseFilter {
  if (q.service_request_id) return { ids: q.service_request_id, limit: MAX_REQUESTS };
  const to = q.end_date ?? now;
  const from = q.start_date ?? new Date(to.getTime() - MAX_WINDOW_DAYS * DAY_MS);
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS || from > to) {
    throw new ProblemError(400, 'window', `start_date..end_date must be 0-${MAX_WINDOW_DAYS} days.`);
  }
  const status = q.status ? q.status.flatMap((s) => OPEN311_STATUS[s]) : undefined;
  return {
    from,
    // end_date is inclusive in Open311; the case filter's `to` is exclusive.
    to: new Date(to.getTime() + 1),
    limit: MAX_REQUESTS,
    ...(q.service_code ? { category: q.service_code } : {}),
    ...(status ? { status } : {}),
  };
}

/** A request outside a session's scope (#7) reads as missing; API-key clients are district-wide. */
async function findRequest(deps: CaseDeps, idText: string, scope: Scope | null) {
  const found = /^[1-9][0-9]{0,14}$/.test(idText)
    ? await getCase(deps.db, Number(idText), nowOf(deps))
    : null;
  if (!found || !inScope(scope, found.gridCode))
    throw new ProblemError(404, 'not-found', `No service request ${idText}.`);
  return found;
}

/** Open311 GeoReport v2 at `/open311/v2`, so existing 311 clients can report into GridSight. */
export function open311Routes(deps: CaseDeps) {
  return new Hono()
    .use(bodyLimit({ maxSize: 64 * 1024 }))
    .get('/discovery.json', (c) =>
      c.json({
        changeset: '2026-11-01T00:00:00Z',
        contact: 'GridSight operator',
        key_service: 'Ask the operator for an api_key (GRIDSIGHT_OPEN311_KEYS).',
        endpoints: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: new URL('.', c.req.url).href.replace(/\/$/, ''),
            changeset: '2026-11-01T00:00:00Z',
            type: 'production',
            formats: ['application/json'],
          },
        ],
      }),
    )
    .get('/services.json', async (c) => c.json((await listCaseCategories(deps.db)).map(toService)))
    .get('/services/:file', async (c) => {
      const code = stripJson(c.req.param('file'));
      const category = await getCaseCategory(deps.db, code);
      if (!category) throw new ProblemError(404, 'not-found', `No service '${code}'. See services.json.`);
      // metadata is false for every service: there are no extra attributes to describe.
      return c.json({ service_code: category.code, attributes: [] });
    })
    .get('/requests.json', async (c) => {
      const filter = requestFilter(parse(GetRequestsQuery, c.req.query()), nowOf(deps));
      const page = await listCases(deps.db, { ...filter, ...scopeFilterOf(c) }, nowOf(deps));
      return c.json(page.items.map((item) => toOpen311Request(item)));
    })
    .post('/requests.json', async (c) => {
      const form = parse(PostRequestForm, await formOf(c));
      if (!isValidApiKey(form.api_key, deps.open311Keys ?? [])) {
        throw new ProblemError(403, 'api-key', 'Invalid api_key. Ask the operator for one.');
      }
      if (!(await getCaseCategory(deps.db, form.service_code))) {
        throw new ProblemError(
          400,
          'service',
          `Unknown service_code '${form.service_code}'. See services.json.`,
        );
      }
      const name = [form.last_name, form.first_name].filter(Boolean).join('') || undefined;
      const result = await intakeCase(
        deps,
        {
          lon: form.long,
          lat: form.lat,
          category: form.service_code,
          source: 'app',
          description: form.description,
          address: form.address_string,
          reporter: { name, phone: form.phone },
          mediaUrl: form.media_url,
        },
        auditContextOf(c, 'open311'),
      );
      const created = [
        {
          service_request_id: String(result.case.id),
          token: result.case.code,
          service_notice: result.case.code,
          account_id: null,
        },
      ];
      return c.json(created, 201);
    })
    .get('/requests/:file', async (c) => {
      const found = await findRequest(deps, stripJson(c.req.param('file')), await scopeOf(c, deps.db));
      return c.json([toOpen311Request(found)]);
    })
    .get('/tokens/:file', async (c) => {
      const token = stripJson(c.req.param('file'));
      const page = /^GS\d{8}-\d+$/.test(token)
        ? await listCases(deps.db, { code: token, limit: 1, ...scopeFilterOf(c) }, nowOf(deps))
        : null;
      const found = page?.items[0];
      if (!found) throw new ProblemError(404, 'not-found', `No request for token ${token}.`);
      return c.json([{ service_request_id: String(found.id), token }]);
    })
    .all('*', (c) => open311Error(c, 404, `No Open311 endpoint ${c.req.method} ${c.req.path}.`))
    .onError((err, c) => {
      const p = toProblem(err);
      if (p.status >= 500) console.error(err);
      return open311Error(c, p.status, p.detail);
    });
}
