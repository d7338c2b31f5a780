import { hc } from 'hono/client';
import type { AppType } from '../../server/app';
import { type AuthState, authFetch } from '../auth/auth-state';

/**
 * The typed API client: every route, parameter and response type comes from the server's `AppType`.
 * With an `AuthState` it sends the CSRF header on unsafe methods and reports 401 answers.
 */
export function createApiClient(baseUrl: string, auth?: AuthState) {
  return hc<AppType>(baseUrl, auth ? { fetch: authFetch(auth) } : {});
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** The API lives under /api on the same origin that serves the web app. */
export const API_BASE_PATH = '/api';
