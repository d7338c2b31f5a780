import { setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

/**
 * MapLibre 6 finds its worker next to its own module file, which a bundle does not keep. Point it
 * at the worker that Vite copies into the build instead. Call once, before the first map.
 */
export function configureMapLibre(): void {
  setWorkerUrl(workerUrl);
}
