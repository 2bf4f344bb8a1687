import {
  Kind,
  print,
  valueFromASTUntyped,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type SelectionSetNode,
} from 'graphql';
import { variableNamesIn } from '../variableNames.ts';
import type { MemberOutcome } from './memberOutcome.ts';
import { memberShardErrors, type ShardErrors } from './shardErrors.ts';
import type { ParsedOperation, RootField } from './operationShape.ts';

/** One root mutation field, ready to send to the member its `memberId` names. */
export interface MutationPart {
  responseKey: string;
  /** null when the field has no usable `memberId` argument. */
  memberId: string | null;
  query: string;
  variables: Record<string, unknown>;
}

export function memberIdOf(field: RootField, variables: Readonly<Record<string, unknown>>): string | null {
  const argument = field.node.arguments?.find((arg) => arg.name.value === 'memberId');
  if (!argument) return null;
  const value: unknown = valueFromASTUntyped(argument.value, variables);
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

/**
 * One operation per root field (the standard sends every mutation to one member). With a
 * single field the planner's query goes as it is; with several, each part keeps only the
 * fragments and variables it uses (subgraphs reject unused ones).
 */
export function splitMutation(
  parsed: ParsedOperation,
  query: string,
  variables: Readonly<Record<string, unknown>>,
  targetOf: (field: RootField, variables: Readonly<Record<string, unknown>>) => string | null = memberIdOf,
): MutationPart[] {
  const fields = parsed.rootFields;
  if (fields.length === 1) {
    const [only] = fields as [RootField];
    return [{ responseKey: only.responseKey, memberId: targetOf(only, variables), query, variables: { ...variables } }];
  }
  return fields.map((field) => {
    const selectionSet: SelectionSetNode = { kind: Kind.SELECTION_SET, selections: [field.node] };
    const fragments = fragmentsUsedBy(selectionSet, parsed.fragments);
    const probe: DocumentNode = { kind: Kind.DOCUMENT, definitions: [{ ...parsed.operation, selectionSet }, ...fragments] };
    const usedVariables = variableNamesIn(probe);
    const operation = {
      ...parsed.operation,
      selectionSet,
      variableDefinitions: parsed.operation.variableDefinitions?.filter((d) => usedVariables.has(d.variable.name.value)),
    };
    const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] };
    return {
      responseKey: field.responseKey,
      memberId: targetOf(field, variables),
      query: print(document),
      variables: Object.fromEntries(Object.entries(variables).filter(([name]) => usedVariables.has(name))),
    };
  });
}

function fragmentsUsedBy(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const pending: SelectionSetNode[] = [selectionSet];
  while (pending.length > 0) {
    visit(pending.pop()!, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !used.has(fragment.name.value)) {
          used.set(fragment.name.value, fragment);
          pending.push(fragment.selectionSet);
        }
      },
    });
  }
  return [...used.values()];
}

/** Variables referenced anywhere except in their own definitions. */
export type MutationPartResult = { kind: 'answered'; part: MutationPart; outcome: MemberOutcome } | { kind: 'unknownMember'; part: MutationPart };

/**
 * Builds the mutation's answer from its parts, in order; a part that yielded null ends the run
 * (as GraphQL's serial execution would). A part sent whose answer did not arrive is
 * WRITE_OUTCOME_UNKNOWN, not MEMBER_UNAVAILABLE: it may have been applied.
 */
export function mergeMutationParts(
  results: readonly MutationPartResult[],
  idempotencyKey: string | null = null,
  shardErrors: ShardErrors = memberShardErrors,
): { data: Record<string, unknown> | null; errors: GraphQLFormattedError[] } {
  const data: Record<string, unknown> = {};
  const errors: GraphQLFormattedError[] = [];
  for (const result of results) {
    const { part } = result;
    if (result.kind === 'unknownMember') {
      data[part.responseKey] = null;
      errors.push(shardErrors.unknownTarget(part.memberId, [part.responseKey]));
      continue;
    }
    const { outcome } = result;
    if (!outcome.ok) {
      data[part.responseKey] = null;
      errors.push(
        outcome.mayHaveRun
          ? shardErrors.writeOutcomeUnknown(part.memberId, outcome.reason, [part.responseKey], idempotencyKey)
          : shardErrors.unavailable(part.memberId, outcome.reason, [part.responseKey]),
      );
      continue;
    }
    data[part.responseKey] = outcome.response.data?.[part.responseKey] ?? null;
    for (const error of outcome.response.errors ?? []) errors.push(shardErrors.reported(error, part.memberId ?? '', error.path ? [...error.path] : undefined));
  }
  return { data, errors };
}
