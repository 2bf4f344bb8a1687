/**
 * The one seeded random generator of the tree (mulberry32): the solver's random choices, the
 * planner benchmark's generated cluster and the members' demo data must come out the same on
 * every machine and every start. Exported on its own path (`@clustergraph/runtime/random`) so
 * the solver and the benchmark load it without the server stack.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
