import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { validateJointOrder, validateJointOrderChange, type JointOrderInputValue } from '../src/planning/orderInput.ts';
import { validatePlanIds, validatePlanOptions } from '../src/planning/planOptions.ts';
import type { JointOrderRow } from '../src/db/planning.ts';

const TODAY = '2026-11-20';
const valid = (): JointOrderInputValue => ({
  code: 'JO-2026-001',
  customer: 'K-Mobility Motors',
  product: 'EV motor housing MH-220',
  quantity: 1200,
  dueDate: '2027-01-15',
  routing: [
    { process: 'CASTING', hoursPerUnit: 0.12, setupHours: 6, minLotSize: 100, transportDaysToNext: 1 },
    { process: 'HEAT_TREATMENT', hoursPerUnit: 0.05, certification: 'CQI-9' },
    { process: 'ASSEMBLY', hoursPerUnit: 0.2 },
  ],
});

/** The BAD_USER_INPUT error's field (and every problem found). */
function problem(input: JointOrderInputValue): { field: string; problems: Array<{ field: string; message: string }> } {
  try {
    validateJointOrder(input, TODAY);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    const e = error as GraphQLError;
    expect(e.extensions['code']).toBe('BAD_USER_INPUT');
    return { field: e.extensions['field'] as string, problems: e.extensions['problems'] as Array<{ field: string; message: string }> };
  }
  throw new Error('expected a BAD_USER_INPUT error');
}

describe('joint order validation', () => {
  it('accepts a valid order and applies the routing defaults', () => {
    const order = validateJointOrder({ ...valid(), code: '  JO-2026-001 ' }, TODAY);
    expect(order.code).toBe('JO-2026-001');
    expect(order.priority).toBe(1);
    expect(order.routing[1]).toEqual({
      process: 'HEAT_TREATMENT',
      hoursPerUnit: 0.05,
      setupHours: 0,
      minLotSize: 1,
      certification: 'CQI-9',
      transportDaysToNext: 0,
    });
  });

  it('refuses a zero quantity', () => {
    expect(problem({ ...valid(), quantity: 0 }).field).toBe('input.quantity');
  });

  it('refuses an empty routing', () => {
    expect(problem({ ...valid(), routing: [] }).field).toBe('input.routing');
  });

  it('refuses a due date in the past, but accepts today', () => {
    expect(problem({ ...valid(), dueDate: '2026-11-19' })).toMatchObject({ field: 'input.dueDate' });
    expect(validateJointOrder({ ...valid(), dueDate: TODAY }, TODAY).dueDate).toBe(TODAY);
  });

  it('refuses an unknown process (when it bypasses the GraphQL enum, e.g. a seed file)', () => {
    const routing = [{ process: 'WELDNG', hoursPerUnit: 1 }];
    expect(problem({ ...valid(), routing }).field).toBe('input.routing[0].process');
  });

  it('names the operation field: negative or zero hours, negative setup, fractional lot', () => {
    const routing = [
      { process: 'CASTING', hoursPerUnit: -1 },
      { process: 'ASSEMBLY', hoursPerUnit: 0.5, setupHours: -2, minLotSize: 2.5 },
    ];
    const { field, problems } = problem({ ...valid(), routing });
    expect(field).toBe('input.routing[0].hoursPerUnit');
    expect(problems.map((p) => p.field)).toEqual(['input.routing[0].hoursPerUnit', 'input.routing[1].setupHours', 'input.routing[1].minLotSize']);
  });

  it('refuses empty texts, a bad date and a priority out of range, all at once', () => {
    const { problems } = problem({ ...valid(), customer: ' ', dueDate: '2027-13-01', priority: 0 });
    expect(problems.map((p) => p.field)).toEqual(['input.customer', 'input.dueDate', 'input.priority']);
  });

  it('refuses a minimum lot larger than the order', () => {
    const routing = [{ process: 'CASTING', hoursPerUnit: 1, minLotSize: 50 }];
    expect(problem({ ...valid(), quantity: 20, routing }).field).toBe('input.routing[0].minLotSize');
  });

  it('refuses the numbers and dates of issue 13: 1e308, a due date in 1900 or ten years ahead, a lot of 1e308', () => {
    expect(problem({ ...valid(), quantity: 1e308 }).field).toBe('input.quantity');
    expect(problem({ ...valid(), dueDate: '1900-01-01' }).field).toBe('input.dueDate');
    expect(problem({ ...valid(), dueDate: '2036-11-20' }).field).toBe('input.dueDate');
    expect(problem({ ...valid(), routing: [{ process: 'CASTING', hoursPerUnit: 1e308 }] }).field).toBe('input.routing[0].hoursPerUnit');
    expect(problem({ ...valid(), routing: [{ process: 'CASTING', hoursPerUnit: 1, minLotSize: 1e308 }] }).problems.map((p) => p.field)).toContain(
      'input.routing[0].minLotSize',
    );
    expect(problem({ ...valid(), routing: [{ process: 'CASTING', hoursPerUnit: 1, setupHours: Number.POSITIVE_INFINITY }] }).field).toBe(
      'input.routing[0].setupHours',
    );
  });

  it('validates an edit against the stored order as a whole', () => {
    const stored = { ...validateJointOrder(valid(), TODAY), id: 'jo-1', status: 'DRAFT' } as unknown as JointOrderRow;
    expect(validateJointOrderChange(stored, { quantity: 500 }, TODAY).quantity).toBe(500);
    expect(() => validateJointOrderChange(stored, { quantity: -5 }, TODAY)).toThrow(/quantity/);
    // A due date that passed since the order was made does not block other edits …
    const old = { ...stored, dueDate: '2026-11-01' } as JointOrderRow;
    expect(validateJointOrderChange(old, { priority: 3 }, TODAY).priority).toBe(3);
    // … but a new one must not be in the past.
    expect(() => validateJointOrderChange(old, { dueDate: '2026-11-02' }, TODAY)).toThrow(/in the past/);
  });
});

describe('plan options validation', () => {
  it('defaults the time limit and drops nulls', () => {
    expect(validatePlanOptions(null)).toEqual({ timeLimitSeconds: 10 });
    expect(validatePlanOptions({ mipGap: 0.01, weights: { cost: 1, lateness: null }, maxMembersPerOperation: 2, excludeMemberIds: ['a', 'a'] })).toEqual({
      timeLimitSeconds: 10,
      mipGap: 0.01,
      weights: { cost: 1 },
      maxMembersPerOperation: 2,
      excludeMemberIds: ['a'],
    });
  });

  it('refuses out-of-range values with the field', () => {
    expect(() => validatePlanOptions({ timeLimitSeconds: 0 })).toThrow(/options.timeLimitSeconds/);
    expect(() => validatePlanOptions({ timeLimitSeconds: 1000 })).toThrow(/options.timeLimitSeconds/);
    expect(() => validatePlanOptions({ weights: { split: -1 } })).toThrow(/options.weights.split/);
    expect(() => validatePlanOptions({ maxMembersPerOperation: 0 })).toThrow(/maxMembersPerOperation/);
  });

  it('needs at least one id and no duplicates', () => {
    expect(() => validatePlanIds([])).toThrow(/ids/);
    expect(() => validatePlanIds(['a', 'b', 'a'])).toThrow(/ids\[2\]/);
  });
});
