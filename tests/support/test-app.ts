import { createApp } from '../../server/app';
import type { TestDb } from './test-db';

/** The real Hono app over a test database; requests go through `app.request()` (real HTTP semantics, no socket). */
export function createTestApp(t: TestDb, now?: () => Date) {
  return createApp(
    { db: t.db, capabilities: t.capabilities, district: { code: '360302', name: '安源区' }, now },
    { onUnexpected: (err) => console.error('unexpected error in test app', err) },
  );
}
