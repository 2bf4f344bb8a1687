import Table from 'cli-table3';
import type { GraphQLFormattedError } from '@clustergraph/sdk';
import { describeGraphQLError } from '@clustergraph/sdk';

export type Cell = string | number | null | undefined;

/** A plain table for people (no colours, so it survives pipes and logs). */
export function renderTable(head: string[], rows: Cell[][]): string {
  const table = new Table({ head, style: { head: [], border: [] }, wordWrap: true });
  for (const row of rows) table.push(row.map((cell) => (cell == null ? '' : String(cell))));
  return table.toString();
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** Exit code for an answer that came with some parts missing (member unreachable, withheld). */
export const PARTIAL_EXIT_CODE = 3;

/**
 * Reports errors that came with partial data on stderr, in words, and marks the
 * process as failed-partially; the data that did arrive has been printed.
 */
export function reportPartialErrors(errors: readonly GraphQLFormattedError[], memberName: (id: string) => string, data?: unknown): void {
  if (!errors.length) return;
  const messages = new Set(errors.map((error) => describeGraphQLError(error, memberName, data)));
  for (const message of messages) process.stderr.write(`warning: ${message}\n`);
  process.exitCode = PARTIAL_EXIT_CODE;
}

export function hours(value: number | null | undefined): string {
  if (value == null) return '';
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export function since(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const minutes = Math.round((now - Date.parse(iso)) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hoursAgo = Math.round(minutes / 60);
  if (hoursAgo < 48) return `${hoursAgo} h ago`;
  return `${Math.round(hoursAgo / 24)} d ago`;
}
