import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  apiHeadersAt,
  hasChromium,
  openWatchedPage,
  type PageProblems,
  saveScreenshot,
  useBrowserSession,
} from '../support/browser';

/**
 * The hotspot drill-down in Debian's Chromium against the real server with the demo data: district
 * → street → community → grid → case list → one case, the list checked against `GET /api/cases`,
 * Back walking up again, no console errors and nothing fetched from another origin.
 */
const VIEWPORT = { width: 1920, height: 1080 };
const READY_TIMEOUT_MS = 90_000;
const STEP_TIMEOUT_MS = 20_000;
/** Padding of the hotspot map's camera (web/views/hotspots/hotspot-layout.ts): the focus sits inside it. */
const MAP_PADDING = { top: 150, bottom: 110, left: 72, right: 516 };
/** Offsets (px) around the focus centre tried in turn until a click opens a grid one tier down. */
const PROBES: readonly [number, number][] = [
  [0, 0],
  [-30, 0],
  [30, 0],
  [0, -30],
  [0, 30],
  [-60, -40],
  [60, 40],
  [-60, 40],
  [60, -40],
];

type CasePage = { items: { id: number; code: string }[]; nextCursor: string | null };

async function openHotspots(
  browser: Browser,
  baseUrl: string,
): Promise<{ page: Page; problems: PageProblems }> {
  const { page, problems } = await openWatchedPage(browser, baseUrl, '/hotspots', VIEWPORT);
  await page.locator('[data-testid="grid-map"][data-state="ready"]').waitFor({ timeout: READY_TIMEOUT_MS });
  return { page, problems };
}

async function mapAttribute(page: Page, name: string): Promise<string> {
  return (await page.locator('[data-testid="grid-map"]').getAttribute(name)) ?? '';
}

/** Lets the camera finish flying and the GPU its frame. */
async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(1500);
}

/** Screenshots without a hover tooltip: the pointer is parked on the header first. */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.mouse.move(VIEWPORT.width / 2, 10);
  await page.waitForTimeout(300);
  await saveScreenshot(page, name);
}

/** Clicks around the centre of the fitted focus until the focus moves one tier down. */
async function drillOnce(page: Page, fromLevel: number): Promise<string> {
  const box = await page.locator('[data-testid="grid-map"]').boundingBox();
  if (!box) throw new Error('map has no box');
  const cx = box.x + MAP_PADDING.left + (box.width - MAP_PADDING.left - MAP_PADDING.right) / 2;
  const cy = box.y + MAP_PADDING.top + (box.height - MAP_PADDING.top - MAP_PADDING.bottom) / 2;
  for (const [dx, dy] of PROBES) {
    await page.mouse.move(cx + dx, cy + dy, { steps: 2 });
    await page.waitForTimeout(250);
    await page.mouse.click(cx + dx, cy + dy);
    try {
      await expect
        .poll(() => mapAttribute(page, 'data-focus-level'), { timeout: 3000 })
        .toBe(String(fromLevel + 1));
      await settle(page);
      return mapAttribute(page, 'data-focus');
    } catch {
      // Not inside the focus here (or a sideways move): try the next point.
    }
  }
  throw new Error(`no click opened a level-${fromLevel + 1} grid`);
}

