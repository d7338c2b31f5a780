import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Principal } from '../../server/auth/principal';
import { useApiClient } from '../api/api-context';
import { ApiError, ensureOk } from '../api/api-error';
import { useAuthState } from './auth-context';

export const SESSION_KEY = ['auth', 'session'] as const;

export type Session = { principal: Principal; csrfToken: string };

/** Who is logged in (`null` = nobody); keeps the CSRF token of the API client in step. */
export function useSession() {
  const client = useApiClient();
  const auth = useAuthState();
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async (): Promise<Session | null> => {
      const res = await client.auth.session.$get();
      if (res.status === 401) {
        auth.csrfToken = null;
        return null;
      }
      await ensureOk(res);
      const body = (await res.json()) as Session;
      auth.csrfToken = body.csrfToken;
      return body;
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

/** Forgets every cached answer but the session itself, so the next user never sees the previous one's data. */
function dropUserData(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
}

export function useLogin() {
  const client = useApiClient();
  const auth = useAuthState();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { username: string; password: string }): Promise<Session> => {
      const res = await client.auth.login.$post({ json: input });
      await ensureOk(res);
      const body = (await res.json()) as Session;
      return body;
    },
    onSuccess: (session) => {
      auth.csrfToken = session.csrfToken;
      queryClient.setQueryData(SESSION_KEY, session);
      dropUserData(queryClient);
    },
  });
}

export function useLogout() {
  const client = useApiClient();
  const auth = useAuthState();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const res = await client.auth.logout.$post();
      if ((res.status as number) !== 401) await ensureOk(res);
    },
    onSettled: () => {
      auth.csrfToken = null;
      queryClient.setQueryData(SESSION_KEY, null);
      dropUserData(queryClient);
    },
  });
}

/** The message key of a failed login: wrong credentials, too many tries, or anything else. */
export function loginErrorKey(err: unknown): 'auth.wrongPassword' | 'auth.tooMany' | 'auth.failed' {
  if (err instanceof ApiError && err.status === 401) return 'auth.wrongPassword';
  if (err instanceof ApiError && err.status === 429) return 'auth.tooMany';
  return 'auth.failed';
}
