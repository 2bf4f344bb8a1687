/**
 * Promise API over highs-worker.mjs: HiGHS (single-threaded WebAssembly) runs in a
 * worker_threads Worker so the caller's event loop stays responsive during a solve.
 */
import { Worker } from 'node:worker_threads';
import type { LinearModel } from './lp-builder.ts';

/** HiGHS model status codes (highs.constants.modelStatus). */
export const HIGHS_STATUS = { optimal: 7, infeasible: 8, timeLimit: 13, interrupted: 17 } as const;

export interface SolveRequest {
  timeLimitSeconds: number;
  mipGap: number;
  /** Solve the LP relaxation (integrality ignored) instead of the MIP. */
  relaxation?: boolean;
  /** Full column bound vectors replacing the current ones (neighbourhood fixing). */
  colLower?: Float64Array;
  colUpper?: Float64Array;
  /** Full start vector (MIP start). */
  start?: Float64Array;
  seed?: number;
  extraOptions?: Record<string, number | string | boolean>;
  /** Full objective vector replacing the current one (kept models re-solved with new prices). */
  colCost?: Float64Array;
  /** Keep the solver's state (basis) from the last solve of this model: LP re-solves after a cost change. */
  keepSolver?: boolean;
  /** Return the row duals (LP solves). */
  wantDuals?: boolean;
}

/** Per-column data of a disjunctive LP: base cost, capacity slot (−1: none), hours per unit, week (−1: none). */
export interface DisjunctiveData {
  baseCost: Float64Array;
  slot: Int32Array;
  hours: Float64Array;
  week: Int32Array;
  lower: Float64Array;
  upper: Float64Array;
  /** Lateness cost if the order completes in week f. */
  late: Float64Array;
  /** First completion week worth trying (the last on-time week). */
  start: number;
}

export interface DisjunctiveResult {
  value: number;
  week: number;
  slots: number[];
  hours: number[];
  /** LP_∞: the LP with no lateness and every week open (a floor of every LP_f). */
  floor: number;
}

export interface DisjunctiveWeeks {
  /** LP_∞ of the order (no lateness, every week open). */
  floor: number;
  /** Completion weeks f with late(f) + LP_f below the upper bound asked for: value = late(f) + LP_f. */
  weeks: { week: number; value: number; late: number }[];
}

export interface SolveReply {
  status: number;
  feasible: boolean;
  objective: number | null;
  /** MIP dual bound (or LP optimum for a relaxation); a valid lower bound for this solve's model. */
  dualBound: number | null;
  gap: number | null;
  nodes: number | null;
  colValue: Float64Array | null;
  /** Row duals when requested (wantDuals) and available. */
  rowDual?: Float64Array | null;
  seconds: number;
}

interface Reply {
  id: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}

export class HighsWorker {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: Reply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.value);
      else waiter.reject(new Error(reply.error ?? 'HiGHS worker error'));
    });
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => this.failAll(new Error(`HiGHS worker exited (${code})`)));
  }

  static async start(): Promise<HighsWorker> {
    const worker = new Worker(new URL('./highs-worker.mjs', import.meta.url));
    await new Promise<void>((resolve, reject) => {
      const onMessage = (reply: Reply): void => {
        if (reply.id !== 0) return;
        worker.off('message', onMessage);
        resolve();
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    return new HighsWorker(worker);
  }

  /** Loads a model; with a key the worker keeps it for select(key). */
  load(model: LinearModel, key?: string): Promise<void> {
    return this.call('load', { model, ...(key !== undefined ? { key } : {}) }) as Promise<void>;
  }

  /** Makes a kept model current again; false when the worker does not have it. */
  select(key: string): Promise<boolean> {
    return this.call('select', { key }) as Promise<boolean>;
  }

  solve(request: SolveRequest): Promise<SolveReply> {
    return this.call('solve', { request }) as Promise<SolveReply>;
  }

  /** Registers one order's disjunctive LP (model + per-column data) under `key` (highs-worker.mjs). */
  registerDisjunctive(key: string, model: LinearModel, data: DisjunctiveData): Promise<void> {
    return this.call('disjunctiveRegister', { key, model, data }) as Promise<void>;
  }

  /** Evaluates registered disjunctive LPs at hour prices, all in the worker (one message). */
  evaluateDisjunctive(keys: string[], hourCost: Float64Array | null, seconds: number): Promise<(DisjunctiveResult | null)[]> {
    return this.call('disjunctiveEvaluate', { keys, hourCost, seconds }) as Promise<(DisjunctiveResult | null)[]>;
  }

  /** The completion weeks an order's plan could still end in below `upper` (see disjunctiveWeeks in the worker). */
  disjunctiveWeeks(key: string, hourCost: Float64Array | null, upper: number, seconds: number): Promise<DisjunctiveWeeks | null> {
    return this.call('disjunctiveWeeks', { key, hourCost, upper, seconds }) as Promise<DisjunctiveWeeks | null>;
  }

  async close(): Promise<void> {
    this.pending.clear();
    await this.worker.terminate();
  }

  private call(type: string, payload: Record<string, unknown>): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, type, ...payload });
    });
  }

  private failAll(error: Error): void {
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }
}
