import { z } from 'zod';

/** `a,b,c` → a non-empty list of allowed values (query strings carry lists comma-separated). */
export function csvOf<T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()))
    .pipe(z.array(z.enum(values)).min(1));
}

/**
 * `minLon,minLat,maxLon,maxLat` in WGS84 with min < max. `maxLatitude` is 90 for plain filters and
 * 85 where the box is projected to Web Mercator (bins, tiles).
 */
export function bboxParam(maxLatitude: number) {
  return z
    .string()
    .transform((v) => v.split(',').map(Number))
    .pipe(z.tuple([z.number(), z.number(), z.number(), z.number()]))
    .refine(
      ([w, s, e, n]) => w < e && s < n && w >= -180 && e <= 180 && s >= -maxLatitude && n <= maxLatitude,
      { message: 'minLon,minLat,maxLon,maxLat in WGS84 with min < max' },
    );
}
