/**
 * Web figures (issue #8 item 4): gzip size of the production bundle in web/dist (fonts excluded,
 * they load on demand), and the time from navigation to the big screen's map reporting `ready`
 * in headless Debian Chromium against the bench server, with the largest API response it fetched
 * (a 50k-grid GeoJSON would show here).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const CHROMIUM = '/usr/bin/chromium';
const READY_TIMEOUT_MS = 90_000;

export type WebFigures = {
  bundle: { jsGzipBytes: number; cssGzipBytes: number; files: number };
  bigScreen: {
    firstRenderMs: number;
    largestApiBytes: number;
    largestApiPath: string;
    apiRequests: number;
    /** The five largest API responses (path and bytes). */
    largestResponses: { path: string; bytes: number }[];
    screenshot: string | null;
  } | null;
  note?: string;
};

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

export function bundleSize(distDir: string): WebFigures['bundle'] {
  let js = 0;
  let css = 0;
  let files = 0;
  for (const file of walk(distDir)) {
    if (/\.(woff2?|ttf|otf)$/.test(file)) continue;
    const gz = gzipSync(readFileSync(file), { level: 9 }).length;
    if (file.endsWith('.js') || file.endsWith('.mjs')) js += gz;
    else if (file.endsWith('.css')) css += gz;
    else continue;
    files++;
  }
  return { jsGzipBytes: js, cssGzipBytes: css, files };
}

export async function bigScreenRender(
  baseUrl: string,
  cookie: string | null,
  screenshotPath: string | null,
): Promise<NonNullable<WebFigures['bigScreen']>> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    if (cookie) {
      const [name, value] = cookie.split('=') as [string, string];
      await context.addCookies([{ name, value, url: baseUrl }]);
    }
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const sizes: { path: string; bytes: number }[] = [];
    let apiRequests = 0;
    page.on('response', (res) => {
      const url = new URL(res.url());
      if (!url.pathname.startsWith('/api/')) return;
      apiRequests++;
      res
        .body()
        .then((b) => {
          sizes.push({ path: `${url.pathname}${url.search}`, bytes: b.length });
        })
        .catch(() => undefined);
    });
    const started = performance.now();
    await page.goto(`${baseUrl}/bigscreen?tour=0`);
    try {
      await page
        .locator('[data-testid="bigscreen-map"][data-state="ready"]')
        .waitFor({ timeout: READY_TIMEOUT_MS });
    } catch (err) {
      if (screenshotPath) await page.screenshot({ path: screenshotPath }).catch(() => undefined);
      const state = await page
        .locator('[data-testid="bigscreen-map"]')
        .getAttribute('data-state', { timeout: 1_000 })
        .catch(() => 'absent');
      throw new Error(
        `map not ready after ${READY_TIMEOUT_MS / 1000} s (data-state ${state}; ${apiRequests} API requests; ` +
          `errors: ${errors.slice(0, 3).join(' | ') || 'none'}): ${(err as Error).message.split('\n')[0]}`,
      );
    }
    const firstRenderMs = performance.now() - started;
    await page.waitForTimeout(2_000);
    if (screenshotPath) await page.screenshot({ path: screenshotPath });
    const largest = [...sizes].sort((a, b) => b.bytes - a.bytes);
    return {
      firstRenderMs,
      largestApiBytes: largest[0]?.bytes ?? 0,
      largestApiPath: largest[0]?.path ?? '',
      largestResponses: largest.slice(0, 5),
      apiRequests,
      screenshot: screenshotPath,
    };
  } finally {
    await browser.close();
  }
}

export async function measureWeb(
  distDir: string,
  baseUrl: string,
  cookie: string | null,
  screenshotPath: string | null,
): Promise<WebFigures | null> {
  if (!existsSync(join(distDir, 'index.html'))) return null;
  const bundle = bundleSize(distDir);
  if (!existsSync(CHROMIUM)) return { bundle, bigScreen: null, note: `no ${CHROMIUM}` };
  try {
    return { bundle, bigScreen: await bigScreenRender(baseUrl, cookie, screenshotPath) };
  } catch (err) {
    return { bundle, bigScreen: null, note: `failed: ${(err as Error).message.split('\n')[0]}` };
  }
}
