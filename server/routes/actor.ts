import type { Context } from 'hono';
import type { Principal } from '../auth/principal';

/**
 * Who performs a request, recorded in the case audit trail: the logged-in user's username (set by the
 * auth middleware), or `anonymous` on the public routes. The old `X-Actor` header is ignored.
 */
export function actorOf(c: Context): string {
  const principal = c.get('principal' as never) as Principal | undefined;
  return principal?.username ?? 'anonymous';
}
