import { mkdirSync } from 'node:fs';
import { pointOnFeature } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GridStatsDto } from '../../web/api/stats';
import { legendEntries } from '../../web/theme/ramp';
import {
  CHOROPLETH_METRICS,
  choroplethScale,
  metricValues,
  rankGrids,
} from '../../web/views/bigscreen/choropleth-metrics';
import { KPI_TILES } from '../../web/views/bigscreen/KpiTiles';
import { formatKpiValue } from '../../web/views/bigscreen/kpi-format';
import { PULSE } from '../../web/views/bigscreen/pulses';
import { TICKER_CAPACITY } from '../../web/views/bigscreen/ticker-buffer';
import {
  apiHeadersAt,
  hasChromium,
  openWatchedPage,
  type PageProblems,
  SCREENSHOT_DIR,
  useBrowserSession,
} from '../support/browser';

/**
 * The big screen (大屏) in Debian's Chromium against the real server with the demo data: layout at
 * 1080p and 4K (screenshots in docs/screenshots/), KPI figures equal to the API's, a posted case in
 * the ticker and on the map within 3 s, and a bounded JS heap under a stream of live events.
 */
const VIEWPORT_1080P = { width: 1920, height: 1080 };
const VIEWPORT_4K = { width: 3840, height: 2160 };
/** The tour is off so the camera and ranking hold still for screenshots and comparisons. */
const PATH = '/bigscreen?tour=0';
const READY_TIMEOUT_MS = 90_000;
const LIVE_DEADLINE_MS = 3_000;
const LATENCY_SAMPLES = 3;
/** "10 minutes of live events": a busy city district reports about one case every 1.5 s. */
const SIMULATED_EVENTS = 400;
/** JS heap growth allowed after GC, in bytes (noise: JIT code, caches, react-query's last responses). */
const HEAP_NOISE_BYTES = 3 * 1024 * 1024;

