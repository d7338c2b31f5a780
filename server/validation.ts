import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { problem, problemResponse } from './problem';

/**
 * zod validation for any request part; a failure answers `400` problem+json listing every issue
 * (`errors: [{path, message}]`), so a client can fix all of them at once.
 */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  return zValidator(target, schema, (result, c) => {
    if (result.success) return;
    const errors = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const summary = errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ');
    return problemResponse(
      c,
      problem(400, 'invalid-request', `Invalid ${target}: ${summary}. Correct these fields and retry.`, {
        errors,
      }),
    );
  });
}
