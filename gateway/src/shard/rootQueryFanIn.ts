import { valueFromASTUntyped, type FieldNode, type GraphQLFormattedError } from 'graphql';
import type { MemberOutcome } from './memberOutcome.ts';
import { memberShardErrors, type ShardErrors } from './shardErrors.ts';
import type { RootField } from './operationShape.ts';

/** The members a root field reads from: those its `memberIds` names, or every ACTIVE one when omitted or null. */
export type MemberSelection = { kind: 'all' } | { kind: 'listed'; memberIds: string[] };

export function memberSelectionOf(field: FieldNode, variables: Readonly<Record<string, unknown>>): MemberSelection {
  const argument = field.arguments?.find((arg) => arg.name.value === 'memberIds');
  if (!argument) return { kind: 'all' };
  const value: unknown = valueFromASTUntyped(argument.value, variables);
  if (value === null || value === undefined) return { kind: 'all' };
  // Input coercion: a single ID stands for a one-element list.
  const ids = (Array.isArray(value) ? value : [value]).filter((id): id is string => typeof id === 'string' || typeof id === 'number').map(String);
  return { kind: 'listed', memberIds: [...new Set(ids)] };
}

export interface FieldTargets {
  responseKey: string;
  fieldName: string;
  memberIds: string[];
}

export interface RootQueryPlan {
  fields: FieldTargets[];
  /** Every member the operation goes to, in order of first appearance. */
  members: string[];
}

export function planRootQuery(
  rootFields: readonly RootField[],
  variables: Readonly<Record<string, unknown>>,
  activeMemberIds: readonly string[],
): RootQueryPlan {
  const fields = rootFields.map((field): FieldTargets => {
    if (field.fieldName === '__typename') return { responseKey: field.responseKey, fieldName: field.fieldName, memberIds: [] };
    const selection = memberSelectionOf(field.node, variables);
    return { responseKey: field.responseKey, fieldName: field.fieldName, memberIds: selection.kind === 'all' ? [...activeMemberIds] : selection.memberIds };
  });
  return { fields, members: [...new Set(fields.flatMap((field) => field.memberIds))] };
}

export interface MergedRootQuery {
  data: Record<string, unknown>;
  errors: GraphQLFormattedError[];
}

/**
 * Concatenates each root field's lists over its members, in the members' order, taking a
 * field only from the members it targets. A member that failed adds one MEMBER_UNAVAILABLE
 * error at `[responseKey]` per field it should have answered; list indexes in member errors
 * are moved to where that member's items landed.
 */
export function mergeRootQueryAnswers(
  plan: RootQueryPlan,
  outcomes: ReadonlyMap<string, MemberOutcome>,
  rootTypeName: string,
  shardErrors: ShardErrors = memberShardErrors,
  /** The member standard's root fields are lists: a null there is a member that did not answer. Elsewhere null is an answer. */
  nullIsMissing = true,
): MergedRootQuery {
  const data: Record<string, unknown> = {};
  const errors: GraphQLFormattedError[] = [];
  const pathlessErrorsReported = new Set<string>();
  for (const field of plan.fields) {
    if (field.fieldName === '__typename') {
      data[field.responseKey] = rootTypeName;
      continue;
    }
    const items: unknown[] = [];
    let single: unknown = null;
    let sawList = false;
    for (const memberId of field.memberIds) {
      const outcome = outcomes.get(memberId) ?? { ok: false, reason: 'it was not asked' };
      if (!outcome.ok) {
        errors.push(shardErrors.unavailable(memberId, outcome.reason, [field.responseKey]));
        continue;
      }
      const value = outcome.response.data?.[field.responseKey];
      const offset = items.length;
      if (Array.isArray(value)) {
        sawList = true;
        items.push(...(value as unknown[]));
      } else if (value !== undefined && value !== null) single ??= value;
      const memberErrors = outcome.response.errors ?? [];
      const fieldErrors = memberErrors.filter((error) => error.path?.[0] === field.responseKey);
      for (const error of fieldErrors) errors.push(shardErrors.reported(error, memberId, shiftListIndex(error.path, offset)));
      if (!pathlessErrorsReported.has(memberId)) {
        pathlessErrorsReported.add(memberId);
        for (const error of memberErrors.filter((e) => !e.path)) errors.push(shardErrors.reported(error, memberId, undefined));
      }
      if (nullIsMissing && (value === undefined || value === null) && fieldErrors.length === 0) {
        const cause = memberErrors[0]?.message ?? `no ${field.responseKey} in its answer`;
        errors.push(shardErrors.unavailable(memberId, `it answered without ${field.responseKey} (${cause})`, [field.responseKey]));
      }
    }
    data[field.responseKey] = single !== null && items.length === 0 ? single : nullIsMissing || sawList ? items : null;
  }
  return { data, errors };
}

function shiftListIndex(path: GraphQLFormattedError['path'], offset: number): Array<string | number> | undefined {
  if (!path) return undefined;
  const [key, index, ...rest] = path;
  if (key === undefined) return [];
  return typeof index === 'number' ? [key, index + offset, ...rest] : [...path];
}
