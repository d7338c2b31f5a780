import { QueryClient } from '@tanstack/react-query';

/** One per app mount (never module-level), so tests and future embeddings get their own cache. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { refetchOnWindowFocus: false, retry: 2 } },
  });
}
