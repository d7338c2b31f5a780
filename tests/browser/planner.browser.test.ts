import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { labelPoint } from '../../web/grids/label-point';
import { type LonLat, samePosition, toMultiPolygonCoords } from '../../web/planner/geometry';
import { moveNode } from '../../web/planner/move-node';
import {
  buildVertexIndex,
  type EditableGrid,
  gridVertices,
  type VertexNode,
} from '../../web/planner/vertex-index';
import {
  hasChromium,
  openWatchedPage,
  type PageProblems,
  saveScreenshot,
  useBrowserSession,
} from '../support/browser';

/**
 * The boundary planner end to end in Debian's Chromium over the demo data: create a draft, select a
 * level-3 grid, drag a vertex it shares with a neighbour, see the impact change with no new issues,
 * publish through the confirmation, and find the moved vertex in both grids of the published map.
 */
const VIEWPORT = { width: 1920, height: 1080 };
const READY_TIMEOUT_MS = 90_000;
const EDIT_TIMEOUT_MS = 60_000;
/** How far the handle is dragged, in screen pixels (small against a grid filling the view). */
const DRAG_PIXELS = 36;
/** Published grids come back with 6 decimals (~0.1 m). */
const PUBLISHED_EPSILON_DEGREES = 2e-6;

type Feature = { geometry: { type: string; coordinates: unknown }; properties: Record<string, unknown> };
type Collection = { features: Feature[] };
type Viewport = { bounds: [number, number, number, number]; width: number; height: number };
type ScreenHandle = { key: string; x: number; y: number; owners: string[] };

/** A GET with the page's session cookie (the API needs a login). */
async function getJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  expect(res.status()).toBe(200);
  return (await res.json()) as T;
}

function editableGrids(collection: Collection): EditableGrid[] {
  return collection.features.map((f) => ({
    code: String(f.properties.code),
    level: Number(f.properties.level),
    parentCode: f.properties.parentCode === null ? null : String(f.properties.parentCode),
    revision: Number(f.properties.revision ?? 1),
    coordinates: toMultiPolygonCoords(f.geometry as Parameters<typeof toMultiPolygonCoords>[0]),
  }));
}

/**
 * A vertex shared by level-3 siblings only (not on a parent's outline, no T-junction), so dragging it
 * a little cannot open a gap, an overlap or leave the parent.
 */
function interiorSharedNode(grids: EditableGrid[]): VertexNode {
  const byCode = new Map(grids.map((g) => [g.code, g]));
  for (const node of buildVertexIndex(grids).values()) {
    const owners = node.owners.map((c) => byCode.get(c));
    if (owners.length < 2 || owners.some((g) => g?.level !== 3)) continue;
    if (owners.some((g) => g?.parentCode !== owners[0]?.parentCode)) continue;
    const touched = Object.keys(moveNode(grids, node.position, [node.position[0] + 1e-9, node.position[1]]));
    if (touched.length === owners.length) return node;
  }
  throw new Error('no interior shared vertex in the demo data');
}

function mercatorY(lat: number): number {
  return Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
}

/** Where a WGS84 point is on the page, from the map's `data-viewport` (Web Mercator). */
async function toScreen(page: Page, position: LonLat): Promise<{ x: number; y: number }> {
  const map = page.getByTestId('planner-map');
  const box = await map.boundingBox();
  const viewport = JSON.parse((await map.getAttribute('data-viewport')) ?? '') as Viewport;
  const [west, south, east, north] = viewport.bounds;
  const x = ((position[0] - west) / (east - west)) * viewport.width;
  const y =
    ((mercatorY(north) - mercatorY(position[1])) / (mercatorY(north) - mercatorY(south))) * viewport.height;
  return { x: (box?.x ?? 0) + x, y: (box?.y ?? 0) + y };
}

/** The handle list once the camera has stopped (two equal reads half a second apart). */
async function settledHandles(page: Page): Promise<ScreenHandle[]> {
  const map = page.getByTestId('planner-map');
  let last = '';
  for (let i = 0; i < 40; i += 1) {
    await page.waitForTimeout(500);
    const now = (await map.getAttribute('data-handles')) ?? '[]';
    if (now === last && now !== '[]') return JSON.parse(now) as ScreenHandle[];
    last = now;
  }
  throw new Error('handles never settled');
}

