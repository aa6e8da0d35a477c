import { LRUCache } from "lru-cache";

/**
 * Flame graphs already computed, by what was asked. A stored profile never changes, so the same
 * view of it is the same bytes: opening a profile again, or zooming back out, costs no worker
 * time. Requests for a view being computed wait for that computation instead of starting another.
 * Bounded by bytes; the least recently used views go first.
 */
export class ProfileViewCache {
  private readonly done: LRUCache<string, Uint8Array>;
  private readonly inFlight = new Map<string, Promise<Uint8Array>>();

  constructor(maxBytes: number) {
    this.done = new LRUCache({ maxSize: maxBytes, sizeCalculation: (bytes) => Math.max(1, bytes.byteLength) });
  }

  async get(key: string, compute: () => Promise<Uint8Array>): Promise<Uint8Array> {
    const cached = this.done.get(key);
    if (cached) return cached;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const computing = compute()
      .then((bytes) => {
        // A view larger than the whole budget is answered but not kept.
        if (bytes.byteLength <= this.done.maxSize) this.done.set(key, bytes);
        return bytes;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, computing);
    return computing;
  }

  /** Forgets every view of a deleted profile. */
  forget(profileId: string) {
    for (const key of this.done.keys()) if (key.includes(`"${profileId}"`)) this.done.delete(key);
  }
}

/** A cache key from the operation and everything that shapes its answer. */
export function viewKey(operation: string, request: Record<string, unknown>): string {
  return JSON.stringify([operation, request]);
}
