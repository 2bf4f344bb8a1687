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
 * Measures an operation before it runs — before validation too, so it takes any document:
 * unknown fields and fragments count nothing, cyclic spreads are not followed (validation
 * refuses them afterwards). Linear in the document's size. Abstract types count every
 * possible selection (an upper bound). Introspection (`__schema`, `__type`) is bounded by
 * graphql-js's own validation and left out.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  model: CostModel,
): OperationMeasure {
  return measureWithDependence(schema, document, operation, variables, model).measure;
}

/**
 * measureOperation, and whether the figures depend on the variables (a list size given by a
 * variable, or the representations of `_entities`): when they do not, they hold for every
 * request of the same document.
 */
export function measureWithDependence(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  model: CostModel,
): { measure: OperationMeasure; dependsOnVariables: boolean } {
  const usage = { variables: false };
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const sizeArguments = model.sizeArguments ?? DEFAULT_SIZE_ARGUMENTS;
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return { measure: { depth: 0, aliases: 0, rootFields: 0, cost: 0 }, dependsOnVariables: false };
  // Each fragment is measured once: spreading one fragment twice in another, level after
  // level, must not make the measurement itself exponential (the figures may be; they are numbers).
  const fragmentMeasures = new Map<string, SetMeasure>();

  const visitSet = (selectionSet: SelectionSetNode, parent: GraphQLNamedType, inProgress: ReadonlySet<string>): SetMeasure => {
    const total: SetMeasure = { cost: 0, depth: 0, aliases: 0, fields: 0 };
    const add = (part: SetMeasure) => {
      total.cost += part.cost;
      total.depth = Math.max(total.depth, part.depth);
      total.aliases += part.aliases;
      total.fields += part.fields;
    };
    for (const selection of selectionSet.selections) {
      switch (selection.kind) {
        case Kind.FIELD:
          add(visitField(selection, parent, inProgress));
          break;
        case Kind.INLINE_FRAGMENT: {
          const typeName = selection.typeCondition?.name.value;
          add(visitSet(selection.selectionSet, typeName ? (schema.getType(typeName) ?? parent) : parent, inProgress));
          break;
        }
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          // Unknown or cyclic spreads are validation errors; they count nothing here.
          if (!fragment || inProgress.has(name)) break;
          let measured = fragmentMeasures.get(name);
          if (!measured) {
            measured = visitSet(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? parent, new Set([...inProgress, name]));
            fragmentMeasures.set(name, measured);
          }
          add(measured);
          break;
        }
        default: {
          const unexpected: never = selection;
          throw new Error(`unexpected selection ${JSON.stringify(unexpected)}`);
        }
      }
    }
    return total;
  };

  const visitField = (node: FieldNode, parent: GraphQLNamedType, inProgress: ReadonlySet<string>): SetMeasure => {
    const name = node.name.value;
    const aliases = node.alias && node.alias.value !== name ? 1 : 0;
    if (name.startsWith('__')) return { cost: 0, depth: 0, aliases, fields: 1 };
    const field: GraphQLField<unknown, unknown> | undefined = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
    const named = field ? getNamedType(field.type) : undefined;
    if (!field || !named || !isCompositeType(named) || !node.selectionSet) return { cost: 0, depth: 1, aliases, fields: 1 };
    const below = visitSet(node.selectionSet, named, inProgress);
    const own = 1 + below.cost;
    const size = isListType(getNullableType(field.type)) ? listSize(`${parent.name}.${name}`, node, variables, sizeArguments, model, usage) : 1;
    return { cost: own * size, depth: below.depth + 1, aliases: aliases + below.aliases, fields: 1 };
  };

  const root = visitSet(operation.selectionSet, rootType, new Set());
  return { measure: { depth: root.depth, aliases: root.aliases, rootFields: root.fields, cost: root.cost }, dependsOnVariables: usage.variables };
}

interface SetMeasure {
  cost: number;
  depth: number;
  aliases: number;
  /** Fields of this selection set itself, fragments expanded. */
  fields: number;
}

function listSize(
  coordinate: string,
  node: FieldNode,
  variables: Readonly<Record<string, unknown>>,
  sizeArguments: readonly string[],
  model: CostModel,
  usage: { variables: boolean },
): number {
  for (const argument of node.arguments ?? []) {
    const counted = sizeArguments.includes(argument.name.value) || argument.name.value === 'representations';
    if (counted && containsVariable(argument.value)) usage.variables = true;
    const value = valueOf(argument.value, variables);
    if (sizeArguments.includes(argument.name.value) && typeof value === 'number' && Number.isFinite(value)) return Math.max(1, value);
    // _entities answers one entity per representation sent.
    if (argument.name.value === 'representations' && Array.isArray(value)) return Math.max(1, value.length);
  }
  return model.listSizes?.[coordinate] ?? model.defaultListSize;
}

function containsVariable(value: ValueNode): boolean {
  if (value.kind === Kind.VARIABLE) return true;
  if (value.kind === Kind.LIST) return value.values.some(containsVariable);
  if (value.kind === Kind.OBJECT) return value.fields.some((field) => containsVariable(field.value));
  return false;
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
