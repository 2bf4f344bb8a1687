import { InputValidator } from '@clustergraph/runtime';
import { LINE_STATES, type LineStateName } from '../db/schema.ts';
import type { NewLineEvent } from './types.ts';

/** Shop-floor clocks drift; an event slightly ahead of ours is still accepted. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** Earlier than this is a broken clock (an unset RTC reports 1970), not history. */
const EARLIEST_EVENT = Date.UTC(2000, 0, 1);
const EVENT_ID_PATTERN = /^[\x21-\x7e]{1,128}$/;
const REASON_CODE_MAX = 64;
const MAX_COUNT = 2_147_483_647;
const MAX_CYCLE_TIME_SECONDS = 7 * 24 * 3600;

export interface FieldProblem {
  field: string;
  message: string;
}

/** An event as received, before checking: from GraphQL (typed) or from an MQTT payload (anything). */
export interface RawLineEvent {
  eventId: unknown;
  lineId: unknown;
  state: unknown;
  at?: unknown;
  reasonCode?: unknown;
  cycleTimeSeconds?: unknown;
  goodCount?: unknown;
  scrapCount?: unknown;
}

const isLineState = (value: unknown): value is LineStateName => typeof value === 'string' && (LINE_STATES as readonly string[]).includes(value);
const given = (value: unknown) => value !== null && value !== undefined;

function toDate(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  // ISO 8601 with a zone (what the DateTime scalar accepts), or epoch milliseconds from a PLC.
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value);
  return null;
}

/**
 * Checks one event and names every problem with its field (`field('lineId')` →
 * `events[3].lineId`). Returns the normalised event, or null when anything is wrong: a bad
 * event is never stored in part.
 */
export function checkLineEvent(
  raw: RawLineEvent,
  field: (name: string) => string,
  isKnownLine: (lineId: string) => boolean,
  receivedAt: Date,
): { event: NewLineEvent | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const v = { check: (ok: boolean, name: string, message: string) => void (ok || problems.push({ field: name, message })) };
  const { eventId, lineId, state } = raw;
  v.check(typeof eventId === 'string' && EVENT_ID_PATTERN.test(eventId), field('eventId'), 'must be 1–128 printable characters without spaces');
  if (typeof lineId !== 'string' || lineId === '') v.check(false, field('lineId'), 'must name a line');
  else v.check(isKnownLine(lineId), field('lineId'), `unknown line "${lineId}"`);
  v.check(isLineState(state), field('state'), `must be one of ${LINE_STATES.join(', ')}`);

  let at = receivedAt;
  if (given(raw.at)) {
    const parsed = toDate(raw.at);
    if (!parsed) v.check(false, field('at'), 'must be an ISO 8601 date-time with a time zone');
    else {
      v.check(parsed.getTime() <= receivedAt.getTime() + CLOCK_SKEW_MS, field('at'), 'lies in the future (more than 5 minutes ahead of the member clock)');
      v.check(parsed.getTime() >= EARLIEST_EVENT, field('at'), 'lies before 2000 (is the machine clock set?)');
      at = parsed;
    }
  }
  if (given(raw.reasonCode)) {
    v.check(
      typeof raw.reasonCode === 'string' && raw.reasonCode.trim().length > 0 && raw.reasonCode.length <= REASON_CODE_MAX,
      field('reasonCode'),
      `must be 1–${REASON_CODE_MAX} characters`,
    );
  }
  if (given(raw.cycleTimeSeconds)) {
    const c = raw.cycleTimeSeconds;
    v.check(
      typeof c === 'number' && Number.isFinite(c) && c > 0 && c <= MAX_CYCLE_TIME_SECONDS,
      field('cycleTimeSeconds'),
      'must be a number of seconds greater than 0',
    );
  }
  for (const name of ['goodCount', 'scrapCount'] as const) {
    const n = raw[name];
    if (given(n)) v.check(typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX_COUNT, field(name), 'must be a whole number, 0 or more');
  }
  if (problems.length > 0) return { event: null, problems };
  const event: NewLineEvent = {
    eventId: eventId as string,
    lineId: lineId as string,
    state: state as LineStateName,
    at,
    reasonCode: given(raw.reasonCode) ? (raw.reasonCode as string).trim() : null,
    cycleTimeSeconds: given(raw.cycleTimeSeconds) ? (raw.cycleTimeSeconds as number) : null,
    goodCount: given(raw.goodCount) ? (raw.goodCount as number) : null,
    scrapCount: given(raw.scrapCount) ? (raw.scrapCount as number) : null,
  };
  return { event, problems };
}

/**
 * Validates a whole call (mutation) and throws BAD_USER_INPUT naming the first bad field
 * (`events[3].lineId`; all are listed in extensions.problems): nothing of the call is written.
 */
export function validateLineEventInputs(inputs: readonly RawLineEvent[], isKnownLine: (lineId: string) => boolean, receivedAt: Date): NewLineEvent[] {
  const v = new InputValidator();
  const seen = new Map<unknown, number>();
  const events: NewLineEvent[] = [];
  inputs.forEach((raw, i) => {
    const field = (name: string) => `events[${i}].${name}`;
    const { event, problems } = checkLineEvent(raw, field, isKnownLine, receivedAt);
    for (const problem of problems) v.check(false, problem.field, problem.message);
    const first = seen.get(raw.eventId);
    if (first !== undefined) v.check(false, field('eventId'), `duplicate eventId: already given at index ${first}`);
    else seen.set(raw.eventId, i);
    if (event) events.push(event);
  });
  v.throwIfInvalid();
  return events;
}
