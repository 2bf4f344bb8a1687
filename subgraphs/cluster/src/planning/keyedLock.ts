/**
 * In-process locks per joint order: planning, proposing and reconciling one order never
 * overlap, while other orders (and every read) go on. Several keys are taken in sorted
 * order, so two callers cannot deadlock. One cluster subgraph process per cluster is the
 * deployment model (the leader runs it); the database rows stay consistent regardless,
 * because every write checks the plan it acts on is still current.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `task` holding every key; waits for current holders. */
  async run<T>(keys: readonly string[], task: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort();
    const releases: Array<() => void> = [];
    try {
      for (const key of sorted) releases.push(await this.acquire(key));
      return await task();
    } finally {
      for (const release of releases.reverse()) release();
    }
  }

  /** Runs `task` only when no key is held right now; otherwise returns undefined at once. */
  async tryRun<T>(keys: readonly string[], task: () => Promise<T>): Promise<T | undefined> {
    if (keys.some((key) => this.tails.has(key))) return undefined;
    return this.run(keys, task);
  }

  isHeld(key: string): boolean {
    return this.tails.has(key);
  }

  private async acquire(key: string): Promise<() => void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const current = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => current);
    this.tails.set(key, tail);
    await previous;
    return () => {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }
}
