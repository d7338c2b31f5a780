import { createHash } from 'node:crypto';

/**
 * A weak validator over the parts an answer is derived from (data version, request key, scope):
 * two answers with one ETag carry the same figures, though `asOf` may differ within a clock step.
 */
export function weakEtag(parts: readonly unknown[]): string {
  return `W/"${createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 32)}"`;
}

/** Whether an `If-None-Match` header matches `etag` (weak comparison, lists and `*`; RFC 9110 13.1.2). */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === wanted);
}