function hasVertex(grid: EditableGrid | undefined, p: LonLat, epsilon: number): boolean {
  return Boolean(grid && gridVertices(grid).some((v) => samePosition(v, p, epsilon)));
}

function sameBoundary(a: EditableGrid | undefined, b: EditableGrid | undefined, epsilon: number): boolean {
  const av = a ? gridVertices(a) : [];
  const bv = b ? gridVertices(b) : [];
  return (
    av.length > 0 && av.length === bv.length && av.every((v) => bv.some((w) => samePosition(v, w, epsilon)))
  );
}

/**
 * Opens the big screen at the unit-grid tier and returns the level-3 grids its map fetched (the page
 * is reloaded once the response is awaited, so the very request the map makes is the one read).
 */
async function bigscreenUnitGrids(
  browser: Browser,
  baseUrl: string,
): Promise<{ page: Page; problems: PageProblems; grids: EditableGrid[] }> {
  const { page, problems } = await openWatchedPage(browser, baseUrl, '/bigscreen?tier=3', VIEWPORT);
  const fetched = page.waitForResponse((r) => {
    const url = new URL(r.url());
    return url.pathname === '/api/grids' && url.searchParams.get('level') === '3';
  });
  await page.reload();
  const response = await fetched;
  expect(response.status()).toBe(200);
  const grids = editableGrids((await response.json()) as Collection);
  await page
    .locator('[data-testid="bigscreen-map"][data-state="ready"]')
    .waitFor({ timeout: READY_TIMEOUT_MS });
  return { page, problems, grids };
}

