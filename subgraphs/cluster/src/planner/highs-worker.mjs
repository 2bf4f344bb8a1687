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

parentPort.on('message', (message) => {
  const { id, type } = message;
  try {
    if (type === 'load') {
      // A keyed model is kept (select it again later); an unkeyed one replaces the current unkeyed one.
      if (model && currentKey === null) model.dispose();
      const lp = message.model;
      integrality = lp.integrality;
      currentKey = message.key ?? null;
      model = highs.createModel({
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
      if (currentKey !== null) kept.set(currentKey, { model, integrality });
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
