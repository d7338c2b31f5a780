import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { PartyOverviewDto, PartyTierDto } from '../../web/api/party';
import { formatKpiValue } from '../../web/views/bigscreen/kpi-format';
import { PARTY_KPI_TILES, partyKpiFigures } from '../../web/views/party/PartyKpiGroup';
import { hasChromium, openWatchedPage, saveScreenshot, useBrowserSession } from '../support/browser';

/**
 * The party-building overlay (党建引领) in Chromium against the real server with the demo data: the
 * organisation layer on the grid map (legend, drawn coverage and stations), a unit grid's five-haves
 * checklist equal to /api/party/grids, and the big screen's 党建引领 group equal to /api/party/overview.
 */
const VIEWPORT_1080P = { width: 1920, height: 1080 };
const VIEWPORT_4K = { width: 3840, height: 2160 };
const READY_TIMEOUT_MS = 90_000;

/** JSON from the API through the page, so it carries the page's session. */
async function api<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const res = await fetch(p);
    if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
    return res.json();
  }, path) as Promise<T>;
}

/**
 * Pixels of the map that only the organisation layer paints: warm (the wine → gold coverage ramp; the
 * households ramp and the chrome are cool) and cyan (station radius and markers; the basemap's district
 * glow is cyan too, so stations show as an increase over the households layer).
 */
async function mapPixels(page: Page): Promise<{ warm: number; cyan: number }> {
  const png = await page.locator('[data-testid="grid-map"]').screenshot();
  return page.evaluate(async (base64) => {
    const blob = await (await fetch(`data:image/png;base64,${base64}`)).blob();
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(bitmap, 0, 0);
    const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    let warm = 0;
    let cyan = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i] as number, data[i + 1] as number, data[i + 2] as number];
      if (r > 90 && r > g + 25 && r > b + 60) warm++;
      if (b > 180 && g > 150 && r < 140) cyan++;
    }
    return { warm, cyan };
  }, png.toString('base64'));
}

async function waitForGridMap(page: Page, party: 'ready' | 'off'): Promise<void> {
  await page
    .locator(`[data-testid="grid-map"][data-state="ready"][data-party="${party}"]`)
    .waitFor({ timeout: READY_TIMEOUT_MS });
  // The camera fit and the GPU frame settle first.
  await page.waitForTimeout(2_000);
}

/**
 * The big screen's party group: does it overflow (vertically as a panel, or any text cut short
 * horizontally), the smallest text in it (CSS pixels), and where it ends.
 */
