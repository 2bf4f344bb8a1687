import {
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** A root field of the operation the query planner sent, by the key it has in the response. */
export interface RootField {
  responseKey: string;
  fieldName: string;
  node: FieldNode;
}

export interface ParsedOperation {
  operation: OperationDefinitionNode;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  rootFields: RootField[];
}

/** How the router treats an operation: entity fetch, root query fan-in, or per-member mutations. */
export type OperationShape = 'entities' | 'rootQuery' | 'mutation' | 'subscription';

export function parseOperation(document: DocumentNode, operationName: string | null | undefined): ParsedOperation {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation || (!operationName && operations.length > 1)) throw new Error(`cannot pick the operation ${operationName ?? '(unnamed)'} in the document`);
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  return { operation, fragments, rootFields: collectRootFields(operation.selectionSet, fragments) };
}

export function operationShape(parsed: ParsedOperation): OperationShape {
  switch (parsed.operation.operation) {
    case OperationTypeNode.QUERY:
      return parsed.rootFields.some((field) => field.fieldName === '_entities') ? 'entities' : 'rootQuery';
    case OperationTypeNode.MUTATION:
      return 'mutation';
    case OperationTypeNode.SUBSCRIPTION:
      return 'subscription';
    default: {
      const unexpected: never = parsed.operation.operation;
      throw new Error(`unexpected operation type ${String(unexpected)}`);
    }
  }
}

/** Root fields in order, through inline fragments and fragment spreads; first occurrence of a response key wins. */
function collectRootFields(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, seen = new Set<string>()): RootField[] {
  const fields: RootField[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const responseKey = selection.alias?.value ?? selection.name.value;
      if (seen.has(responseKey)) continue;
      seen.add(responseKey);
      fields.push({ responseKey, fieldName: selection.name.value, node: selection });
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      fields.push(...collectRootFields(selection.selectionSet, fragments, seen));
    } else {
      const fragment = fragments.get(selection.name.value);
      if (fragment) fields.push(...collectRootFields(fragment.selectionSet, fragments, seen));
    }
  }
  return fields;
}
