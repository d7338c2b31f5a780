import { Unzip, type UnzipFile, UnzipInflate } from 'fflate';
import { ProblemError } from '../problem';

/** Limits on what a Shapefile archive may inflate to; a zip bomb stops at the first byte past one. */
export type ZipLimits = {
  /** Bytes any one kept entry may inflate to. */
  maxEntryBytes: number;
  /** Bytes all kept entries together may inflate to. */
  maxTotalBytes: number;
};

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntryBytes: 192 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
};

/** Only the Shapefile parts are inflated; anything else in the archive (.xml, .sbn, ...) is skipped. */
const SHAPEFILE_PART = /\.(shp|shx|dbf|prj|cpg)$/i;
/** Compressed bytes handed to the inflater at a time: bounds the overshoot past a limit (deflate ≤ 1032:1). */
const CHUNK_BYTES = 16 * 1024;

/**
 * The Shapefile parts of a zip archive, by path inside it. Inflates as a stream and counts real
 * output bytes (the sizes a zip declares can lie), so memory and time stay bounded whatever the archive.
 */
export function readShapefileEntries(
  zip: Uint8Array,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Map<string, Uint8Array> {
  if (zip.length < 4 || zip[0] !== 0x50 || zip[1] !== 0x4b)
    throw new ProblemError(
      400,
      'not-a-zip',
      'The body is not a zip archive; send the zipped .shp, .shx, .dbf and .prj.',
    );
  const entries = new Map<string, Uint8Array>();
  let total = 0;
  let overLimit: string | null = null;
  const unzip = new Unzip((file: UnzipFile) => {
    if (!SHAPEFILE_PART.test(file.name) || file.name.includes('__MACOSX/')) return;
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (err, chunk, final) => {
      if (err) throw err;
      size += chunk.length;
      total += chunk.length;
      if (size > limits.maxEntryBytes || total > limits.maxTotalBytes) {
        overLimit ??= file.name;
        file.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) entries.set(file.name, concat(chunks, size));
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < zip.length && overLimit === null; at += CHUNK_BYTES) {
      unzip.push(zip.subarray(at, at + CHUNK_BYTES), at + CHUNK_BYTES >= zip.length);
    }
  } catch (err) {
    throw new ProblemError(
      400,
      'bad-zip',
      `The zip archive could not be read (${(err as Error).message}); re-create it with a standard zip tool.`,
    );
  }
  if (overLimit !== null) {
    throw new ProblemError(
      413,
      'shapefile-too-large',
      `${overLimit} inflates past the import limit (${mib(limits.maxEntryBytes)} MiB a file, ${mib(limits.maxTotalBytes)} MiB in all); split the version into smaller imports or simplify the geometry.`,
    );
  }
  return entries;
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 0);
}
