/** How far an objective lies above a lower bound on it, relative to the objective: (objective − bound) / |objective|, 0 once the bound meets it. */
export function relativeGap(objective: number, bound: number): number {
  return Math.max(0, objective - bound) / Math.max(1e-9, Math.abs(objective));
}
