import { InputValidator, parseIsoDate } from '@clustergraph/runtime';
import { PROCESS_TYPES, type ProcessType } from '../solver/index.ts';
import type { JointOrderRow, StoredOperation } from '../db/planning.ts';

/** What createJointOrder and updateJointOrder receive (the generated input types, loosened for tests). */
export interface OperationInputValue {
  process: string;
  hoursPerUnit: number;
  setupHours?: number | null | undefined;
  minLotSize?: number | null | undefined;
  certification?: string | null | undefined;
  transportDaysToNext?: number | null | undefined;
}

export interface JointOrderInputValue {
  code?: string | null | undefined;
  customer?: string | null | undefined;
  product?: string | null | undefined;
  quantity?: number | null | undefined;
  dueDate?: string | null | undefined;
  priority?: number | null | undefined;
  routing?: readonly OperationInputValue[] | null | undefined;
}

/** A validated order, ready to store. */
export interface JointOrderFields {
  code: string;
  customer: string;
  product: string;
  quantity: number;
  dueDate: string;
  priority: number;
  routing: StoredOperation[];
}

// Limits that catch typos (an extra zero, hours for minutes) rather than model the business.
const MAX_QUANTITY = 10_000_000;
const MAX_OPERATIONS = 30;
const MAX_HOURS_PER_UNIT = 1000;
const MAX_SETUP_HOURS = 1000;
const MAX_TRANSPORT_DAYS = 90;
const MAX_PRIORITY = 10;
const MAX_TEXT = 200;
/** Orders are planned on weekly buckets up to two years ahead (DCM horizon). */
const MAX_DUE_DAYS_AHEAD = 731;
const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const DAY_MS = 86_400_000;

const isFiniteNumber = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

function checkText(v: InputValidator, value: string | null | undefined, field: string): string {
  const trimmed = (value ?? '').trim();
  v.check(trimmed.length > 0, field, 'must not be empty');
  v.check(trimmed.length <= MAX_TEXT, field, `must be at most ${MAX_TEXT} characters`);
  return trimmed;
}

function checkOperation(v: InputValidator, operation: OperationInputValue, field: string): StoredOperation {
  const at = (name: string) => `${field}.${name}`;
  // The GraphQL enum already refuses unknown processes; this guards the seed file and tests.
  v.check((PROCESS_TYPES as readonly string[]).includes(operation.process), at('process'), `unknown process "${operation.process}"`);
  v.check(isFiniteNumber(operation.hoursPerUnit) && operation.hoursPerUnit > 0, at('hoursPerUnit'), 'must be greater than 0');
  v.check(!isFiniteNumber(operation.hoursPerUnit) || operation.hoursPerUnit <= MAX_HOURS_PER_UNIT, at('hoursPerUnit'), `must be at most ${MAX_HOURS_PER_UNIT}`);
  const setupHours = operation.setupHours ?? 0;
  v.check(isFiniteNumber(setupHours) && setupHours >= 0, at('setupHours'), 'must be 0 or more');
  v.check(!isFiniteNumber(setupHours) || setupHours <= MAX_SETUP_HOURS, at('setupHours'), `must be at most ${MAX_SETUP_HOURS}`);
  const minLotSize = operation.minLotSize ?? 1;
  v.check(Number.isInteger(minLotSize) && minLotSize >= 1, at('minLotSize'), 'must be a whole number of 1 or more');
  v.check(minLotSize <= MAX_QUANTITY, at('minLotSize'), `must be at most ${MAX_QUANTITY}`);
  const transportDaysToNext = operation.transportDaysToNext ?? 0;
  v.check(Number.isInteger(transportDaysToNext) && transportDaysToNext >= 0, at('transportDaysToNext'), 'must be a whole number of days, 0 or more');
  v.check(transportDaysToNext <= MAX_TRANSPORT_DAYS, at('transportDaysToNext'), `must be at most ${MAX_TRANSPORT_DAYS}`);
  const certification = operation.certification?.trim() || null;
  v.check(certification === null || certification.length <= MAX_TEXT, at('certification'), `must be at most ${MAX_TEXT} characters`);
  return { process: operation.process as ProcessType, hoursPerUnit: operation.hoursPerUnit, setupHours, minLotSize, certification, transportDaysToNext };
}

/**
 * Checks every field of an order (all problems at once, the first thrown as BAD_USER_INPUT
 * naming its field, e.g. `input.routing[1].hoursPerUnit`). `today` is the leader's calendar day:
 * a due date before it cannot be planned.
 */
export function validateJointOrder(input: JointOrderInputValue, today: string, prefix = 'input'): JointOrderFields {
  const v = new InputValidator();
  const at = (name: string) => `${prefix}.${name}`;
  const code = checkText(v, input.code, at('code'));
  v.check(code === '' || CODE_PATTERN.test(code), at('code'), 'must be letters, digits and . _ / - (no spaces)');
  const customer = checkText(v, input.customer, at('customer'));
  const product = checkText(v, input.product, at('product'));
  const quantity = input.quantity ?? 0;
  v.check(Number.isInteger(quantity) && quantity > 0, at('quantity'), 'must be a whole number greater than 0');
  v.check(quantity <= MAX_QUANTITY, at('quantity'), `must be at most ${MAX_QUANTITY}`);
  const dueDate = input.dueDate ?? '';
  const due = parseIsoDate(dueDate);
  v.check(due !== null, at('dueDate'), 'must be a date YYYY-MM-DD');
  if (due) {
    v.check(dueDate >= today, at('dueDate'), `${dueDate} is in the past (today is ${today})`);
    v.check(due.getTime() - Date.parse(`${today}T00:00:00Z`) <= MAX_DUE_DAYS_AHEAD * DAY_MS, at('dueDate'), `must be within ${MAX_DUE_DAYS_AHEAD} days`);
  }
  const priority = input.priority ?? 1;
  v.check(Number.isInteger(priority) && priority >= 1 && priority <= MAX_PRIORITY, at('priority'), `must be a whole number from 1 to ${MAX_PRIORITY}`);
  const routingInput = input.routing ?? [];
  v.check(routingInput.length > 0, at('routing'), 'must have at least one operation');
  v.check(routingInput.length <= MAX_OPERATIONS, at('routing'), `must have at most ${MAX_OPERATIONS} operations`);
  const routing = routingInput.map((operation, i) => checkOperation(v, operation, `${at('routing')}[${i}]`));
  routing.forEach((operation, i) => {
    v.check(operation.minLotSize <= quantity || quantity <= 0, `${at('routing')}[${i}].minLotSize`, `must not exceed the order quantity (${quantity})`);
  });
  v.throwIfInvalid();
  return { code, customer, product, quantity, dueDate, priority, routing };
}

/** Applies a partial change to a stored order and validates the result as a whole. */
export function validateJointOrderChange(order: JointOrderRow, change: JointOrderInputValue, today: string): JointOrderFields {
  const pick = <T>(value: T | null | undefined, current: T): T => (value === null || value === undefined ? current : value);
  return validateJointOrder(
    {
      code: pick(change.code, order.code),
      customer: pick(change.customer, order.customer),
      product: pick(change.product, order.product),
      quantity: pick(change.quantity, order.quantity),
      // An unchanged due date that has since passed does not block other edits.
      dueDate: pick(change.dueDate, order.dueDate),
      priority: pick(change.priority, order.priority),
      routing: pick<readonly OperationInputValue[]>(change.routing, order.routing),
    },
    change.dueDate ? today : order.dueDate < today ? order.dueDate : today,
  );
}

/** The leader's calendar day as YYYY-MM-DD (UTC, like the member capacity weeks). */
export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