describe.skipIf(!hasChromium)('boundary planner in Chromium', () => {
  const suite = useBrowserSession();

  it('drags a shared vertex, shows the impact with no new issues, publishes the new boundary', {
    timeout: 300_000,
  }, async () => {
    const { page, problems } = await openWatchedPage(suite.browser, suite.baseUrl, '/planner', VIEWPORT);
    const { errors, remoteRequests: remote } = problems;
    const map = page.getByTestId('planner-map');
    await page
      .locator('[data-testid="planner-map"][data-state="ready"]')
      .waitFor({ timeout: READY_TIMEOUT_MS });

    // A new draft from the published version: no issues, nothing changed yet.
    await page.getByTestId('planner-new-draft').click();
    const draftId = Number(await page.getByTestId('planner-draft-select').inputValue());
    expect(draftId).toBeGreaterThan(0);
    const issues = page.getByTestId('planner-issues');
    const impact = page.getByTestId('planner-impact');
    await expect.poll(() => issues.getAttribute('data-state'), { timeout: EDIT_TIMEOUT_MS }).toBe('ready');
    const issuesBefore = await issues.getAttribute('data-count');
    expect(await issues.getAttribute('data-blocking')).toBe('0');
    await expect.poll(() => impact.getAttribute('data-rows'), { timeout: EDIT_TIMEOUT_MS }).toBe('0');

    // Select a grid by clicking inside it, then drag its vertex shared with the neighbour.
    const draft = editableGrids(
      await getJson<Collection>(page, `${suite.baseUrl}/api/versions/${draftId}/grids`),
    );
    const node = interiorSharedNode(draft);
    const [code, ...neighbours] = node.owners as [string, ...string[]];
    const grid = draft.find((g) => g.code === code);
    const inside = labelPoint({ type: 'MultiPolygon', coordinates: grid?.coordinates ?? [] });
    if (!inside) throw new Error('grid has no label point');
    await page.locator('[data-testid="planner-map"][data-state="ready"]').waitFor();
    const click = await toScreen(page, inside);
    await page.mouse.move(click.x, click.y, { steps: 3 });
    await page.waitForTimeout(500);
    await page.mouse.click(click.x, click.y);
    await expect.poll(() => map.getAttribute('data-selected')).toBe(code);
    const handle = (await settledHandles(page)).find((h) => h.key === node.key);
    if (!handle) throw new Error(`no handle for the shared vertex ${node.key}`);
    expect(handle.owners.sort()).toEqual([...node.owners].sort());
    const canvas = await map.boundingBox();
    const start = { x: (canvas?.x ?? 0) + handle.x, y: (canvas?.y ?? 0) + handle.y };
    // Towards the selected grid's inside: the vertex moves into it, the neighbour grows.
    const toward = await toScreen(page, inside);
    const length = Math.hypot(toward.x - start.x, toward.y - start.y);
    const end = {
      x: start.x + ((toward.x - start.x) / length) * DRAG_PIXELS,
      y: start.y + ((toward.y - start.y) / length) * DRAG_PIXELS,
    };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(end.x, end.y, { steps: 8 });
    await page.mouse.up();

    // All grids at the vertex saved in one batch; the impact lists them; no new issue appeared.
    await expect
      .poll(() => impact.getAttribute('data-rows'), { timeout: EDIT_TIMEOUT_MS })
      .toBe(String(node.owners.length));
    expect((await impact.getAttribute('data-codes'))?.split(',').sort()).toEqual([...node.owners].sort());
    await expect.poll(() => map.getAttribute('data-saving')).toBe('false');
    await expect
      .poll(() => issues.getAttribute('data-count'), { timeout: EDIT_TIMEOUT_MS })
      .toBe(issuesBefore);
    expect(await issues.getAttribute('data-blocking')).toBe('0');
    const edited = editableGrids(
      await getJson<Collection>(page, `${suite.baseUrl}/api/versions/${draftId}/grids?level=3`),
    );
    const moved = gridVertices(edited.find((g) => g.code === code) as EditableGrid).find(
      (v) => !hasVertex(grid, v, 1e-9),
    );
    if (!moved) throw new Error('the dragged vertex is not in the saved grid');
    for (const c of neighbours)
      expect(
        hasVertex(
          edited.find((g) => g.code === c),
          moved,
          1e-9,
        ),
      ).toBe(true);
    await page.waitForTimeout(1500);
    await saveScreenshot(page, 'planner-edit');

    // Publish through the confirmation dialog.
    await page.getByTestId('planner-publish').click();
    const dialog = page.getByTestId('planner-publish-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('publish-blocking').textContent()).toBe('0');
    await saveScreenshot(page, 'planner-publish');
    await dialog.getByTestId('publish-confirm').click();
    await page.getByTestId('planner-published').waitFor({ timeout: EDIT_TIMEOUT_MS });

    // The published map has the new boundary: the moved vertex in every grid there, the old in none.
    const published = editableGrids(await getJson<Collection>(page, `${suite.baseUrl}/api/grids?level=3`));
    for (const c of node.owners) {
      const g = published.find((p) => p.code === c);
      expect(hasVertex(g, moved, PUBLISHED_EPSILON_DEGREES)).toBe(true);
      expect(hasVertex(g, node.position, PUBLISHED_EPSILON_DEGREES)).toBe(false);
    }
    expect(errors).toEqual([]);
    expect(remote).toEqual([]);
    await page.context().close();

    // The big screen draws the published boundary: every grid at the dragged vertex, as its map
    // fetched it, is the saved draft's shape (new vertex in, old one out) and matches /api/grids/:code.
    const screen = await bigscreenUnitGrids(suite.browser, suite.baseUrl);
    for (const c of node.owners) {
      const shown = screen.grids.find((g) => g.code === c);
      expect(
        sameBoundary(
          shown,
          edited.find((g) => g.code === c),
          PUBLISHED_EPSILON_DEGREES,
        ),
      ).toBe(true);
      expect(hasVertex(shown, moved, PUBLISHED_EPSILON_DEGREES)).toBe(true);
      expect(hasVertex(shown, node.position, PUBLISHED_EPSILON_DEGREES)).toBe(false);
      const detail = await screen.page.request.get(`${suite.baseUrl}/api/grids/${c}`);
      const { grid: published } = (await detail.json()) as { grid: { bbox: number[]; versionId: number } };
      expect(published.versionId).toBe(draftId);
      const xs = gridVertices(shown as EditableGrid).map((v) => v[0]);
      const ys = gridVertices(shown as EditableGrid).map((v) => v[1]);
      const shownBbox = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
      shownBbox.forEach((v, i) => {
        expect(Math.abs(v - (published.bbox[i] ?? Number.NaN))).toBeLessThan(PUBLISHED_EPSILON_DEGREES);
      });
    }
    await screen.page.waitForTimeout(1500);
    await saveScreenshot(screen.page, 'planner-published-bigscreen');
    expect(screen.problems.errors).toEqual([]);
    expect(screen.problems.remoteRequests).toEqual([]);
    await screen.page.context().close();
  });
});
