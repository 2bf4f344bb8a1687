import { GraphQLScalarType, Kind } from 'graphql';
import { BadUserInputError } from './errors.ts';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses 'YYYY-MM-DD' into a UTC date, or null when it is not a real calendar date. */
export function parseIsoDate(value: string): Date | null {
  const m = DATE_RE.exec(value);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value ? d : null;
}

function toDateString(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' && parseIsoDate(value.slice(0, 10))) return value.slice(0, 10);
  throw new TypeError(`Date cannot represent ${String(value)}`);
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date, ISO 8601 YYYY-MM-DD',
  serialize: toDateString,
  parseValue(value) {
    if (typeof value !== 'string' || !parseIsoDate(value)) throw new BadUserInputError('Date', `"${String(value)}" is not a YYYY-MM-DD date`);
    return value;
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING || !parseIsoDate(ast.value)) throw new BadUserInputError('Date', 'expected a YYYY-MM-DD string');
    return ast.value;
  },
});

function toDateTimeString(value: unknown): string {
  const d = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : null;
  if (!d || Number.isNaN(d.getTime())) throw new TypeError(`DateTime cannot represent ${String(value)}`);
  return d.toISOString();
}

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string') throw new BadUserInputError('DateTime', 'expected an ISO 8601 date-time string');
  const d = new Date(value);
  if (Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    throw new BadUserInputError('DateTime', `"${value}" is not an ISO 8601 date-time`);
  }
  // ISO year 0000 (1 BC) parses in JavaScript but PostgreSQL has no year zero: refused here, not as a database error.
  if (d.getUTCFullYear() < 1) throw new BadUserInputError('DateTime', `"${value}" is before the year 0001`);
  return d;
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant, ISO 8601 with time zone (serialised in UTC)',
  serialize: toDateTimeString,
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new BadUserInputError('DateTime', 'expected a string');
    return parseDateTime(ast.value);
  },
});

export const scalarResolvers = { Date: DateScalar, DateTime: DateTimeScalar };
