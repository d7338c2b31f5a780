import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startTestServer } from './server';

/** Debian's Chromium; browser suites are skipped on a machine without it. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

/** Flags for this sandbox: no GPU, and no background calls to hosts an offline machine cannot reach. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export type BrowserSession = { browser: Browser; baseUrl: string; close(): Promise<void> };

/**
 * Chromium plus the server under test: a fresh test server over a private demo database, or an
 * already running one at GRIDSIGHT_TEST_URL.
 */
export async function startBrowserSession(): Promise<BrowserSession> {
  const external = process.env.GRIDSIGHT_TEST_URL;
  const server = external ? undefined : await startTestServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return {
    browser,
    baseUrl: external ?? server?.url ?? '',
    async close() {
      await browser.close();
      await server?.close();
    },
  };
}

/** What went wrong on a page: console errors, uncaught exceptions, requests leaving the origin. */
export type PageProblems = { errors: string[]; remoteRequests: string[] };

export type Viewport = { width: number; height: number };

/** Opens `path` in a new zh-CN context and records every problem the page shows. */
export async function openWatchedPage(
  browser: Browser,
  baseUrl: string,
  path: string,
  viewport: Viewport,
): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const base = new URL(baseUrl);
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'zh-CN' });
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
