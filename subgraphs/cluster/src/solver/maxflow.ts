/**
 * Maximum flow (Dinic) on a small graph, for validatePlan's routing check: can the output
 * lots of one operation feed the input lots of the next in time? Independent of the solvers'
 * own routing code on purpose (a validator that shares the code it checks proves little).
 */
const EPS = 1e-9;

export class FlowNetwork {
  private readonly head: number[][];
  private readonly to: number[] = [];
  private readonly capacity: number[] = [];

  constructor(readonly nodeCount: number) {
    this.head = Array.from({ length: nodeCount }, () => []);
  }

  /** Adds an arc; returns its id (flow on it: flowOn(id)). */
  addArc(from: number, to: number, capacity: number): number {
    const id = this.to.length;
    this.to.push(to, from);
    this.capacity.push(capacity, 0);
    this.head[from]?.push(id);
    this.head[to]?.push(id + 1);
    return id;
  }

  /** Flow carried by an arc after maxFlow (its reverse arc's residual). */
  flowOn(arc: number): number {
    return this.capacity[arc + 1] ?? 0;
  }

  maxFlow(source: number, sink: number): number {
    let total = 0;
    for (;;) {
      const level = new Array<number>(this.nodeCount).fill(-1);
      level[source] = 0;
      const queue = [source];
      for (let i = 0; i < queue.length; i++) {
        const node = queue[i] ?? 0;
        for (const arc of this.head[node] ?? []) {
          const next = this.to[arc] ?? 0;
          if ((this.capacity[arc] ?? 0) > EPS && level[next] === -1) {
            level[next] = (level[node] ?? 0) + 1;
            queue.push(next);
          }
        }
      }
      if (level[sink] === -1) return total;
      const cursor = new Array<number>(this.nodeCount).fill(0);
      const push = (node: number, limit: number): number => {
        if (node === sink) return limit;
        const arcs = this.head[node] ?? [];
        for (; (cursor[node] ?? 0) < arcs.length; cursor[node] = (cursor[node] ?? 0) + 1) {
          const arc = arcs[cursor[node] ?? 0] ?? 0;
          const next = this.to[arc] ?? 0;
          if ((this.capacity[arc] ?? 0) <= EPS || level[next] !== (level[node] ?? 0) + 1) continue;
          const pushed = push(next, Math.min(limit, this.capacity[arc] ?? 0));
          if (pushed > EPS) {
            this.capacity[arc] = (this.capacity[arc] ?? 0) - pushed;
            this.capacity[arc ^ 1] = (this.capacity[arc ^ 1] ?? 0) + pushed;
            return pushed;
          }
        }
        return 0;
      };
      for (let pushed = push(source, Infinity); pushed > EPS; pushed = push(source, Infinity)) total += pushed;
    }
  }
}
