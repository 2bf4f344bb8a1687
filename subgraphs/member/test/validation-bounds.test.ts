import { describe, expect, it } from 'vitest';
import { addWeeks, mondayOf } from '@clustergraph/runtime';
import type { GraphQLError } from 'graphql';
import { validateCapacityInput } from '../src/validation/capacity.ts';
import { validateAllocationInput, validateAllocationProgress } from '../src/validation/allocations.ts';
import { validateProductionInput } from '../src/validation/production.ts';
import { validateCapabilitiesInput } from '../src/validation/profile.ts';
import { validateLineInput } from '../src/validation/lines.ts';
import { validatePolicyTerms } from '../src/validation/sharing.ts';
import { DEFAULT_WRITE_BOUNDS, planningHorizon, weeklyHourLimit, type FirmProcesses } from '../src/validation/bounds.ts';

// Pure validators (no database): the bounds of issue 13, each with the field it names.
const NOW = new Date('2026-12-09T10:00:00Z'); // a Wednesday
const THIS_MONDAY = mondayOf(NOW);
const horizon = planningHorizon(DEFAULT_WRITE_BOUNDS, NOW);
/** Two casting lines, one welding line, and a capability (painting) with no line described. */
const firm: FirmProcesses = {
  linesPerProcess: new Map([
    ['CASTING', 2],
    ['WELDING', 1],
    ['PAINTING', 1],
  ]),
};
const bounds = { firm, horizon, bounds: DEFAULT_WRITE_BOUNDS };

function fieldOf(run: () => void): { field: string; message: string; problems: Array<{ field: string }> } | null {
  try {
    run();
    return null;
  } catch (error) {
    const e = error as GraphQLError;
    expect(e.extensions['code']).toBe('BAD_USER_INPUT');
    return { field: e.extensions['field'] as string, message: e.message, problems: e.extensions['problems'] as Array<{ field: string }> };
  }
}

const capacity = (o: Record<string, unknown> = {}) => ({
  process: 'CASTING' as const,
  weekStart: THIS_MONDAY,
  actualHours: 200,
  maximumHours: 300,
  pricePerHour: 70_000,
  ...o,
});

describe('planning horizon and hour limits', () => {
  it('reaches from 4 weeks back to 104 weeks ahead of this week, Monday to Monday', () => {
    expect(horizon).toEqual({ first: addWeeks(THIS_MONDAY, -4), last: addWeeks(THIS_MONDAY, 104) });
    expect(horizon.first).toBe('2026-11-09');
  });

  it('allows 168 h a week per line running the process, 0 for a process the firm does not run', () => {
    expect(weeklyHourLimit(firm, 'CASTING')).toBe(336);
    expect(weeklyHourLimit(firm, 'PAINTING')).toBe(168);
    expect(weeklyHourLimit(firm, 'FORGING')).toBe(0);
  });
});

describe('validateCapacityInput', () => {
  it('accepts rows at the edges: 0 h, 336 h for two lines, the first and last week of the horizon', () => {
    expect(
      fieldOf(() =>
        validateCapacityInput(
          [capacity({ actualHours: 0, maximumHours: 336 }), capacity({ weekStart: horizon.first }), capacity({ weekStart: horizon.last })],
          bounds,
        ),
      ),
    ).toBeNull();
  });

  it.each([
    ['1e308 hours', capacity({ actualHours: 1e308, maximumHours: 1e308 }), 'input[0].actualHours', /exceeds 336 h, 168 h a week × 2 line\(s\) running CASTING/],
    ['one hour over 168 × lines', capacity({ maximumHours: 337 }), 'input[0].maximumHours', /337 h exceeds 336 h/],
    ['week 1900-01-01', capacity({ weekStart: '1900-01-01' }), 'input[0].weekStart', /outside the planning horizon/],
    ['a week past the horizon', capacity({ weekStart: addWeeks(horizon.last, 1) }), 'input[0].weekStart', /outside the planning horizon/],
    ['a week before the horizon', capacity({ weekStart: addWeeks(horizon.first, -1) }), 'input[0].weekStart', /outside the planning horizon/],
    ['a Tuesday', capacity({ weekStart: '2026-12-08' }), 'input[0].weekStart', /not a Monday/],
    [
      'a process the firm does not run',
      capacity({ process: 'FORGING', actualHours: 1, maximumHours: 2 }),
      'input[0].process',
      /FORGING is not a process this firm runs/,
    ],
    ['NaN hours', capacity({ actualHours: Number.NaN }), 'input[0].actualHours', /0 or more/],
    ['infinite hours', capacity({ maximumHours: Number.POSITIVE_INFINITY }), 'input[0].maximumHours', /0 or more/],
    ['a price of 1e308', capacity({ pricePerHour: 1e308 }), 'input[0].pricePerHour', /from 0 to 1000000000/],
  ])('refuses %s', (_name, row, field, message) => {
    const error = fieldOf(() => validateCapacityInput([capacity({ weekStart: addWeeks(THIS_MONDAY, 1) }), row].slice(1), bounds))!;
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });

  it('refuses more rows than the bound before looking at any of them', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => capacity({ weekStart: `bad-${i}` }));
    const error = fieldOf(() => validateCapacityInput(rows, bounds))!;
    expect(error).toMatchObject({ field: 'input', problems: [{ field: 'input' }] });
    expect(error.message).toContain('at most 500 rows per call (got 10000)');
    expect(
      fieldOf(() =>
        validateCapacityInput(
          rows
            .slice(0, 500)
            .map((_, i) =>
              capacity({
                weekStart: addWeeks(horizon.first, i % 100),
                process: i < 100 ? 'CASTING' : i < 200 ? 'WELDING' : 'PAINTING',
                actualHours: 1,
                maximumHours: 1,
              }),
            )
            .slice(0, 300),
          bounds,
        ),
      ),
    ).toBeNull();
  });

  it('names every bad row in extensions.problems', () => {
    const error = fieldOf(() => validateCapacityInput([capacity({ actualHours: 1e308 }), capacity({ process: 'FORGING', weekStart: '1900-01-01' })], bounds))!;
    expect(error.problems.map((p) => p.field)).toEqual(['input[0].actualHours', 'input[1].weekStart', 'input[1].process']);
  });
});

