import type { NeighbourOperationFieldsFragment } from './__generated__/graphql.ts';
import { isoWeekLabel } from './weeks.ts';

/** "op 1 HEAT_TREATMENT: Sejin Heat Treatment W51 (300)" — an operation next to an allocation and who does it. */
export function describeNeighbour(operation: NeighbourOperationFieldsFragment | null | undefined): string {
  if (!operation) return '—';
  const who = operation.assignments.length
    ? operation.assignments.map((a) => `${a.member.name} ${isoWeekLabel(a.weekStart)} (${a.quantity})`).join(', ')
    : 'not planned';
  return `op ${operation.operationIndex} ${operation.process}: ${who}`;
}
