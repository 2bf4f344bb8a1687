import { MemberUpstream, type MemberUpstreamOptions, type UpstreamListener } from './memberUpstream.ts';

export interface UpstreamSummary {
  memberId: string;
  state: string;
  listeners: number;
  resumeSeq: number | undefined;
  delivered: number;
  duplicatesDropped: number;
  connections: number;
}

/**
 * Member upstreams by key (member + primary operation + variables + cursor + reader scope),
 * reference-counted by their listeners: the first listener opens one, the last closes it.
 */
export class UpstreamPool {
  private readonly upstreams = new Map<string, MemberUpstream>();
  /** Open upstreams per reader scope (the limit MAX_UPSTREAMS_PER_READER counts these). */
  private readonly byReader = new Map<string, number>();

  /** Adds `listener` to the upstream for `key`, opening it with `options` if there is none; returns the release. */
  acquire(key: string, options: () => MemberUpstreamOptions, listener: UpstreamListener, reader = ''): () => void {
    let upstream = this.upstreams.get(key);
    if (!upstream) {
      upstream = new MemberUpstream(options());
      this.upstreams.set(key, upstream);
      this.byReader.set(reader, (this.byReader.get(reader) ?? 0) + 1);
    }
    const acquired = upstream;
    acquired.addListener(listener);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (acquired.removeListener(listener) && this.upstreams.get(key) === acquired) {
        this.upstreams.delete(key);
        const left = (this.byReader.get(reader) ?? 1) - 1;
        if (left > 0) this.byReader.set(reader, left);
        else this.byReader.delete(reader);
      }
    };
  }

  /** Upstreams open for one reader scope. */
  countFor(reader: string): number {
    return this.byReader.get(reader) ?? 0;
  }

  get size(): number {
    return this.upstreams.size;
  }

  summary(): UpstreamSummary[] {
    return [...this.upstreams.values()].map((u) => ({
      memberId: u.memberId,
      state: u.state,
      listeners: u.listenerCount,
      resumeSeq: u.resumeSeq,
      ...u.stats,
    }));
  }

  /** Resubscribes every upstream whose member moved to another endpoint (MemberUpstream.followMove); returns how many. */
  followMoves(): number {
    let moved = 0;
    for (const upstream of this.upstreams.values()) if (upstream.followMove()) moved++;
    return moved;
  }

  closeAll(): void {
    for (const upstream of this.upstreams.values()) upstream.close();
    this.upstreams.clear();
    this.byReader.clear();
  }
}
