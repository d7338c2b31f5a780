import type { MiddlewareHandler } from 'hono';
import type { bodyLimit } from 'hono/body-limit';
import { ProblemError } from '../problem';

/**
 * Upload rules of `POST /versions/import/shapefile`: a raw zip body (`Content-Type: application/zip`),
 * larger than the API's 1 MiB default because a city's grids zipped are tens of MiB.
 */
export const DEFAULT_MAX_ZIP_BYTES = 64 * 1024 * 1024;

const ZIP_TYPES = new Set(['application/zip', 'application/x-zip-compressed', 'application/octet-stream']);

export const requireZipBody: MiddlewareHandler = async (c, next) => {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!ZIP_TYPES.has(type))
    throw new ProblemError(
      415,
      'shapefile-content-type',
      `Send the zipped Shapefile as the raw body with Content-Type: application/zip (got ${type || 'none'}).`,
    );
  await next();
};

export function shapefileUploadLimit(maxBytes = DEFAULT_MAX_ZIP_BYTES): Parameters<typeof bodyLimit>[0] {
  return {
    maxSize: maxBytes,
    onError: () => {
      throw new ProblemError(
        413,
        'shapefile-too-large',
        `The zip is larger than ${(maxBytes / 1024 / 1024).toFixed(maxBytes < 1024 * 1024 ? 2 : 0)} MiB; import the version in parts or simplify the geometry.`,
      );
    },
  };
}
