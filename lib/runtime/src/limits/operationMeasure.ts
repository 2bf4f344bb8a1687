import {
  Kind,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/**
 * How list fields count in the cost: a list field multiplies the cost of what it selects by
 * its size — the `first`/`limit`/`last` argument when the operation gives one, the
 * representations sent to `_entities`, otherwise an assumed size (IBM's GraphQL cost spec
 * and Apollo Router's demand control call it `@listSize(assumedSize)`), per `Type.field`
 * or the default.
 */
export interface CostModel {
  defaultListSize: number;
  /** Assumed sizes by `Type.field`, e.g. `{ "Query.members": 50 }`. */
  listSizes?: Readonly<Record<string, number>>;
  /** Arguments whose value bounds the size of the list a field returns. */
  sizeArguments?: readonly string[];
}

export interface OperationMeasure {
  /** Deepest field nesting (a root field is depth 1); introspection is not counted. */
  depth: number;
  /** Fields whose response key differs from their name. */
  aliases: number;
  /** Fields selected on the root type, fragments included. */
  rootFields: number;
  /** Objects the answer may hold: every composite field costs 1, times the sizes of the lists around it. */
  cost: number;
}

const DEFAULT_SIZE_ARGUMENTS = ['first', 'last', 'limit'];

/**
 * Measures an operation before it runs (after validation: fragments exist and do not cycle).
 * Abstract types count every possible selection (an upper bound). Introspection (`__schema`,
 * `__type`) is bounded by graphql-js's own validation and left out.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  model: CostModel,
): OperationMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const sizeArguments = model.sizeArguments ?? DEFAULT_SIZE_ARGUMENTS;
  const measure: OperationMeasure = { depth: 0, aliases: 0, rootFields: 0, cost: 0 };
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return measure;

  /** Visits a selection set; returns its cost (one instance of the parent). */
  const visit = (selectionSet: SelectionSetNode, parent: GraphQLNamedType, depth: number, seen: ReadonlySet<string>): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      switch (selection.kind) {
        case Kind.FIELD:
          cost += visitField(selection, parent, depth, seen);
          break;
        case Kind.INLINE_FRAGMENT: {
          const typeName = selection.typeCondition?.name.value;
          const type = typeName ? (schema.getType(typeName) ?? parent) : parent;
          cost += visit(selection.selectionSet, type, depth, seen);
          break;
        }
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (!fragment || seen.has(name)) break;
          const type = schema.getType(fragment.typeCondition.name.value) ?? parent;
          cost += visit(fragment.selectionSet, type, depth, new Set([...seen, name]));
          break;
        }
        default: {
          const unexpected: never = selection;
          throw new Error(`unexpected selection ${JSON.stringify(unexpected)}`);
        }
      }
    }
    return cost;
  };

  const visitField = (node: FieldNode, parent: GraphQLNamedType, parentDepth: number, seen: ReadonlySet<string>): number => {
    const name = node.name.value;
    if (node.alias && node.alias.value !== name) measure.aliases++;
    if (parentDepth === 0) measure.rootFields++;
    if (name.startsWith('__')) return 0;
    const depth = parentDepth + 1;
    measure.depth = Math.max(measure.depth, depth);
    const field: GraphQLField<unknown, unknown> | undefined = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
    if (!field) return 0;
    const named = getNamedType(field.type);
    if (!isCompositeType(named) || !node.selectionSet) return 0;
    const own = 1 + visit(node.selectionSet, named, depth, seen);
    const nullable = getNullableType(field.type);
    if (!isListType(nullable)) return own;
    return own * listSize(`${parent.name}.${name}`, node, variables, sizeArguments, model);
  };

  measure.cost = visit(operation.selectionSet, rootType, 0, new Set());
  return measure;
}

function listSize(coordinate: string, node: FieldNode, variables: Readonly<Record<string, unknown>>, sizeArguments: readonly string[], model: CostModel): number {
  for (const argument of node.arguments ?? []) {
    const value = valueOf(argument.value, variables);
    if (sizeArguments.includes(argument.name.value) && typeof value === 'number' && Number.isFinite(value)) return Math.max(1, value);
    // _entities answers one entity per representation sent.
    if (argument.name.value === 'representations' && Array.isArray(value)) return Math.max(1, value.length);
  }
  return model.listSizes?.[coordinate] ?? model.defaultListSize;
}

function valueOf(value: ValueNode, variables: Readonly<Record<string, unknown>>): unknown {
  switch (value.kind) {
    case Kind.VARIABLE:
      return variables[value.name.value];
    case Kind.INT:
    case Kind.FLOAT:
      return Number(value.value);
    case Kind.LIST:
      return value.values;
    default:
      return undefined;
  }
}
