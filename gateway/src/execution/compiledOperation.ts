import {
  Kind,
  OperationTypeNode,
  executeSync,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from 'graphql';
import { operationFromDocument, type FieldSelection, type Operation, type Schema } from '@apollo/federation-internals';
import type { QueryPlan } from '@apollo/query-planner';
import { compileResponseShaper, type CompiledShaper } from './responseShaper.ts';

/** What one client document costs once instead of per request: its plan, its federation-internals operation, its compiled shaper. */
export interface CompiledOperation {
  readonly operation: Operation;
  readonly definition: OperationDefinitionNode;
  readonly plan: QueryPlan;
  readonly shaper: CompiledShaper;
  /** The answer to a `__schema`/`__type` selection, as Apollo's gateway computes it. */
  introspect(field: FieldSelection, variables: Record<string, unknown> | undefined): unknown;
}

/**
 * Compiles an operation of an already validated client document: the operation built as
 * @apollo/gateway's `executeQueryPlan` builds it for every request (definition plus fragments,
 * not validated again), and its shaper.
 */
export function compileOperation(
  apiSchema: Schema,
  apiGraphQLSchema: GraphQLSchema,
  definition: OperationDefinitionNode,
  fragments: readonly FragmentDefinitionNode[],
  plan: QueryPlan,
): CompiledOperation {
  const operation = operationFromDocument(apiSchema, { kind: Kind.DOCUMENT, definitions: [definition, ...fragments] }, { validate: false });
  return {
    operation,
    definition,
    plan,
    shaper: compileResponseShaper(operation),
    introspect: (field, variables) => introspect(apiGraphQLSchema, field.expandFragments().toSelectionNode(), definition.variableDefinitions, variables),
  };
}

function introspect(
  schema: GraphQLSchema,
  selection: FieldNode,
  variableDefinitions: readonly VariableDefinitionNode[] | undefined,
  variableValues: Record<string, unknown> | undefined,
): unknown {
  const used = new Set<string>();
  visit(selection, { Variable: ({ name }) => void used.add(name.value) });
  const definitions = variableDefinitions?.filter((definition) => used.has(definition.variable.name.value));
  if (used.size !== (definitions?.length ?? 0)) throw new Error(`Should have found all used variables ${[...used].join(',')} in definitions`);
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: OperationTypeNode.QUERY,
        ...(definitions ? { variableDefinitions: definitions } : {}),
        selectionSet: { kind: Kind.SELECTION_SET, selections: [selection] },
      },
    ],
  };
  const { data, errors } = executeSync({ schema, document, rootValue: {}, variableValues: variableValues ?? null });
  if ((errors && errors.length > 0) || !data) throw new Error(`Introspection query for ${selection.name.value} should not have failed`);
  const key = selection.alias?.value ?? selection.name.value;
  return Object.prototype.hasOwnProperty.call(data, key) ? data[key] : undefined;
}
