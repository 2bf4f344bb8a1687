/**
 * The LNS stream, on the bound worker once the bound stream is done: one of the orders farthest
 * above their priced optimum (run.orderGap; among the top six at random), every second round with
 * the orders blocking it, re-planned as one exact MIP on the hours the rest leaves free; kept only
 * if the evaluator prices it cheaper. Orders the search stream is re-planning are left alone.
 */
import type { HighsWorker } from '../solver-client.ts';
import { blockers, incumbentOf, polishAndKeep } from './neighbourhood.ts';
import type { DecompositionRun } from './run.ts';

export async function lnsStream(run: DecompositionRun, worker: HighsWorker): Promise<void> {
  const { instance, state, random, busy } = run;
  let round = 0;
  while (run.left() > 0.8 && !run.closed()) {
    round++;
    const ranked = instance.orders
      .map((prepared) => prepared.index)
      .filter((order) => !busy.has(order))
      .sort((a, b) => run.orderGap(b) - run.orderGap(a));
    const top = ranked.slice(0, 6);
    if (top.length === 0) break;
    const first = top[Math.floor(random() * top.length)] ?? 0;
    const grouped = round % 2 === 0;
    const group = grouped ? [first, ...blockers(instance, state, first, random, run.prices).filter((order) => !busy.has(order))] : [first];
    const seconds = Math.min(run.left() - 0.4, grouped ? 4 : 2.5);
    if (seconds < 0.3) break;
    const result = await polishAndKeep(run, worker, group, incumbentOf(state, group), { timeLimitSeconds: seconds, seed: 1000 + round }, 'lns');
    run.debug(
      `LNS [${group.join(',')}] ${seconds.toFixed(1)} s limit: ${result ? `${result.seconds.toFixed(2)} s, status ${result.status}` : 'no result'}; incumbent ${Math.round(run.objective())}, ${run.left().toFixed(1)} s left`,
    );
  }
}