describe('validateAllocationInput', () => {
  const allocation = (o: Record<string, unknown> = {}) => ({
    id: 'a-1',
    jointOrderId: 'jo-1',
    operationIndex: 0,
    process: 'CASTING' as const,
    weekStart: THIS_MONDAY,
    quantity: 100,
    hours: 10,
    ...o,
  });
  it.each([
    ['hours beyond 168 × lines', allocation({ hours: 400 }), 'input[0].hours'],
    ['1e308 hours', allocation({ hours: 1e308 }), 'input[0].hours'],
    ['a week outside the horizon', allocation({ weekStart: '1900-01-01' }), 'input[0].weekStart'],
    ['a process the firm does not run', allocation({ process: 'FORGING' }), 'input[0].process'],
    ['a quantity beyond 10 million', allocation({ quantity: 2_000_000_000 }), 'input[0].quantity'],
    ['an operation index beyond 99', allocation({ operationIndex: 1000 }), 'input[0].operationIndex'],
    ['a joint order id of 10,000 characters', allocation({ jointOrderId: 'j'.repeat(10_000) }), 'input[0].jointOrderId'],
  ])('refuses %s', (_name, row, field) => {
    expect(fieldOf(() => validateAllocationInput([row], bounds))?.field).toBe(field);
  });

  it('accepts an allocation inside every bound', () => {
    expect(fieldOf(() => validateAllocationInput([allocation()], bounds))).toBeNull();
  });

  it('refuses progress a hundredfold the allocated quantity', () => {
    expect(fieldOf(() => validateAllocationProgress(100_000, 0, { goodQuantity: 0, scrapQuantity: 0, quantity: 100 }))?.field).toBe('goodQuantity');
    expect(fieldOf(() => validateAllocationProgress(120, 3, { goodQuantity: 0, scrapQuantity: 0, quantity: 100 }))).toBeNull();
  });
});

describe('validateProductionInput', () => {
  const record = (o: Record<string, unknown> = {}) => ({
    lineId: 'cell-1',
    shiftStart: new Date('2026-12-01T06:00:00Z'),
    goodQuantity: 10,
    scrapQuantity: 1,
    runMinutes: 400,
    downMinutes: 20,
    energyKwh: 50,
    ...o,
  });
  const lines = new Set(['cell-1']);
  it.each([
    ['a shift in 1900', record({ shiftStart: new Date('1900-01-01T00:00:00Z') }), 'input[0].shiftStart'],
    ['1e308 kWh', record({ energyKwh: 1e308 }), 'input[0].energyKwh'],
    ['a count beyond 10 million', record({ goodQuantity: 2_000_000_000 }), 'input[0].goodQuantity'],
  ])('refuses %s', (_name, row, field) => {
    expect(fieldOf(() => validateProductionInput([row], lines, NOW, DEFAULT_WRITE_BOUNDS))?.field).toBe(field);
  });

  it('refuses more rows than the bound', () => {
    const rows = Array.from({ length: 501 }, (_, i) => record({ shiftStart: new Date(Date.UTC(2026, 0, 1, i)) }));
    expect(fieldOf(() => validateProductionInput(rows, lines, NOW, DEFAULT_WRITE_BOUNDS))?.field).toBe('input');
  });
});

describe('lines, capabilities and sharing policies', () => {
  it('refuses a rated speed of 1e308 units per hour', () => {
    expect(fieldOf(() => validateLineInput({ id: 'l1', name: 'Line', processes: ['CASTING'], ratedUnitsPerHour: 1e308 }))?.field).toBe(
      'input.ratedUnitsPerHour',
    );
  });

  it.each([
    ['notes of 100,000 characters', { process: 'CASTING' as const, materials: [], notes: 'n'.repeat(100_000) }, 'input[0].notes'],
    ['a material of 1,000 characters', { process: 'CASTING' as const, materials: ['m'.repeat(1000)] }, 'input[0].materials[0]'],
    [
      '10,000 certifications',
      { process: 'CASTING' as const, materials: [], certifications: Array.from({ length: 10_000 }, (_, i) => `c${i}`) },
      'input[0].certifications',
    ],
    ['a part of 1e308 mm', { process: 'CASTING' as const, materials: [], maxPartSizeMm: 1e308 }, 'input[0].maxPartSizeMm'],
  ])('setCapabilities refuses %s', (_name, capability, field) => {
    expect(fieldOf(() => validateCapabilitiesInput([capability]))?.field).toBe(field);
  });

  it('refuses a policy window outside 2000–2099', () => {
    expect(fieldOf(() => validatePolicyTerms({ grantee: 'heat', validFrom: new Date('1900-01-01T00:00:00Z'), validUntil: null }, 'cast'))?.field).toBe(
      'input.validFrom',
    );
    expect(fieldOf(() => validatePolicyTerms({ grantee: 'heat', validFrom: NOW, validUntil: new Date('9999-01-01T00:00:00Z') }, 'cast'))?.field).toBe(
      'input.validUntil',
    );
    expect(fieldOf(() => validatePolicyTerms({ grantee: 'heat', validFrom: NOW, validUntil: new Date('2027-01-01T00:00:00Z') }, 'cast'))).toBeNull();
  });
});