async function partyGroupLayout(page: Page) {
  return page.evaluate(() => {
    const group = document.querySelector<HTMLElement>('[data-testid="party-kpis"]');
    if (!group) throw new Error('no party group');
    const texts = [...group.querySelectorAll<HTMLElement>('h2, li, span')];
    const overflowing = [
      ...(group.scrollHeight > group.clientHeight + 1 ? ['group'] : []),
      ...texts
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => `${el.className}: ${el.textContent}`),
    ];
    const fonts = texts
      .filter((el) => el.textContent?.trim())
      .map((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    const bottom = group.getBoundingClientRect().bottom;
    return { overflowing, minFontPixels: Math.min(...fonts), bottom, viewportHeight: window.innerHeight };
  });
}

describe.skipIf(!hasChromium)('party-building overlay in Chromium', () => {
  const suite = useBrowserSession();

  it('draws the organisation layer with its legend, and a unit grid shows the checklist of the API', {
    timeout: 180_000,
  }, async () => {
    const { context, page, problems } = await openWatchedPage(
      suite.browser,
      suite.baseUrl,
      '/grids',
      VIEWPORT_1080P,
    );
    try {
      await waitForGridMap(page, 'off');
      const before = await mapPixels(page);

      // The layer toggle switches the map to the organisation layer.
      await page.locator('[data-testid="layer-toggle"] button[data-layer="party"]').click();
      await waitForGridMap(page, 'ready');
      expect(page.url()).toContain('layer=party');
      const legend = page.getByTestId('party-legend');
      await legend.waitFor();
      const tier = await api<PartyTierDto>(page, '/api/party/grids?level=3');
      const points = await api<{ points: { kind: string }[] }>(page, '/api/party/points');
      expect(await legend.getAttribute('data-grids')).toBe(String(tier.grids.length));
      const households = points.points.filter((p) => p.kind === 'member_household').length;
      expect(await legend.getAttribute('data-households')).toBe(String(households));
      expect(await legend.getAttribute('data-stations')).toBe(String(points.points.length - households));
      expect(await legend.locator('li').count()).toBeGreaterThanOrEqual(8);

      const after = await mapPixels(page);
      console.info('map pixels, households layer', before, 'organisation layer', after);
      expect(before.warm).toBeLessThan(500);
      expect(after.warm).toBeGreaterThan(50_000);
      expect(after.cyan).toBeGreaterThan(before.cyan + 500);
      await saveScreenshot(page, 'party-layer');

      // A unit grid with a branch and a gap in its five haves.
      const grid = tier.grids.find(
        (g) => g.organisation.gridsWithBranch > 0 && (g.checklist?.missing.length ?? 0) >= 2,
      );
      if (!grid?.checklist) throw new Error('the demo data has no grid with a branch and two gaps');
      await page.goto(new URL(`/grids?layer=party&grid=${grid.code}`, suite.baseUrl).toString());
      await waitForGridMap(page, 'ready');
      const panel = page.locator(`[data-testid="party-panel"][data-grid="${grid.code}"]`);
      const checklist = panel.getByTestId('party-checklist');
      await checklist.waitFor({ timeout: 20_000 });
      expect(await checklist.getAttribute('data-missing')).toBe(grid.checklist.missing.join(','));
      const missingShown = await checklist
        .locator('li[data-present="false"]')
        .evaluateAll((items) => items.map((li) => li.getAttribute('data-item')));
      expect(missingShown).toEqual(grid.checklist.missing);
      expect(await checklist.locator('li').count()).toBe(5);

      // The organisation chain from the street committee down, and the needs with their claim status.
      const organisation = panel.getByTestId('party-organisation');
      await organisation.waitFor({ timeout: 20_000 });
      const kinds = await organisation
        .locator('li')
        .evaluateAll((items) => items.map((li) => li.getAttribute('data-kind')));
      expect(kinds.slice(0, 3)).toEqual(['street_committee', 'community_committee', 'grid_branch']);
      expect(await organisation.textContent()).toContain('书记');
      const needs = panel.getByTestId('party-needs');
      await expect.poll(() => needs.getAttribute('data-total')).toBe(String(grid.needs.needs));
      expect(await needs.getAttribute('data-claimed')).toBe(String(grid.needs.claimed));
      await page.waitForTimeout(1_000);
      await saveScreenshot(page, 'party-panel');
      expect(problems).toEqual({ errors: [], remoteRequests: [] });
    } finally {
      await context.close();
    }
  });

  for (const [viewport, shot] of [
    [VIEWPORT_1080P, 'bigscreen-party'],
    [VIEWPORT_4K, null],
  ] as const) {
    it(`shows the 党建引领 group on the ${viewport.width}×${viewport.height} big screen, equal to the API`, {
      timeout: 150_000,
    }, async () => {
      const { context, page, problems } = await openWatchedPage(
        suite.browser,
        suite.baseUrl,
        '/bigscreen?tour=0',
        viewport,
      );
      try {
        await page
          .locator('[data-testid="bigscreen-map"][data-state="ready"]')
          .waitFor({ timeout: READY_TIMEOUT_MS });
        const group = page.getByTestId('party-kpis');
        await expect
          .poll(() => group.getByTestId('party-kpi-branchCoverage-value').textContent())
          .not.toBe('…');
        const overview = await api<PartyOverviewDto>(page, '/api/party/overview');
        const figures = partyKpiFigures(overview);
        for (const name of PARTY_KPI_TILES) {
          const f = figures[name];
          const shown = await group.getByTestId(`party-kpi-${name}-value`).textContent();
          expect(shown, name).toBe(formatKpiValue(f.value, f.kind, 'zh-CN').text);
        }
        const layout = await partyGroupLayout(page);
        console.info(`party group at ${viewport.width}×${viewport.height}`, JSON.stringify(layout));
        expect(layout.overflowing).toEqual([]);
        // 1rem = 24 px at 1080p (the smallest text of the big screen), 48 px at 4K.
        expect(layout.minFontPixels).toBeGreaterThanOrEqual((24 * viewport.height) / 1080 - 0.5);
        expect(layout.bottom).toBeLessThanOrEqual(layout.viewportHeight);
        if (shot) {
          await page.waitForTimeout(2_500);
          await saveScreenshot(page, shot);
        }
        expect(problems).toEqual({ errors: [], remoteRequests: [] });
      } finally {
        await context.close();
      }
    });
  }
});
