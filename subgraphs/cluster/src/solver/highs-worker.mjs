// HiGHS in a worker thread: keeps one model and answers 'load' / 'solve' / 'dispose' messages.
// Plain .mjs so it runs unchanged under node, tsx and vitest.
import { parentPort } from 'node:worker_threads';
import loadHighs from 'highs';

const highs = await loadHighs();
let model = null;
let integrality = null;
let currentKey = null;
/** Keyed models kept for re-use (e.g. one LP per order, re-solved with new costs). */
const kept = new Map();

function info(name) {
  try {
    const value = model.info.get(name);
    return typeof value === 'bigint' ? Number(value) : value;
  } catch {
    return null;
  }
}

function solve(request) {
  const started = performance.now();
  const n = model.getDimensions().numCols;
  if (request.colLower && request.colUpper) {
    model.changeColsBounds({ kind: 'range', from: 0, to: n - 1 }, request.colLower, request.colUpper);
  }
  if (request.colCost) model.changeColsCost({ kind: 'range', from: 0, to: n - 1 }, request.colCost);
  if (!request.keepSolver) model.clearSolver();
  model.options.set({
    output_flag: false,
    time_limit: Math.max(0.001, request.timeLimitSeconds),
    mip_rel_gap: request.mipGap,
    solver: 'choose',
    random_seed: request.seed ?? 0,
    ...(request.extraOptions ?? {}),
  });
  if (request.relaxation) model.clearIntegrality();
  model.zeroAllClocks();
  if (request.start) model.setSolution({ colValue: request.start });
  if (request.debugLog) {
    model.run({ [highs.constants.callbackType.logging]: (event) => process.stderr.write(event.message ?? '') });
  } else {
    model.run();
  }
  const status = model.getModelStatus();
  const restoreIntegrality = () => {
    if (request.relaxation && integrality && integrality.some((flag) => flag !== 0)) {
      model.changeColsIntegrality({ kind: 'range', from: 0, to: n - 1 }, integrality);
    }
  };
  const feasible = info('primal_solution_status') === 2;
  const solution = feasible ? model.getSolution() : null;
  const colValue = solution ? solution.colValue : null;
  const rowDual = request.wantDuals && solution && solution.rowDual ? Float64Array.from(solution.rowDual) : null;
  restoreIntegrality();
  return {
    status,
    feasible,
    objective: feasible ? model.getObjectiveValue() : null,
    dualBound: request.relaxation ? (status === 7 ? model.getObjectiveValue() : null) : info('mip_dual_bound'),
    gap: request.relaxation ? null : info('mip_gap'),
    nodes: request.relaxation ? null : info('mip_node_count'),
    colValue,
    rowDual,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * Disjunctive per-order LP (see OrderDisjunctiveLp in bound.ts) run here, so a whole Lagrangian
 * evaluation is one message: for each registered order, min_f [late(f) + LP_f(λ)] with the weeks
 * after f closed, pruned once late(f) + LP_∞ ≥ best. Per order: value (null when an LP did not
 * finish), week f and the hours its LP solution books per capacity slot.
 */
const disjunctive = new Map();

/**
 * Selects an order's disjunctive LP at prices `hourCost` and scans its completion weeks f from
 * the last on-time week: LP_∞ first (every week open), then LP_f with the weeks after f closed,
 * stopping at the first f with late(f) + LP_∞ ≥ cutoff() (every later week costs at least that).
 * `visit` gets each feasible week's late(f) + LP_f and column values. Returns LP_∞ and the column
 * count, or null when an LP did not finish (no bound can be claimed then).
 */
function scanCompletionWeeks(entry, hourCost, until, cutoff, visit) {
  const { data } = entry;
  const n = data.baseCost.length;
  const colCost = Float64Array.from(data.baseCost);
  if (hourCost) {
    for (let column = 0; column < n; column++) {
      const slot = data.slot[column];
      if (slot >= 0) colCost[column] += (hourCost[slot] ?? 0) * data.hours[column];
    }
  }
  model = entry.model;
  integrality = entry.integrality;
  currentKey = entry.key;
  const weekCount = data.late.length;
  const solveAt = (f) => {
    const seconds = (until - performance.now()) / 1000;
    if (seconds < 0.02) return null;
    const upper = Float64Array.from(data.upper);
    if (f < weekCount - 1) for (let column = 0; column < n; column++) if (data.week[column] > f) upper[column] = 0;
    const reply = solve({
      timeLimitSeconds: seconds,
      mipGap: 0,
      relaxation: true,
      extraOptions: { solver: 'simplex' },
      colCost,
      colLower: data.lower,
      colUpper: upper,
      keepSolver: true,
    });
    if (reply.status === 8) return 'infeasible';
    if (reply.status !== 7 || reply.dualBound === null) return null;
    return { value: reply.dualBound, colValue: reply.colValue };
  };
  const unbounded = solveAt(weekCount - 1);
  if (unbounded === null || unbounded === 'infeasible') return null;
  for (let f = data.start; f < weekCount; f++) {
    if (data.late[f] + unbounded.value >= cutoff()) break;
    const solved = f === weekCount - 1 ? unbounded : solveAt(f);
    if (solved === null) return null;
    if (solved !== 'infeasible') visit(f, data.late[f] + solved.value, solved.colValue);
  }
  return { floor: unbounded.value, n };
}

/** min_f [late(f) + LP_f] of one order, its week f and the hours its LP solution books per slot. */
function disjunctiveOrder(entry, hourCost, until) {
  const { data } = entry;
  let best = Infinity;
  let bestWeek = -1;
  let bestColumns = null;
  const scanned = scanCompletionWeeks(
    entry,
    hourCost,
    until,
    () => best,
    (f, value, colValue) => {
      if (value < best) {
        best = value;
        bestWeek = f;
        bestColumns = colValue;
      }
    },
  );
  if (scanned === null || !Number.isFinite(best)) return null;
  const slots = [];
  const hours = [];
  if (bestColumns) {
    const bySlot = new Map();
    for (let column = 0; column < scanned.n; column++) {
      const slot = data.slot[column];
      const x = bestColumns[column];
      if (slot < 0 || !(x > 1e-9)) continue;
      bySlot.set(slot, (bySlot.get(slot) ?? 0) + x * data.hours[column]);
    }
    for (const [slot, value] of bySlot) {
      slots.push(slot);
      hours.push(value);
    }
  }
  return { value: best, week: bestWeek, slots, hours, floor: scanned.floor };
}

/**
 * Every completion week f an order could still finish in below `upper` (a feasible plan's cost at
 * these prices): the weeks with late(f) + LP_f < upper, LP_∞ (floor) and their values.
 */
function disjunctiveWeeks(entry, hourCost, upper, until) {
  const weeks = [];
  const scanned = scanCompletionWeeks(
    entry,
    hourCost,
    until,
    () => upper,
    (f, value) => {
      if (value < upper) weeks.push({ week: f, value, late: entry.data.late[f] });
    },
  );
  return scanned === null ? null : { floor: scanned.floor, weeks };
}

/**
 * Makes the LP the main thread built (lp-builder) the current model. A keyed model is kept
 * (select it again later); an unkeyed one replaces the current unkeyed one.
 */
function loadModel(lp, key) {
  if (model && currentKey === null) model.dispose();
  integrality = lp.integrality;
  currentKey = key;
  model = createModelFrom(lp);
  if (key !== null) kept.set(key, { model, integrality });
}

/** A HiGHS model from the LP the main thread built (lp-builder). */
function createModelFrom(lp) {
  return highs.createModel({
    numCols: lp.numCols,
    numRows: lp.numRows,
    offset: lp.offset,
    colCost: lp.colCost,
    colLower: lp.colLower,
    colUpper: lp.colUpper,
    rowLower: lp.rowLower,
    rowUpper: lp.rowUpper,
    matrix: lp.matrix,
    integrality: lp.integrality,
  });
}

parentPort.on('message', (message) => {
  const { id, type } = message;
  try {
    if (type === 'load') {
      loadModel(message.model, message.key ?? null);
      parentPort.postMessage({ id, ok: true, value: null });
    } else if (type === 'select') {
      const entry = kept.get(message.key);
      if (entry) {
        if (model && currentKey === null) model.dispose();
        model = entry.model;
        integrality = entry.integrality;
        currentKey = message.key;
      }
      parentPort.postMessage({ id, ok: true, value: entry !== undefined });
    } else if (type === 'solve') {
      const value = solve(message.request);
      const transfer = [value.colValue, value.rowDual].filter((array) => array).map((array) => array.buffer);
      parentPort.postMessage({ id, ok: true, value }, transfer);
    } else if (type === 'disjunctiveRegister') {
      loadModel(message.model, message.key);
      disjunctive.set(message.key, { key: message.key, model, integrality, data: message.data });
      parentPort.postMessage({ id, ok: true, value: null });
    } else if (type === 'disjunctiveEvaluate') {
      const until = performance.now() + 1000 * message.seconds;
      const results = message.keys.map((key) => {
        const entry = disjunctive.get(key);
        return entry ? disjunctiveOrder(entry, message.hourCost ?? null, until) : null;
      });
      parentPort.postMessage({ id, ok: true, value: results });
    } else if (type === 'disjunctiveWeeks') {
      const entry = disjunctive.get(message.key);
      const until = performance.now() + 1000 * message.seconds;
      parentPort.postMessage({ id, ok: true, value: entry ? disjunctiveWeeks(entry, message.hourCost ?? null, message.upper, until) : null });
    } else if (type === 'dispose') {
      if (model && currentKey === null) model.dispose();
      for (const entry of kept.values()) entry.model.dispose();
      kept.clear();
      model = null;
      currentKey = null;
      parentPort.postMessage({ id, ok: true, value: null });
    } else {
      throw new Error(`unknown message type ${type}`);
    }
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
});
parentPort.postMessage({ id: 0, ok: true, value: 'ready' });
