/**
 * An in-process cache of renderings (tiles, stats answers), keyed by the tile request and the data version it was
 * rendered from (migration 013: `data_version` moves with every statement that writes cases, grids, staff ...
 * the published boundary version for grid tiles).
 *
 * - An entry is reused while its data version is current and it is younger than `maxAgeMs` (case
 *   tiles carry an `overdue` flag derived from the clock; the routes already send max-age=60).
 * - Aggregated tiles (`stale: true` on put) are also reused for up to `maxAgeMs` after the data moved
 *   on, the same minute of staleness browsers already get from Cache-Control: recounting 5M cases for a
 *   z10 tile on every intake would make the low zooms unusable under write load.
 * - Concurrent requests for one key share one rendering (single flight).
 * - Bounded by total bytes; least recently used entries go first.
 */
export type TileCacheOptions = { maxBytes: number; maxAgeMs: number; clock?: () => number };
export type VersionedCacheOptions<T> = TileCacheOptions & { sizeOf: (value: T) => number };

type Entry<T> = { body: T; size: number; version: string; at: number; staleOk: boolean };

export type TileCacheStats = { hits: number; misses: number; entries: number; bytes: number };

export class VersionedCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly inFlight = new Map<string, Promise<T>>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;
  private readonly clock: () => number;

  constructor(private readonly options: VersionedCacheOptions<T>) {
    this.clock = options.clock ?? Date.now;
  }

  /**
   * The cached body for `key` rendered at `version`, or `render()`'s result (stored). `render` returns
   * the body and whether it may be served stale once the data moves on.
   */
  async get(key: string, version: string, render: () => Promise<{ body: T; staleOk: boolean }>): Promise<T> {
    const now = this.clock();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.options.maxAgeMs && (hit.version === version || hit.staleOk)) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      this.hits++;
      return hit.body;
    }
    const flightKey = `${version}\u0000${key}`;
    const pending = this.inFlight.get(flightKey);
    if (pending) {
      this.hits++;
      return pending;
    }
    this.misses++;
    const flight = render()
      .then(({ body, staleOk }) => {
        // Aged from completion: a rendering slower than maxAgeMs would otherwise never be reused.
        this.put(key, { body, size: this.options.sizeOf(body), version, at: this.clock(), staleOk });
        return body;
      })
      .finally(() => this.inFlight.delete(flightKey));
    this.inFlight.set(flightKey, flight);
    return flight;
  }

  stats(): TileCacheStats {
    return { hits: this.hits, misses: this.misses, entries: this.entries.size, bytes: this.bytes };
  }

  private put(key: string, entry: Entry<T>): void {
    if (entry.size > this.options.maxBytes) return;
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.size;
      this.entries.delete(key);
    }
    this.entries.set(key, entry);
    this.bytes += entry.size;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.options.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.size;
    }
  }
}

/** Rendered tiles, sized by their bytes. */
export class TileCache extends VersionedCache<Uint8Array> {
  constructor(options: TileCacheOptions) {
    super({ ...options, sizeOf: (body) => body.length });
  }
}
