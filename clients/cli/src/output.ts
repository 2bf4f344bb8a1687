import Table from 'cli-table3';
import type { GraphQLFormattedError } from '@clustergraph/sdk';
import { classifyErrors } from '@clustergraph/sdk';
import { describeApiError, timeAgo, withheldErrorDetail } from '@clustergraph/i18n';
import type { CliText } from './i18n/index.ts';

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

/** Exit code for an answer that came with some parts missing (a member unreachable or timed out). */
export const PARTIAL_EXIT_CODE = 3;
/** Exit code for an order whose plan is INFEASIBLE (made and stored, but it can never be proposed). */
export const INFEASIBLE_EXIT_CODE = 4;

/**
 * Reports errors that came with partial data on stderr, in words; the data that did arrive
 * has been printed. A firm that withholds data by its sharing policy is normal output (named
 * once, exit code unchanged); a firm that did not answer is a partial answer (exit 3). With
 * `strict`, withheld data counts as missing too.
 */
export function reportPartialErrors(
  { t }: CliText,
  errors: readonly GraphQLFormattedError[],
  memberName: (id: string) => string,
  data?: unknown,
  strict = false,
): void {
  if (!errors.length) return;
  const { withheld, unreachable, other } = classifyErrors(errors, data);
  const withheldBy = new Map<string, Set<string>>();
  for (const error of withheld) {
    const who = describeApiError(t, error, memberName, data);
    const detail = withheldErrorDetail(t, error);
    withheldBy.set(who, (withheldBy.get(who) ?? new Set()).add(detail));
  }
  for (const [who, details] of withheldBy) {
    const named = [...details].filter(Boolean);
    const message = named.length ? `${who} (${named.join(', ')})` : who;
    process.stderr.write(`${strict ? t('common:warning', { message }) : t('common:note', { message })}\n`);
  }
  const missing = new Set([...unreachable, ...other].map((error) => describeApiError(t, error, memberName, data)));
  for (const message of missing) process.stderr.write(`${t('common:warning', { message })}\n`);
  if (missing.size > 0 || (strict && withheld.length > 0)) process.exitCode = PARTIAL_EXIT_CODE;
}

/** The purpose a command's reads were checked against, said under human output. */
export function printPurpose({ t, label }: CliText, purpose: string): void {
  process.stdout.write(`${t('common:askedFor', { purpose: label('Purpose', purpose) })}\n`);
}

export function hours(value: number | null | undefined): string {
  if (value == null) return '';
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** "5 min ago" / "5분 전". */
export function since({ t }: CliText, iso: string | null | undefined, now = Date.now()): string {
  return timeAgo(t, iso, now);
}
