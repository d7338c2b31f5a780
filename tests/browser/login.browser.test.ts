import { describe, expect, it } from 'vitest';
import {
  hasChromium,
  openWatchedPage,
  saveScreenshot,
  testServerAt,
  useBrowserSession,
} from '../support/browser';

/**
 * The login page in Chromium against the real server: an anonymous visitor gets the login page, a
 * wrong password says so, a leader lands on the big screen without the planner view, logout returns
 * to the login page.
 */
const VIEWPORT = { width: 1440, height: 900 };
const TIMEOUT_MS = 120_000;
const PASSWORD = 'leader-password-42';

describe.skipIf(!hasChromium)('login page (browser)', () => {
  const suite = useBrowserSession();

  it('logs a leader in and out, refusing a wrong password', { timeout: 420_000 }, async () => {
    const server = testServerAt(suite.baseUrl);
    if (!server) return; // an external server (GRIDSIGHT_TEST_URL): no way to create the user
    await server.createUser({ username: 'leader-li', role: 'leader', scopeCode: null, password: PASSWORD });
    const { page, problems } = await openWatchedPage(suite.browser, server.url, '/', VIEWPORT, {
      as: null,
    });

    const form = page.locator('form.gs-login__card');
    await form.waitFor({ timeout: TIMEOUT_MS });
    expect(await page.locator('.gs-login__title').textContent()).toBe('登录');
    expect(await page.locator('.gs-nav').count()).toBe(0);
    await page.locator('input[name="username"]').fill('leader-li');
    await saveScreenshot(page, 'login');

    await page.locator('input[name="password"]').fill('not-the-password');
    await page.locator('button[type="submit"]').click();
    const error = page.locator('.gs-login__error');
    await error.waitFor({ timeout: TIMEOUT_MS });
    expect(await error.textContent()).toContain('用户名或密码错误');

    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.locator('.gs-user').waitFor({ timeout: TIMEOUT_MS });
    await page.waitForURL(/\/bigscreen/, { timeout: TIMEOUT_MS });
    expect(await page.locator('.gs-user__name').textContent()).toBe('leader-li');
    const nav = await page.locator('.gs-nav__link').allTextContents();
    expect(nav[0]).toBe('态势大屏');
    expect(nav).toEqual(expect.arrayContaining(['网格总览', '热点下钻']));
    expect(nav).not.toContain('网格规划');

    // The planner path is not a route for a leader: it lands back on the big screen.
    await page.goto(new URL('/planner', server.url).toString());
    await page.waitForURL(/\/bigscreen/, { timeout: TIMEOUT_MS });

    // The big screen fills the wall display; log out from the grid map's header.
    await page.goto(new URL('/grids', server.url).toString());
    await page.locator('.gs-user__logout').click();
    await form.waitFor({ timeout: TIMEOUT_MS });
    const session = await page.evaluate(async () => (await fetch('/api/auth/session')).status);
    expect(session).toBe(401);
    // The only errors are the 401 answers of the session check and the wrong password.
    expect(problems.errors.filter((e) => !e.includes('401'))).toEqual([]);
    expect(problems.remoteRequests).toEqual([]);
  });
});
