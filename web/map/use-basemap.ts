import { useQuery } from '@tanstack/react-query';
import basemapUrl from '../../data/basemap.json?url';
import districtUrl from '../../data/district.json?url';
import { parseBasemap, parseDistrict } from './basemap-data';

async function fetchJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return res.json();
}

/**
 * The offline basemap data, shipped with the app as hashed assets (not inlined in the script, so
 * the browser caches them apart from the code).
 */
export function useBasemapData() {
  return useQuery({
    queryKey: ['basemap'],
    queryFn: async () => {
      const [basemap, district] = await Promise.all([fetchJson(basemapUrl), fetchJson(districtUrl)]);
      return { basemap: parseBasemap(basemap), district: parseDistrict(district) };
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}
