/**
 * What the API client needs from the login: the session's CSRF token (sent on unsafe methods) and
 * someone to tell when the server answers 401 (the session ended: show the login page).
 */
export type AuthState = {
  csrfToken: string | null;
  onUnauthorized(listener: () => void): () => void;
  unauthorized(): void;
};

export const CSRF_HEADER = 'X-CSRF-Token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function createAuthState(): AuthState {
  const listeners = new Set<() => void>();
  return {
    csrfToken: null,
    onUnauthorized(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    unauthorized() {
      for (const l of listeners) l();
    },
  };
}

/** `fetch` that adds the CSRF header to unsafe methods and reports 401 answers (except the login itself). */
export function authFetch(state: AuthState, base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    if (UNSAFE.has(method) && state.csrfToken) headers.set(CSRF_HEADER, state.csrfToken);
    const res = await base(input, { ...init, headers, credentials: 'same-origin' });
    const url = input instanceof Request ? input.url : String(input);
    if (res.status === 401 && !url.includes('/auth/')) state.unauthorized();
    return res;
  };
}
