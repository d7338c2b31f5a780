import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export const SESSION_COOKIE = 'gridsight_session';
export const CSRF_HEADER = 'X-CSRF-Token';

/** TLS seen by this server, or reported by the reverse proxy in front of it. */
function overTls(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('X-Forwarded-Proto') === 'https';
}

export function readSessionCookie(c: Context): string | undefined {
  const v = getCookie(c, SESSION_COOKIE);
  return v && /^[A-Za-z0-9_-]{43}$/.test(v) ? v : undefined;
}

/**
 * A browser-session cookie (no Max-Age): the server ends the session after its idle time, the
 * browser forgets the cookie when it closes.
 */
export function writeSessionCookie(c: Context, token: string, secureCookies: boolean): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: secureCookies || overTls(c),
  });
}

export function clearSessionCookie(c: Context, secureCookies: boolean): void {
  deleteCookie(c, SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: secureCookies || overTls(c),
  });
}
