import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadClusterConfig } from '../src/index.ts';
import { planJointOrders } from '../src/solver/index.ts';
import type { JointOrder, Member, PlanInput } from '../src/solver/index.ts';

// Two members sharing two processes, three orders competing for their hours: small, but a real
// decomposition run (strategy 'decompose') with bound and search streams.
function input(): PlanInput {
  const weeks = Array.from({ length: 6 }, (_, w) => new Date(Date.UTC(2026, 0, 5 + 7 * w)).toISOString().slice(0, 10));
  const members: Member[] = ['a', 'b'].map((id, m) => ({
    id,
    region: m === 0 ? 'BUSAN' : 'ULSAN',
    processes: [
      { process: 'CASTING', certifications: [] },
      { process: 'CNC_MACHINING', certifications: [] },
    ],
    capacity: (['CASTING', 'CNC_MACHINING'] as const).flatMap((process) =>
      weeks.map((weekStart, w) => ({ process, weekStart, availableHours: 20 + 5 * ((m + w) % 3), pricePerHour: 40 + 15 * m })),
    ),
  }));
  const orders: JointOrder[] = [0, 1, 2].map((o) => ({
    id: `o${o}`,
    code: `JO-${o}`,
    quantity: 120 + 40 * o,
    dueDate: weeks[2 + o] ?? '2026-02-01',
    priority: 1 + o,
    routing: [
      { process: 'CASTING', hoursPerUnit: 0.1, setupHours: 2, transportDaysToNext: 2 },
      { process: 'CNC_MACHINING', hoursPerUnit: 0.15 },
    ],
  }));
  return { orders, members, weeks };
}

/** Runs the decomposition and returns what it wrote to stderr with the `[planner]` prefix. */
async function plannerLines(debug: boolean | undefined): Promise<string[]> {
  const written: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    const result = await planJointOrders(input(), { timeLimitSeconds: 3, strategy: 'decompose', ...(debug === undefined ? {} : { debug }) });
    expect(result.infeasibleOrderIds).toEqual([]);
    expect(result.explanation.some((line) => line.startsWith('Decomposition by order'))).toBe(true);
  } finally {
    spy.mockRestore();
  }
  return written.filter((chunk) => chunk.startsWith('[planner] '));
}

describe('the solver debug switch (PlanOptions.debug)', () => {
  afterEach(() => {
    delete process.env['PLANNER_DEBUG'];
  });

  it('writes the decomposition progress to stderr only when the option is set', async () => {
    // Whatever the streams got done in the time (a busy machine may leave them little), the run ends with its summary line.
    expect((await plannerLines(true)).some((line) => /^\[planner\] end: incumbent \d+; gains \{/.test(line))).toBe(true);
    // PLANNER_DEBUG in the solver's process does not switch it on: only the option does.
    process.env['PLANNER_DEBUG'] = '1';
    expect(await plannerLines(undefined)).toEqual([]);
    expect(await plannerLines(false)).toEqual([]);
  });

  it('is set from PLANNER_DEBUG at the cluster subgraph edge, off by default', () => {
    const required = { CLUSTER_ID: 'c', CLUSTER_NAME: 'C', CLUSTER_REGION: 'Busan', CLUSTER_INDUSTRY: 'EV', GATEWAY_PUBLIC_JWK_FILE: '/keys/gw.json' };
    expect(loadClusterConfig(required).planning.solverDebug).toBe(false);
    expect(loadClusterConfig({ ...required, PLANNER_DEBUG: '1' }).planning.solverDebug).toBe(true);
    expect(loadClusterConfig({ ...required, PLANNER_DEBUG: 'false' }).planning.solverDebug).toBe(false);
    expect(() => loadClusterConfig({ ...required, PLANNER_DEBUG: 'loud' })).toThrow(/PLANNER_DEBUG/);
  });
});
