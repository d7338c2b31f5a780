import { hc } from 'hono/client';
import type { AppType } from '../../server/app';

/** The typed API client: every route, parameter and response type comes from the server's `AppType`. */
export function createApiClient(baseUrl: string) {
  return hc<AppType>(baseUrl);
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** The API lives under /api on the same origin that serves the web app. */
export const API_BASE_PATH = '/api';
