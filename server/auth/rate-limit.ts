/**
 * Failed-login limiter: at most `maxFailures` failures per key (username + client address) in a
 * sliding `windowMs`. In memory, one per app (several instances each count their own: a limit per
 * instance, which is still a limit). A successful login clears the key.
 */
export type LoginLimiter = {
  /** Seconds until the key may try again, or 0 when it may now. */
  retryAfterSeconds(key: string, now: number): number;
  recordFailure(key: string, now: number): void;
  reset(key: string): void;
};

export function createLoginLimiter(maxFailures = 5, windowMs = 15 * 60_000): LoginLimiter {
  const failures = new Map<string, number[]>();
  const recent = (key: string, now: number) => {
    const kept = (failures.get(key) ?? []).filter((t) => now - t < windowMs);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  };
  return {
    retryAfterSeconds(key, now) {
      const kept = recent(key, now);
      if (kept.length < maxFailures) return 0;
      const oldest = kept[kept.length - maxFailures] as number;
      return Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
    },
    recordFailure(key, now) {
      const kept = recent(key, now);
      kept.push(now);
      failures.set(key, kept);
      // Bound memory under a spray of usernames: forget the oldest keys first.
      if (failures.size > 10_000) failures.delete(failures.keys().next().value as string);
    },
    reset(key) {
      failures.delete(key);
    },
  };
}
