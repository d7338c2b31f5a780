import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { SESSION_COOKIE } from '../../server/auth/cookie';
import type { Role } from '../../server/auth/principal';
import { startTestServer, type TestServer } from './server';

/** Debian's Chromium; browser suites are skipped on a machine without it. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

/** Flags for this sandbox: no GPU, and no background calls to hosts an offline machine cannot reach. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export type BrowserSession = { browser: Browser; baseUrl: string; close(): Promise<void> };

/** The test servers started here, by base URL (an external server has none). */
const testServers = new Map<string, TestServer>();

/** The test server behind a base URL, to create users or sessions in its database. */
export function testServerAt(baseUrl: string): TestServer | undefined {
  return testServers.get(new URL(baseUrl).origin);
}

/**
 * Session headers for a test's own API calls (Node `fetch`) to the server under test, as a user of
 * this role (district-wide unless a scope is given).
 */
export async function apiHeadersAt(
  baseUrl: string,
  user: { role: Role; scopeCode?: string | null },
): Promise<Record<string, string>> {
  const server = testServerAt(baseUrl);
  if (!server) throw new Error(`no test server at ${baseUrl}: API calls need one to make a session`);
  return server.sessionHeaders({ role: user.role, scopeCode: user.scopeCode ?? null });
}

/**
 * Chromium plus the server under test: a fresh test server over a private demo database, or an
 * already running one at GRIDSIGHT_TEST_URL.
 */
export async function startBrowserSession(): Promise<BrowserSession> {
  const external = process.env.GRIDSIGHT_TEST_URL;
  const server = external ? undefined : await startTestServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  if (server) testServers.set(server.url, server);
  return {
    browser,
    baseUrl: external ?? server?.url ?? '',
    async close() {
      await browser.close();
      if (server) testServers.delete(server.url);
      await server?.close();
    },
  };
}

/** What went wrong on a page: console errors, uncaught exceptions, requests leaving the origin. */
export type PageProblems = { errors: string[]; remoteRequests: string[] };

export type Viewport = { width: number; height: number };

/** Who the page is logged in as; `null` = anonymous (the login page). */
export type PageUser = { role: Role; scopeCode?: string | null; username?: string } | null;

/**
 * The user a page opens as: a planner for the planner view (only planners get it), else a leader,
 * who reads every other view and lands on the big screen like the app's default.
 */
export function defaultUserFor(path: string): PageUser {
  if (path.startsWith('/planner')) return { role: 'planner' };
  return { role: 'leader' };
}

/**
 * Opens `path` in a new zh-CN context and records every problem the page shows. The context carries
 * the session cookie of `as` (by default a district-wide user of the role the view is made for); an
 * external server (GRIDSIGHT_TEST_URL) gets the cookie in GRIDSIGHT_TEST_SESSION, if set.
 */
export async function openWatchedPage(
  browser: Browser,
  baseUrl: string,
  path: string,
  viewport: Viewport,
  options: { as?: PageUser } = {},
): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const base = new URL(baseUrl);
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'zh-CN' });
  const user = options.as === undefined ? defaultUserFor(path) : options.as;
  const makeSession = testServers.get(base.origin)?.sessionCookie;
  const token = user
    ? makeSession
      ? await makeSession({
          role: user.role,
          scopeCode: user.scopeCode ?? null,
          ...(user.username ? { username: user.username } : {}),
        })
      : process.env.GRIDSIGHT_TEST_SESSION
    : undefined;
  if (token) {
    await context.addCookies([
      { name: SESSION_COOKIE, value: token, url: base.origin, httpOnly: true, sameSite: 'Lax' },
    ]);
  }
  const page = await context.newPage();
  const problems: PageProblems = { errors: [], remoteRequests: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.errors.push(msg.text());
  });
  page.on('pageerror', (err) => problems.errors.push(err.message));
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.protocol.startsWith('http') && url.origin !== base.origin)
      problems.remoteRequests.push(req.url());
  });
  await page.goto(new URL(path, base).toString());
  return { context, page, problems };
}

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png` });
}

/**
 * Registers a browser session for the enclosing `describe`: started before its tests, closed after.
 * Read `browser` and `baseUrl` inside tests (they are set once `beforeAll` has run).
 */
export function useBrowserSession(): { readonly browser: Browser; readonly baseUrl: string } {
  let session: BrowserSession | undefined;
  beforeAll(async () => {
    session = await startBrowserSession();
  });
  afterAll(async () => {
    await session?.close();
  });
  const current = (): BrowserSession => {
    if (!session) throw new Error('the browser session is not started yet (use it inside a test)');
    return session;
  };
  return {
    get browser() {
      return current().browser;
    },
    get baseUrl() {
      return current().baseUrl;
    },
  };
}
