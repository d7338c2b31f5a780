/** vt-pbf ships no types; this is the part GridSight uses (geojson-vt shaped tiles → MVT bytes). */
declare module 'vt-pbf' {
  export type VtFeature = {
    id?: number;
    /** 1 point, 2 line, 3 polygon */
    type: 1 | 2 | 3;
    /** Points: one [x, y] per point. Lines/polygons: rings of [x, y], polygon rings closed. */
    geometry: [number, number][] | [number, number][][];
    tags: Record<string, string | number | boolean | null>;
  };
  export function fromGeojsonVt(
    layers: Record<string, { features: VtFeature[] }>,
    options?: { version?: number; extent?: number },
  ): Uint8Array;
}
