import { useQuery } from '@tanstack/react-query';
import { useApiClient } from './api-context';
import { ensureOk } from './api-error';
import { QUERY_KEYS } from './query-keys';

/** Server status, counts, the district and the optional intranet basemap URL. */
export function useHealth() {
  const client = useApiClient();
  return useQuery({
    queryKey: QUERY_KEYS.health,
    queryFn: async () => {
      const res = await client.health.$get();
      await ensureOk(res);
      return res.json();
    },
    staleTime: 60_000,
  });
}
