/**
 * Independent transport pricing of a plan: for each order and each pair of consecutive
 * operations, the cheapest way to route operation k's output (member s, week t) to operation
 * k+1's input (member s', week t') is a small transportation problem. A lot may feed a lot at
 * the same member from the same week on (free), or at a different member `lagWeeks` later
 * (distance × cost per unit·km). Solved exactly by successive shortest paths (Bellman–Ford on
 * the residual graph); when no routing exists the plan breaks precedence and is reported so.
 */
import type { Instance } from './instance.ts';

export interface Lot {
  member: number;
  week: number;
  quantity: number;
}

const EPS = 1e-7;

export interface RoutingCost {
  money: number;
  /** Units of operation k+1 that no output of k can feed in time (0 for a valid plan). */
  unrouted: number;
}

/** Cheapest routing of `from` lots into `to` lots (quantities as given; totals may differ). */
export function routeLots(instance: Instance, from: Lot[], to: Lot[], lagWeeks: number): RoutingCost {
  const supply = from.filter((lot) => lot.quantity > EPS);
  const demand = to.filter((lot) => lot.quantity > EPS);
  const n = supply.length;
  const m = demand.length;
  if (m === 0) return { money: 0, unrouted: 0 };
  // Arc cost (money per unit) or -1 when not allowed.
  const cost: number[][] = supply.map((a) =>
    demand.map((b) => {
      if (a.member === b.member) return a.week <= b.week ? 0 : -1;
      if (a.week + lagWeeks > b.week) return -1;
      return unitTransportCost(instance, a.member, b.member);
    }),
  );
  const left = supply.map((lot) => lot.quantity);
  const need = demand.map((lot) => lot.quantity);
  const flow: number[][] = supply.map(() => demand.map(() => 0));
  let money = 0;
  // Nodes: 0..n-1 supplies, n..n+m-1 demands. Source/sink implicit.
  for (let guard = 0; guard < 4 * (n + m) + 16; guard++) {
    const dist = new Array<number>(n + m).fill(Infinity);
    const prev = new Array<number>(n + m).fill(-1);
    for (let i = 0; i < n; i++) if ((left[i] ?? 0) > EPS) dist[i] = 0;
    for (let round = 0; round < n + m; round++) {
      let changed = false;
      for (let i = 0; i < n; i++) {
        const di = dist[i] ?? Infinity;
        if (di === Infinity) continue;
        for (let j = 0; j < m; j++) {
          const c = cost[i]?.[j] ?? -1;
          if (c < 0) continue;
          if (di + c < (dist[n + j] ?? Infinity) - 1e-12) {
            dist[n + j] = di + c;
            prev[n + j] = i;
            changed = true;
          }
        }
      }
      for (let j = 0; j < m; j++) {
        const dj = dist[n + j] ?? Infinity;
        if (dj === Infinity) continue;
        for (let i = 0; i < n; i++) {
          if ((flow[i]?.[j] ?? 0) <= EPS) continue;
          const c = cost[i]?.[j] ?? 0;
          if (dj - c < (dist[i] ?? Infinity) - 1e-12) {
            dist[i] = dj - c;
            prev[i] = n + j;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    let target = -1;
    for (let j = 0; j < m; j++) {
      if ((need[j] ?? 0) <= EPS || (dist[n + j] ?? Infinity) === Infinity) continue;
      if (target < 0 || (dist[n + j] ?? 0) < (dist[n + target] ?? 0)) target = j;
    }
    if (target < 0) break;
    // Walk back to the source supply, find the bottleneck.
    let amount = need[target] ?? 0;
    const path: number[] = [];
    for (let node = n + target; node >= 0; node = prev[node] ?? -1) {
      path.push(node);
      if (node < n && prev[node] === -1) break;
    }
    const origin = path[path.length - 1] ?? 0;
    amount = Math.min(amount, left[origin] ?? 0);
    for (let p = 0; p + 1 < path.length; p++) {
      const head = path[p] ?? 0;
      const tail = path[p + 1] ?? 0;
      if (tail >= n) amount = Math.min(amount, flow[head]?.[tail - n] ?? 0); // backward arc head=supply
    }
    if (amount <= EPS) break;
    for (let p = 0; p + 1 < path.length; p++) {
      const head = path[p] ?? 0;
      const tail = path[p + 1] ?? 0;
      if (tail < n) {
        const row = flow[tail];
        if (row) row[head - n] = (row[head - n] ?? 0) + amount;
        money += amount * (cost[tail]?.[head - n] ?? 0);
      } else {
        const row = flow[head];
        if (row) row[tail - n] = (row[tail - n] ?? 0) - amount;
        money -= amount * (cost[head]?.[tail - n] ?? 0);
      }
    }
    left[origin] = (left[origin] ?? 0) - amount;
    need[target] = (need[target] ?? 0) - amount;
  }
  const unrouted = need.reduce((sum, value) => sum + Math.max(0, value), 0);
  return { money, unrouted };
}

export function unitTransportCost(instance: Instance, fromMember: number, toMember: number): number {
  if (fromMember === toMember) return 0;
  const from = instance.regions[instance.memberRegion[fromMember] ?? 0] ?? '';
  const to = instance.regions[instance.memberRegion[toMember] ?? 0] ?? '';
  return instance.transport.distanceKm(from, to) * instance.transport.costPerUnitKm;
}