async function openBigscreen(
  browser: Browser,
  baseUrl: string,
  viewport: { width: number; height: number },
): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const { context, page, problems } = await openWatchedPage(browser, baseUrl, PATH, viewport);
  await page
    .locator('[data-testid="bigscreen-map"][data-state="ready"]')
    .waitFor({ timeout: READY_TIMEOUT_MS });
  await page.locator('[data-testid="live-status"][data-status="live"]').waitFor({ timeout: 20_000 });
  return { context, page, problems };
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // The camera fit and the GPU frame settle first.
  await page.waitForTimeout(2_500);
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png` });
}

/** Overflow anywhere (document or a panel), and the smallest font size of any visible text. */
async function layoutReport(page: Page) {
  return page.evaluate(() => {
    const doc = document.scrollingElement ?? document.documentElement;
    const overflowing: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(
      '.bs-root, .bs-kpi, .bs-panel, .bs-legend, .bs-header',
    )) {
      if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
        overflowing.push(el.className);
    }
    let minFontPixels = Number.POSITIVE_INFINITY;
    const walker = document.createTreeWalker(
      document.querySelector('.bs-root') ?? document.body,
      NodeFilter.SHOW_TEXT,
    );
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.textContent?.trim() || parent.closest('.maplibregl-ctrl')) continue;
      const rect = parent.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      minFontPixels = Math.min(minFontPixels, Number.parseFloat(getComputedStyle(parent).fontSize));
    }
    return {
      scroll: { width: doc.scrollWidth, height: doc.scrollHeight },
      viewport: { width: window.innerWidth, height: window.innerHeight },
      overflowing,
      minFontPixels,
    };
  });
}

async function heapUsedBytes(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Performance.enable');
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
  } finally {
    await cdp.detach();
  }
}

type GridFeature = Feature<Polygon | MultiPolygon, { code: string; households: number }>;

describe.skipIf(!hasChromium)('big screen in Chromium', () => {
  const suite = useBrowserSession();
  let leafPoints: [number, number][] = [];
  // The test's own calls (reading grids, reporting cases) as the dispatch desk.
  const api = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const auth = await apiHeadersAt(suite.baseUrl, { role: 'dispatcher' });
    const res = await fetch(new URL(path, suite.baseUrl), {
      ...init,
      headers: { ...(init?.headers as Record<string, string> | undefined), ...auth },
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const postCase = (point: [number, number], i: number) =>
    api<{ id: number; code: string }>('/api/cases', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        lon: point[0],
        lat: point[1],
        category: (['safety', 'environment', 'dispute', 'facilities'] as const)[i % 4],
        source: 'app',
        title: `大屏测试 ${i}`,
      }),
    });

  beforeAll(async () => {
    // Points surely inside level-3 grids, so intake assigns them a grid.
    const grids = await api<{ features: GridFeature[] }>('/api/grids?level=3');
    leafPoints = grids.features.map((f) => pointOnFeature(f).geometry.coordinates as [number, number]);
  });

  it('each metric: the legend colours and the ranking from the compact answer equal those of the full one', {
    timeout: 240_000,
  }, async () => {
    /** `#rrggbb` as the browser serialises it in a style attribute. */
    const rgb = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
      return `rgb(${r}, ${g}, ${b})`;
    };
    for (const metric of CHOROPLETH_METRICS) {
      const { context, page, problems } = await openWatchedPage(
        suite.browser,
        suite.baseUrl,
        `${PATH}&metric=${metric}&tier=3`,
        VIEWPORT_1080P,
      );
      try {
        await page
          .locator('[data-testid="bigscreen-map"][data-state="ready"]')
          .waitFor({ timeout: READY_TIMEOUT_MS });
        const expected = async () => {
          const full = await api<{ grids: GridStatsDto[] }>('/api/stats/grids?level=3');
          const scale = choroplethScale(metricValues(full.grids, metric).values(), metric);
          return {
            colors: [...legendEntries(scale).map((e) => rgb(e.color)), 'none'],
            ranking: rankGrids(full.grids, metric, 8).map((g) => g.name),
          };
        };
        const shown = async () => ({
          colors: await page
            .locator('.bs-legend__swatch')
            .evaluateAll((els) =>
              els.map((el) =>
                el.classList.contains('bs-legend__swatch--none')
                  ? 'none'
                  : (el as HTMLElement).style.background,
              ),
            ),
          ranking: await page.locator('.bs-ranking__name').allTextContents(),
        });
        // Cases posted by other tests may still be refreshing the screen: poll until both agree.
        const compare = async () => {
          const [onScreen, fromFull] = await Promise.all([shown(), expected()]);
          const same = JSON.stringify(onScreen) === JSON.stringify(fromFull);
          return same ? 'same' : JSON.stringify({ onScreen, fromFull });
        };
        await expect.poll(compare, { timeout: 20_000, interval: 1_000 }).toBe('same');
        const figures = await shown();
        console.info(metric, 'legend', figures.colors.join(' '), 'ranking', figures.ranking.join(' '));
        expect(figures.ranking.length).toBeGreaterThan(0);
        expect(problems.errors).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

  it('fills a 1920×1080 wall with legible text, no overflow, the KPIs equal to the API', {
    timeout: 150_000,
  }, async () => {
    const { context, page, problems } = await openBigscreen(suite.browser, suite.baseUrl, VIEWPORT_1080P);
    try {
      // A screen in operation: a few cases arrive (ticker, pulses), then the figures refresh.
      for (let i = 0; i < 3; i++) await postCase(leafPoints[i * 17] as [number, number], i);
      await expect.poll(() => page.getByTestId('ticker').getAttribute('data-count')).toBe('3');

      const kpis = async () => {
        const overview = await api<{ kpis: Record<string, { value: number | null }> }>('/api/stats/overview');
        const shown: Record<string, string> = {};
        const expected: Record<string, string> = {};
        for (const { name, kind } of KPI_TILES) {
          shown[name] = (await page.getByTestId(`kpi-${name}-value`).textContent()) ?? '';
          expected[name] = formatKpiValue(overview.kpis[name]?.value ?? null, kind, 'zh-CN').text;
        }
        return { shown, expected };
      };
      // The screen refetches a few seconds after live events; poll until it has.
      await expect
        .poll(
          async () => {
            const { shown, expected } = await kpis();
            return JSON.stringify(shown) === JSON.stringify(expected);
          },
          { timeout: 20_000, interval: 1_000 },
        )
        .toBe(true);
      const { shown, expected } = await kpis();
      console.info('KPIs on screen', JSON.stringify(shown), 'from the API', JSON.stringify(expected));
      expect(shown).toEqual(expected);

      await screenshot(page, 'bigscreen-1080p');
      const layout = await layoutReport(page);
      console.info('1080p layout', JSON.stringify(layout));
      expect(layout.scroll).toEqual(layout.viewport);
      expect(layout.overflowing).toEqual([]);
      expect(layout.minFontPixels).toBeGreaterThanOrEqual(24);
      expect(problems).toEqual({ errors: [], remoteRequests: [] });
    } finally {
      await context.close();
    }
  });

  it('scales the same layout to 3840×2160', { timeout: 150_000 }, async () => {
    const { context, page, problems } = await openBigscreen(suite.browser, suite.baseUrl, VIEWPORT_4K);
    try {
      for (let i = 3; i < 6; i++) await postCase(leafPoints[i * 17] as [number, number], i);
      await expect.poll(() => page.getByTestId('ticker').getAttribute('data-count')).toBe('3');
      await screenshot(page, 'bigscreen-4k');
      const layout = await layoutReport(page);
      console.info('4K layout', JSON.stringify(layout));
      expect(layout.scroll).toEqual(layout.viewport);
      expect(layout.overflowing).toEqual([]);
      expect(layout.minFontPixels).toBeGreaterThanOrEqual(48);

      // English through the same switch as elsewhere; back to Chinese for the next test.
      await page.locator('.bs-root').getByRole('button', { name: 'English' }).click();
      await expect
        .poll(() => page.locator('.bs-header h1').textContent())
        .toContain('Grid governance situation');
      expect(await page.getByTestId('kpi-casesToday').textContent()).toContain('Cases today');
      await page.locator('.bs-root').getByRole('button', { name: '中文' }).click();
      await expect.poll(() => page.locator('.bs-header h1').textContent()).toContain('网格化治理态势');
      expect(problems.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows a posted case in the ticker and on the map within 3 s; the heap stays flat under live events', {
    timeout: 180_000,
  }, async () => {
    const { context, page, problems } = await openBigscreen(suite.browser, suite.baseUrl, VIEWPORT_1080P);
    try {
      const point = leafPoints[0];
      if (!point) throw new Error('no level-3 grid');
      await page.waitForTimeout(3_000); // a running screen: the first frames and label placement are done
      // The page notes (in epoch ms) when the case first shows in the ticker and on the map, so
      // the figure does not include the test's own polling of a busy software-GL page.
      const shownAt = (selector: string) =>
        page.evaluate(
          (sel) =>
            new Promise<number>((resolve) => {
              const check = () => document.querySelector(sel) !== null;
              if (check()) return resolve(Date.now());
              const observer = new MutationObserver(() => {
                if (!check()) return;
                observer.disconnect();
                resolve(Date.now());
              });
              observer.observe(document.body, { subtree: true, childList: true, attributes: true });
            }),
          selector,
        );
      // If the case already shows when the watch starts, the watch's start time counts (an overestimate).
      // Three samples (the machine may be busy with other work); the median must meet the deadline.
      const samples: number[] = [];
      for (let i = 0; i < LATENCY_SAMPLES; i++) {
        const started = Date.now();
        const created = await postCase(leafPoints[i * 7] ?? point, i);
        const postMs = Date.now() - started;
        const [tickerAt, mapAt] = await Promise.all([
          shownAt(`[data-testid="ticker"] [data-case-code="${created.code}"]`),
          shownAt(`[data-testid="bigscreen-map"][data-pulse-codes~="${created.code}"]`),
        ]);
        samples.push(Math.max(tickerAt, mapAt) - started);
        console.info(
          `posted case ${created.code}: POST answered after ${postMs} ms, in the ticker after ${tickerAt - started} ms, pulsing on the map after ${mapAt - started} ms`,
        );
      }
      const latencyMs = [...samples].sort((x, y) => x - y)[Math.floor(LATENCY_SAMPLES / 2)] ?? Number.NaN;
      expect(latencyMs).toBeLessThan(LIVE_DEADLINE_MS);

      // Heap: warm up with one round, then compare two equal rounds of live events after forced GC.
      const round = async (from: number) => {
        for (let i = from; i < from + SIMULATED_EVENTS / 2; i++) {
          await postCase(leafPoints[i % leafPoints.length] as [number, number], i);
        }
        await page.waitForTimeout(4_000); // the stats refetch triggered by the burst settles
      };
      const heapAtStart = await heapUsedBytes(page);
      await round(1);
      const heapBefore = await heapUsedBytes(page);
      await round(1 + SIMULATED_EVENTS / 2);
      const heapAfter = await heapUsedBytes(page);
      const ticker = Number(await page.getByTestId('ticker').getAttribute('data-count'));
      const pulses = Number(await page.getByTestId('bigscreen-map').getAttribute('data-pulses'));
      console.info(
        `heap after load: ${(heapAtStart / 1e6).toFixed(2)} MB; after ${SIMULATED_EVENTS / 2} events: ${(heapBefore / 1e6).toFixed(2)} MB; after ${SIMULATED_EVENTS}: ${(heapAfter / 1e6).toFixed(2)} MB; growth ${((heapAfter - heapBefore) / 1e6).toFixed(2)} MB; ticker ${ticker}, pulses ${pulses}`,
      );
      expect(ticker).toBe(TICKER_CAPACITY);
      expect(pulses).toBeLessThanOrEqual(PULSE.capacity);
      expect(heapAfter - heapBefore).toBeLessThan(HEAP_NOISE_BYTES);
      expect(problems.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
