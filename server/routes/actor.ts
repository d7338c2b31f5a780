import type { Context } from 'hono';
import { ProblemError } from '../problem';

/**
 * Who performs a request, recorded in the case audit trail. For now the `X-Actor` header; the
 * access-control change replaces this one function with the logged-in user.
 */
export function actorOf(c: Context): string {
  const raw = c.req.header('X-Actor');
  if (raw === undefined) return 'anonymous';
  const actor = raw.trim();
  if (actor.length < 1 || actor.length > 100) {
    throw new ProblemError(
      400,
      'invalid-actor',
      'The X-Actor header must be 1-100 characters. Fix it or omit it.',
    );
  }
  return actor;
}
