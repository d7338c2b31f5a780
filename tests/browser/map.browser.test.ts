import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  hasChromium,
  openWatchedPage,
  type PageProblems,
  saveScreenshot,
  useBrowserSession,
} from '../support/browser';

/**
 * Smoke test of the web app in Debian's Chromium against the real server with the demo data: a test
 * server started here (startTestServer), or an already running one at GRIDSIGHT_TEST_URL.
 */
const VIEWPORT = { width: 1920, height: 1080 };
/** Tier sizes of the demo data (Pingxiang development zone document: 5 / 29 / 138). */
const DEMO_TIERS = { 1: 5, 2: 29, 3: 138 };
const READY_TIMEOUT_MS = 90_000;

async function openApp(
  browser: Browser,
  baseUrl: string,
  path: string,
): Promise<{ page: Page; problems: PageProblems }> {
  const { page, problems } = await openWatchedPage(browser, baseUrl, path, VIEWPORT);
  await page.locator('[data-testid="grid-map"][data-state="ready"]').waitFor({ timeout: READY_TIMEOUT_MS });
  return { page, problems };
}

/** Lets the map finish its camera animation and the GPU its frame before a screenshot. */
async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(1500);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await saveScreenshot(page, name);
}

async function mapAttribute(page: Page, name: string): Promise<string | null> {
  return page.locator('[data-testid="grid-map"]').getAttribute(name);
}

/** Moves the pointer over the map until a grid tooltip shows; returns that point. */
async function hoverSomeGrid(page: Page): Promise<{ x: number; y: number }> {
  const box = await page.locator('[data-testid="grid-map"]').boundingBox();
  if (!box) throw new Error('map has no box');
  // The map fits the district with the side panel on the right, so its centre sits left of the box's.
  const cx = box.x + (box.width - 340) / 2;
  const cy = box.y + box.height / 2;
  for (const [dx, dy] of [
    [0, 0],
    [-40, 0],
    [40, 0],
    [0, -40],
    [0, 40],
    [-80, -80],
    [80, 80],
  ] as const) {
    const point = { x: cx + dx, y: cy + dy };
    await page.mouse.move(point.x, point.y, { steps: 3 });
    try {
      await page.locator('[data-testid="grid-tooltip"]').waitFor({ timeout: 2000 });
      return point;
    } catch {
      // Not over a grid here; try the next point.
    }
  }
  throw new Error('no grid under any probed point');
}

describe.skipIf(!hasChromium)('web app in Chromium', () => {
  const suite = useBrowserSession();

  it('draws the three grid tiers and their labels offline, in the shipped font', {
    timeout: 120_000,
  }, async () => {
    const { page, problems } = await openApp(suite.browser, suite.baseUrl, '/grids');
    expect(await mapAttribute(page, 'data-tier-1')).toBe(String(DEMO_TIERS[1]));
    expect(await mapAttribute(page, 'data-tier-2')).toBe(String(DEMO_TIERS[2]));
    expect(await mapAttribute(page, 'data-tier-3')).toBe(String(DEMO_TIERS[3]));
    expect(Number(await mapAttribute(page, 'data-labels'))).toBe(
      DEMO_TIERS[1] + DEMO_TIERS[2] + DEMO_TIERS[3],
    );

    // The bundled Noto Sans SC, CJK subsets included, is what the labels were drawn with.
    const fonts = await page.evaluate(() => {
      const faces = [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'Noto Sans SC');
      return {
        loaded: faces.filter((f) => f.status === 'loaded').length,
        coversLabels: document.fonts.check('400 16px "Noto Sans SC"', '安源区街道社区网格'),
      };
    });
    expect(fonts.loaded).toBeGreaterThan(1);
    expect(fonts.coversLabels).toBe(true);
    expect(await page.getByTestId('legend').isVisible()).toBe(true);

    await settle(page);
    await screenshot(page, 'foundation-map');
    expect(problems.errors).toEqual([]);
    expect(problems.remoteRequests).toEqual([]);
    await page.context().close();
  });

  it('shows a tooltip on hover, drills down on click and goes back up by the breadcrumb', {
    timeout: 120_000,
  }, async () => {
    const { page, problems } = await openApp(suite.browser, suite.baseUrl, '/grids');
    const point = await hoverSomeGrid(page);
    const tooltip = page.getByTestId('grid-tooltip');
    // Street › community › grid, the grid's code, and where a click leads.
    expect(await tooltip.locator('.gs-tooltip__chain > span').count()).toBe(3);
    const tooltipText = await tooltip.textContent();
    expect(tooltipText).toContain('编码');
    expect(tooltipText).toContain('点击进入');
    await settle(page);
    await screenshot(page, 'foundation-hover');

    await page.mouse.click(point.x, point.y);
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="grid-map"]')?.getAttribute('data-focus'),
    );
    const street = await mapAttribute(page, 'data-focus');
    expect(new URL(page.url()).searchParams.get('grid')).toBe(street);
    const crumbs = page.getByTestId('breadcrumb').locator('li');
    await expect.poll(() => crumbs.count()).toBe(2);
    await expect.poll(() => page.getByTestId('grid-panel').textContent()).toContain('一级网格');

    // One tier further down: the community under the same point.
    await settle(page);
    await page.mouse.click(point.x, point.y);
    await expect.poll(() => crumbs.count()).toBe(3);
    await expect.poll(() => page.getByTestId('grid-panel').textContent()).toContain('二级网格');
    await settle(page);
    await screenshot(page, 'foundation-drill');

    // Back to the street, then to the whole district.
    await crumbs.nth(1).getByRole('button').click();
    await expect.poll(() => crumbs.count()).toBe(2);
    expect(await mapAttribute(page, 'data-focus')).toBe(street);
    await crumbs.nth(0).getByRole('button').click();
    await expect.poll(() => crumbs.count()).toBe(1);
    expect(await mapAttribute(page, 'data-focus')).toBe('');
    expect(problems.errors).toEqual([]);
    expect(problems.remoteRequests).toEqual([]);
    await page.context().close();
  });

  it('switches to English and keeps the choice across a reload', { timeout: 120_000 }, async () => {
    const { page, problems } = await openApp(suite.browser, suite.baseUrl, '/grids');
    await page.getByRole('button', { name: 'English' }).click();
    await expect
      .poll(() => page.getByRole('link', { name: 'Grid map' }).getAttribute('aria-current'))
      .toBe('page');
    await page.reload();
    await page.locator('[data-testid="grid-map"][data-state="ready"]').waitFor({ timeout: READY_TIMEOUT_MS });
    await expect.poll(() => page.getByTestId('legend').textContent()).toContain('Households');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(problems.errors).toEqual([]);
    await page.context().close();
  });
});
