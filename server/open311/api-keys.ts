import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Constant-time check of an Open311 `api_key` against the configured keys. */
export function isValidApiKey(key: string, keys: readonly string[]): boolean {
  const given = digest(key);
  let ok = false;
  for (const k of keys) ok = timingSafeEqual(given, digest(k)) || ok;
  return ok;
}