/** Every case of a grid through the API's keyset pages. */
async function allCasesOf(baseUrl: string, grid: string): Promise<CasePage['items']> {
  const items: CasePage['items'] = [];
  let cursor: string | null = null;
  do {
    const url = new URL('/api/cases', baseUrl);
    url.searchParams.set('grid', grid);
    url.searchParams.set('limit', '500');
    if (cursor) url.searchParams.set('cursor', cursor);
    const res = await fetch(url, { headers: await apiHeadersAt(baseUrl, { role: 'leader' }) });
    expect(res.status).toBe(200);
    const page = (await res.json()) as CasePage;
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

describe.skipIf(!hasChromium)('hotspot drill-down in Chromium', () => {
  const suite = useBrowserSession();

  it('drills street → community → grid → case list → case, matches the API and goes Back', {
    timeout: 180_000,
  }, async () => {
    const { page, problems } = await openHotspots(suite.browser, suite.baseUrl);

    // Overview: Gi* bins and the selection's total from the API.
    const total = page.getByTestId('selection-total');
    await expect.poll(() => total.getAttribute('data-total'), { timeout: STEP_TIMEOUT_MS }).not.toBe('');
    const yearTotal = Number(await total.getAttribute('data-total'));
    expect(Number(await mapAttribute(page, 'data-bins'))).toBeGreaterThan(0);
    expect(await page.getByTestId('hotspot-legend').textContent()).toContain('热点');

    // A 90-day window: fewer cases, and few enough for DBSCAN hulls.
    await page.getByTestId('time-window').getByRole('button', { name: '90 天' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('from')).not.toBeNull();
    await expect.poll(() => total.getAttribute('data-total'), { timeout: STEP_TIMEOUT_MS }).not.toBe('');
    expect(Number(await total.getAttribute('data-total'))).toBeLessThan(yearTotal);
    await expect.poll(() => mapAttribute(page, 'data-clusters'), { timeout: STEP_TIMEOUT_MS }).not.toBe('0');
    await settle(page);
    await screenshot(page, 'hotspots-overview');
    await page.getByTestId('time-window').getByRole('button', { name: '全年' }).click();
    await expect
      .poll(() => total.getAttribute('data-total'), { timeout: STEP_TIMEOUT_MS })
      .toBe(String(yearTotal));

    const street = await drillOnce(page, 0);
    const community = await drillOnce(page, 1);
    const grid = await drillOnce(page, 2);
    expect(new URL(page.url()).searchParams.get('grid')).toBe(grid);
    expect(street && community && grid).toBeTruthy();

    // The case list against GET /api/cases?grid=… (same filters: none).
    const list = page.getByTestId('case-list');
    await expect.poll(() => list.getAttribute('data-total'), { timeout: STEP_TIMEOUT_MS }).not.toBe('');
    const expected = await allCasesOf(suite.baseUrl, grid);
    expect(Number(await list.getAttribute('data-total'))).toBe(expected.length);
    const rows = page.getByTestId('case-row');
    if (expected.length > 0) {
      await expect.poll(() => rows.first().getAttribute('data-case-id')).toBe(String(expected[0]?.id));
      // Scrolling to the end loads every page.
      await expect
        .poll(
          async () => {
            await page.getByTestId('case-list-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
            return list.getAttribute('data-loaded');
          },
          { timeout: STEP_TIMEOUT_MS },
        )
        .toBe(String(expected.length));
      await page.getByTestId('case-list-scroll').evaluate((el) => el.scrollTo(0, 0));
    }
    expect(await rows.count()).toBeLessThanOrEqual(Math.max(expected.length, 1));
    await settle(page);
    await screenshot(page, 'hotspots-caselist');

    // One case: its timeline and its marker on the map; no reporter data on the page.
    const first = expected[0];
    expect(first).toBeDefined();
    if (!first) return;
    await rows.first().click();
    const detail = page.locator(`[data-testid="case-detail"][data-case-id="${first.id}"]`);
    await detail.waitFor({ timeout: STEP_TIMEOUT_MS });
    // The reporter in full (as the dispatch desk reads it) must not appear on the leader's page.
    const desk = await apiHeadersAt(suite.baseUrl, { role: 'dispatcher' });
    const body = (await (
      await fetch(new URL(`/api/cases/${first.id}`, suite.baseUrl), { headers: desk })
    ).json()) as {
      timeline: unknown[];
      reporter: { name: string | null; phone: string | null };
    };
    await expect
      .poll(() => page.getByTestId('case-timeline').locator('li').count())
      .toBe(body.timeline.length);
    expect(await mapAttribute(page, 'data-selected-case')).toBe(String(first.id));
    expect(new URL(page.url()).searchParams.get('case')).toBe(String(first.id));
    const text = (await page.locator('body').textContent()) ?? '';
    if (body.reporter.phone) expect(text).not.toContain(body.reporter.phone);
    if (body.reporter.name) expect(text).not.toContain(body.reporter.name);
    await settle(page);
    await screenshot(page, 'hotspots-case');

    // Back: the case list, then the community.
    await page.goBack();
    await list.waitFor({ timeout: STEP_TIMEOUT_MS });
    expect(new URL(page.url()).searchParams.get('case')).toBeNull();
    await page.goBack();
    await expect.poll(() => mapAttribute(page, 'data-focus')).toBe(community);
    expect(await mapAttribute(page, 'data-focus-level')).toBe('2');
    // The breadcrumb goes straight up to the street.
    await page.getByTestId('breadcrumb').locator('li').nth(1).getByRole('button').click();
    await expect.poll(() => mapAttribute(page, 'data-focus')).toBe(street);

    // English through the header's switch.
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByTestId('hotspot-legend').textContent()).toContain('Hotspot analysis');
    expect(await page.getByTestId('time-window').textContent()).toContain('Whole year');

    expect(problems.errors).toEqual([]);
    expect(problems.remoteRequests).toEqual([]);
    await page.context().close();
  });
});
