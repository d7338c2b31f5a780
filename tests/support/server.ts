import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from '../../server/app';
import type { Role } from '../../server/auth/principal';
import { createUser, sessionHeaders } from './auth';
import { openTestDb } from './test-db';

const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export type TestServer = {
  url: string;
  /** The `gridsight_session` cookie value of a new session of a (created on demand) user. */
  sessionCookie(user: { role: Role; scopeCode: string | null; username?: string }): Promise<string>;
  /** `cookie` + `x-csrf-token` headers of a new session, for the test's own API calls from Node. */
  sessionHeaders(user: {
    role: Role;
    scopeCode: string | null;
    username?: string;
  }): Promise<Record<string, string>>;
  /** Creates a user in the server's database (to log in through the login page). */
  createUser(u: {
    username: string;
    role: Role;
    scopeCode: string | null;
    password: string;
  }): Promise<{ id: number }>;
  close(): Promise<void>;
};

/**
 * The real server (API + built web app) on a random loopback port, over a private copy of the demo
 * database on PGlite. For browser tests; `npm test` builds web/dist first.
 */
export async function startTestServer(): Promise<TestServer> {
  const t = await openTestDb('pglite', 'demo');
  const app = createApp(
    { db: t.db, capabilities: t.capabilities, district: { code: '360302', name: '安源区' } },
    { webDistDir: WEB_DIST },
  );
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async sessionCookie(user) {
      const { cookie } = await sessionHeaders(t, user);
      return (cookie as string).slice((cookie as string).indexOf('=') + 1);
    },
    sessionHeaders: (user) => sessionHeaders(t, user),
    createUser: (u) => createUser(t, u),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await t.close();
    },
  };
}
