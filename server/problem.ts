import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DbError } from './db/db';

/**
 * Every error, everywhere, is `application/problem+json` (RFC 9457):
 * `{ type, title, status, detail, ...extensions }`. `detail` always says what to do next.
 */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  [extension: string]: unknown;
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** An error a handler throws to answer with a problem document. */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly slug: string,
    detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
  }
}

export function problem(
  status: ContentfulStatusCode,
  slug: string,
  detail: string,
  extensions: Record<string, unknown> = {},
): Problem {
  return {
    type: `https://gridsight.local/problems/${slug}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...extensions,
  };
}

export function problemResponse(c: Context, p: Problem): Response {
  return c.body(JSON.stringify(p), p.status as ContentfulStatusCode, {
    'content-type': 'application/problem+json; charset=utf-8',
  });
}

/** Maps database constraint violations that slipped past validation to 4xx, never to a 500 with SQL in it. */
function fromDbError(err: DbError): Problem | null {
  switch (err.code) {
    case '23505':
      return problem(
        409,
        'conflict',
        `A record with the same key already exists (${err.constraint ?? 'unique'}).`,
      );
    case '23503':
      return problem(422, 'unknown-reference', 'The request refers to a record that does not exist.');
    case '22021':
    case '22P05':
      return problem(
        400,
        'invalid-text',
        'A text field holds a character the database cannot store (such as NUL, \\u0000). Remove it and retry.',
      );
    case '22001':
    case '22003':
    case '22007':
    case '22008':
    case '23514':
    case '23502':
    case '22P02':
    case '22023':
    case 'XX000':
      return problem(422, 'invalid-data', `The data was rejected by a database rule: ${err.message}`);
    case '40001':
    case '55P03':
      return problem(
        409,
        'concurrent-change',
        'Another request changed the same data at the same time. Retry.',
      );
    default:
      return null;
  }
}

export function toProblem(err: unknown): Problem {
  if (err instanceof ProblemError) return problem(err.status, err.slug, err.message, err.extensions);
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const slug = status === 413 ? 'body-too-large' : 'http-error';
    const detail =
      status === 413
        ? 'The request body is too large. Send a smaller body.'
        : err.message || TITLES[status] || 'Error';
    return problem(status, slug, detail);
  }
  if (err instanceof DbError) {
    const p = fromDbError(err);
    if (p) return p;
  }
  return problem(
    500,
    'internal',
    'An unexpected error occurred. It has been logged; retry or contact the operator.',
  );
}
