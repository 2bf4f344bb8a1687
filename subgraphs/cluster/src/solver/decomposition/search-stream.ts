/**
 * The search stream: rip-up/re-insert (regretSearch) on the main thread in short bursts, then on
 * the search worker the master MIP over the column pool and a MIP polish of the order farthest
 * above what it could pay (run.orderGap) — alone, or every third round with the orders blocking
 * it; orders the LNS is re-planning are left alone.
 */
import { buildMaster, masterChoice, masterStart } from '../lagrange.ts';
import { regretSearch, tryReplace } from '../search.ts';
import { gainsSummary } from './diagnostics.ts';
import { blockers, incumbentOf, polishAndKeep } from './neighbourhood.ts';
import type { DecompositionRun } from './run.ts';

export async function searchStream(run: DecompositionRun): Promise<void> {
  const { instance, state, random, counters, busy } = run;
  // A single order's polish over every candidate member (its exact best answer to the others)
  // takes longer than over the four cheapest: on the benchmark it pays with a long budget (60 s:
  // plans about 10k cheaper) and costs with a short one (10 s: 904–915k against 900–902k), so
  // it is used from 30 s up (between the two measured points).
  const wideSingles = run.budget() >= 30;
  let round = 0;
  let ideal: Parameters<typeof regretSearch>[2]['ideal'];
  const tried = new Set<string>();
  while (run.left() > 0.4 && !run.closed()) {
    round++;
    // Rip-up/re-insert on the main thread in short slices: between slices the event loop
    // forwards the bound worker's replies (its LP stream would stall behind a long burst).
    const burstUntil = Math.min(run.deadline - 300, performance.now() + 250);
    for (let rounds = 0; rounds < 15 && performance.now() < burstUntil;) {
      const slice = run.credit('regret', () =>
        regretSearch(instance, state, {
          deadline: Math.min(burstUntil, performance.now() + 20),
          random,
          maxRounds: Math.min(2, 15 - rounds),
          onPlan: run.onPlan,
          ...(ideal ? { ideal } : {}),
        }),
      );
      ideal = slice.ideal;
      rounds += slice.rounds;
      counters.regretRounds += slice.rounds;
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (slice.rounds === 0) break;
    }
    const ranked = instance.orders.map((prepared) => prepared.index).sort((a, b) => run.orderGap(b) - run.orderGap(a));
    const grouped = round % 3 === 0;
    const target =
      ranked.find((order) => !busy.has(order) && !tried.has(`${order}|${grouped ? 'g' : 's'}`)) ?? ranked[Math.floor(random() * ranked.length)] ?? 0;
    tried.add(`${target}|${grouped ? 'g' : 's'}`);
    const group = grouped ? [target, ...blockers(instance, state, target, random, run.prices).filter((order) => !busy.has(order))] : [target];
    // Taken before the master MIP, which may change the group's plans: the polish starts from these.
    const incumbent = incumbentOf(state, group);
    const seconds = Math.min(run.left() - 0.3, Math.max(0.6, Math.min(grouped ? 4 : 2.5, run.left() / 8)));
    if (seconds < 0.2) break;
    if (run.masterReady && run.left() > 1) await masterMip(run, Math.min(3, Math.max(0.5, run.left() / 8)));
    const result = await polishAndKeep(
      run,
      run.searchWorker,
      group,
      incumbent,
      { timeLimitSeconds: seconds, seed: round, cheapest: grouped || !wideSingles ? 4 : Infinity },
      grouped ? 'polish-group' : 'polish',
    );
    run.debug(`polish [${group.join(',')}] ${seconds.toFixed(1)} s limit: ${result ? `${result.seconds.toFixed(2)} s, status ${result.status}` : 'no result'}`);
    run.debug(`search round ${round}: incumbent ${Math.round(run.objective())}, ${run.left().toFixed(1)} s left; gains ${gainsSummary(run.gains)}`);
    if (tried.size >= 2 * instance.orders.length) tried.clear();
  }
}

/** One plan per order from the column pool, capacity respected (search worker); kept if the evaluator prices it cheaper. */
async function masterMip(run: DecompositionRun, seconds: number): Promise<void> {
  const { instance, state, pool, searchWorker, counters } = run;
  run.addCurrentPlans();
  const master = buildMaster(instance, pool, true);
  const start = masterStart(master, state.byOrder);
  await searchWorker.load(master.lp);
  const reply = await searchWorker.solve({ timeLimitSeconds: seconds, mipGap: 1e-5, ...(start ? { start } : {}) });
  counters.masterMips++;
  run.debug(
    `master MIP: ${master.columns.length} plans, status ${reply.status} in ${reply.seconds.toFixed(2)} s, objective ${Math.round(reply.objective ?? NaN)} (incumbent ${Math.round(run.objective())})`,
  );
  if (!reply.colValue) return;
  const chosen = masterChoice(master, reply.colValue);
  const group = [...chosen.keys()].filter((order) => chosen.get(order)?.allocations !== state.byOrder[order]);
  if (group.length === 0) return;
  const plans = new Map(group.map((order) => [order, chosen.get(order)?.allocations ?? []]));
  const costs = new Map(group.map((order) => [order, chosen.get(order)?.cost ?? Infinity]));
  if (run.credit('master', () => tryReplace(instance, state, group, plans, costs))) counters.masterAccepted++;
}
