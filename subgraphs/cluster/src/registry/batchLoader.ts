/**
 * Collects the keys asked for in one tick and loads them with one call; one instance per
 * request, so results are cached only for that request. The dataloader idea, small enough
 * not to need the dependency.
 */
export class BatchLoader<K, V> {
  private readonly cache = new Map<K, Promise<V>>();
  private pending: Array<{ key: K; resolve(value: V): void; reject(error: unknown): void }> = [];

  constructor(
    private readonly loadMany: (keys: K[]) => Promise<Map<K, V>>,
    private readonly missing: V,
  ) {}

  load(key: K): Promise<V> {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const promise = new Promise<V>((resolve, reject) => {
      if (this.pending.length === 0) queueMicrotask(() => void this.flush());
      this.pending.push({ key, resolve, reject });
    });
    this.cache.set(key, promise);
    return promise;
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      const found = await this.loadMany(batch.map((item) => item.key));
      for (const item of batch) item.resolve(found.has(item.key) ? (found.get(item.key) as V) : this.missing);
    } catch (error) {
      for (const item of batch) {
        this.cache.delete(item.key);
        item.reject(error);
      }
    }
  }
}
