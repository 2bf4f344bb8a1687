import {
  ERRORS,
  Variable,
  isCompositeType,
  isCustomScalarType,
  isListType,
  isNonNullType,
  isObjectType,
  isSubtype,
  isValidLeafValue,
  typenameFieldName,
  type CompositeType,
  type FieldSelection,
  type Operation,
  type OperationElement,
  type OutputType,
  type Schema,
  type SelectionSet,
  type Type,
} from '@apollo/federation-internals';
import type { GraphQLError } from 'graphql';

/**
 * Apollo Gateway's result shaping (`computeResponse` in @apollo/gateway's resultShaping.ts:
 * drop what the plan fetched but the query did not ask for, put fields in query order,
 * complete `__typename`, validate leaves, bubble nulls up) compiled once per operation
 * instead of interpreted per response. Apollo's version walks the federation-internals
 * operation for every object of every answer: it reads the `@skip`/`@include` directives,
 * the field definition and the response name of each selection again, allocates an
 * argument and a result object per value, and looks types up by name. Here those are
 * resolved once into a small tree of plain objects; the walk does the same checks in the
 * same order and produces the same data, the same errors (messages and paths) and the
 * same nulls — `test/execution.test.ts` compares the two on the differential corpus.
 */
export interface ShapedResponse {
  data: Record<string, unknown> | null | undefined;
  errors: GraphQLError[];
}

export type IntrospectionHandler = (selection: FieldSelection) => unknown;

type Condition = (variables: Record<string, unknown>) => boolean;

const enum Kind {
  NonNull,
  List,
  Composite,
  Leaf,
}

interface ShapeType {
  kind: Kind;
  /** The federation-internals type, for error messages (`${type}`) and lookups. */
  type: OutputType;
  of: ShapeType | null;
  /** Whether the field has a sub-selection (Apollo's `!selectionSet`); the same at every level of one field's type. */
  hasSelection: boolean;
  set: ShapeSet | null;
  /** Composite: `__typename` value → the API schema's composite type of that name, or null when it has none. */
  byTypename: Map<string, CompositeType | null> | null;
  /** Leaf: true when every value is valid (a custom scalar). */
  anyValue: boolean;
}

const enum SelectionKind {
  Field,
  Typename,
  Introspection,
  Fragment,
}

interface ShapeSelection {
  kind: SelectionKind;
  skip: Condition | null;
  responseName: string;
  type: ShapeType | null;
  /** Introspection: handed to the introspection handler. */
  field: FieldSelection | null;
  /** Fragment. */
  typeCondition: CompositeType | undefined;
  set: ShapeSet | null;
  appliesToTypename: Map<string, boolean> | null;
}

type ShapeSet = ShapeSelection[];

export interface CompiledShaper {
  shape(input: Record<string, unknown> | null | undefined, variables: Record<string, unknown> | undefined, introspection: IntrospectionHandler): ShapedResponse;
}

interface Walk {
  schema: Schema;
  variables: Record<string, unknown>;
  errors: GraphQLError[];
  introspection: IntrospectionHandler;
  /** Set by `update` before it returns (Apollo returns them in a fresh object per value). */
  isInvalid: boolean;
  hasErrors: boolean;
}

const OK = 0;
const NULL_BUBBLE_UP = 1;

/** Compiles `operation` (built on the API schema) into a shaper for its answers. */
export function compileResponseShaper(operation: Operation): CompiledShaper {
  const schema = operation.schema();
  const compiler = new ShaperCompiler(schema);
  const rootSet = compiler.set(operation.selectionSet);
  const rootType = schema.schemaDefinition.rootType(operation.rootKind)!;
  const defaulted = operation.collectDefaultedVariableValues();
  return {
    shape(input, variables, introspection) {
      if (!input) return { data: input, errors: [] };
      const walk: Walk = {
        schema,
        variables: { __proto__: null, ...defaulted, ...variables } as Record<string, unknown>,
        errors: [],
        introspection,
        isInvalid: false,
        hasErrors: false,
      };
      const data = Object.create(null) as Record<string, unknown>;
      const result = applySet(walk, input, rootSet, data, [], rootType);
      return { data: result === NULL_BUBBLE_UP ? null : data, errors: walk.errors };
    },
  };
}

class ShaperCompiler {
  constructor(private readonly schema: Schema) {}

  set(selectionSet: SelectionSet): ShapeSet {
    return selectionSet.selections().map((selection): ShapeSelection => {
      const skip = this.condition(selection.element);
      if (selection.kind === 'FieldSelection') {
        const field = selection.element;
        const responseName = field.responseName();
        if (field.definition.isSchemaIntrospectionField())
          return {
            kind: SelectionKind.Introspection,
            skip,
            responseName,
            type: null,
            field: selection,
            typeCondition: undefined,
            set: null,
            appliesToTypename: null,
          };
        if (field.name === typenameFieldName)
          return { kind: SelectionKind.Typename, skip, responseName, type: null, field: null, typeCondition: undefined, set: null, appliesToTypename: null };
        return {
          kind: SelectionKind.Field,
          skip,
          responseName,
          type: this.type(field.definition.type!, selection.selectionSet),
          field: null,
          typeCondition: undefined,
          set: null,
          appliesToTypename: null,
        };
      }
      return {
        kind: SelectionKind.Fragment,
        skip,
        responseName: '',
        type: null,
        field: null,
        typeCondition: selection.element.typeCondition,
        set: this.set(selection.selectionSet),
        appliesToTypename: new Map(),
      };
    });
  }

  private type(type: OutputType, selectionSet: SelectionSet | undefined): ShapeType {
    const hasSelection = selectionSet !== undefined;
    const base = { type, hasSelection, of: null, set: null, byTypename: null, anyValue: false };
    if (isNonNullType(type)) return { ...base, kind: Kind.NonNull, of: this.type(type.ofType, selectionSet) };
    if (isListType(type)) return { ...base, kind: Kind.List, of: this.type(type.ofType, selectionSet) };
    if (isCompositeType(type)) {
      if (!selectionSet) throw new Error(`Invalid empty selection set for composite type ${String(type)}`);
      return { ...base, kind: Kind.Composite, set: this.set(selectionSet), byTypename: new Map() };
    }
    return { ...base, kind: Kind.Leaf, anyValue: isCustomScalarType(type) };
  }

  /** `@skip(if:)` / `@include(if:)` of one selection, as Apollo's `shouldSkip` reads them; null when it has neither. */
  private condition(element: OperationElement): Condition | null {
    const skip = element.appliedDirectivesOf(this.schema.skipDirective())[0];
    const include = element.appliedDirectivesOf(this.schema.includeDirective())[0];
    if (!skip && !include) return null;
    const ifOf = (directive: typeof skip) => {
      const value = (directive!.arguments() as { if: boolean | Variable }).if;
      if (value instanceof Variable) {
        const name = value.name;
        return (variables: Record<string, unknown>) => {
          const given = variables[name];
          if (given === undefined || typeof given !== 'boolean')
            throw new Error(`Unexpected ${String(given)} for variable ${String(value)} of ${String(directive)}`);
          return given;
        };
      }
      return () => value;
    };
    const skipIf = skip ? ifOf(skip) : null;
    const includeIf = include ? ifOf(include) : null;
    return (variables) => (skipIf !== null && skipIf(variables)) || (includeIf !== null && !includeIf(variables));
  }
}

function getOwn(object: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

function applySet(
  walk: Walk,
  input: Record<string, unknown>,
  set: ShapeSet,
  output: Record<string, unknown>,
  path: Array<string | number>,
  parentType: CompositeType,
): number {
  for (const selection of set) {
    if (selection.skip !== null && selection.skip(walk.variables)) continue;
    switch (selection.kind) {
      case SelectionKind.Introspection: {
        if (output[selection.responseName] === undefined) output[selection.responseName] = walk.introspection(selection.field!);
        break;
      }
      case SelectionKind.Typename: {
        const responseName = selection.responseName;
        if (output[responseName] !== undefined) break;
        let inputValue = getOwn(input, responseName) ?? null;
        if (inputValue === null && responseName !== typenameFieldName) inputValue = input[typenameFieldName] ?? null;
        const type = inputValue !== null && typeof inputValue === 'string' ? (walk.schema.type(inputValue) ?? parentType) : parentType;
        if (!isObjectType(type)) return NULL_BUBBLE_UP;
        output[responseName] = type.name;
        break;
      }
      case SelectionKind.Field: {
        const responseName = selection.responseName;
        path.push(responseName);
        const updated = update(walk, output[responseName], selection.type!, getOwn(input, responseName) ?? null, path, parentType);
        output[responseName] = updated;
        path.pop();
        if (walk.isInvalid) return NULL_BUBBLE_UP;
        break;
      }
      case SelectionKind.Fragment: {
        const typename = input[typenameFieldName];
        if (typename && typeof typename !== 'string') throw new Error(`Got unexpected value for __typename: ${String(typename)}`);
        if (fragmentApplies(walk.schema, selection, typename as string | undefined, parentType)) {
          const result = applySet(walk, input, selection.set!, output, path, selection.typeCondition ?? parentType);
          if (result === NULL_BUBBLE_UP) return NULL_BUBBLE_UP;
        }
        break;
      }
    }
  }
  return OK;
}

function fragmentApplies(schema: Schema, selection: ShapeSelection, typename: string | undefined, parentType: CompositeType): boolean {
  const condition = selection.typeCondition;
  if (!condition) return true;
  if (!typename) return isSubtype(condition, parentType);
  let applies = selection.appliesToTypename!.get(typename);
  if (applies === undefined) {
    const type = schema.type(typename);
    applies = !!type && isSubtype(condition, type);
    selection.appliesToTypename!.set(typename, applies);
  }
  return applies;
}

function describeLast(path: Array<string | number>, currentType: Type, parentType: CompositeType): string {
  const element = path[path.length - 1];
  return typeof element === 'string' ? `field ${String(parentType)}.${element}` : `array element of type ${String(currentType)} at index ${element}`;
}

function done(walk: Walk, value: unknown, isInvalid: boolean, hasErrors: boolean): unknown {
  walk.isInvalid = isInvalid;
  walk.hasErrors = hasErrors;
  return value;
}

/** Apollo's `updateOutputValue`; its `{ updated, isInvalid, hasErrors }` result is the return value plus `walk.isInvalid/hasErrors`. */
function update(walk: Walk, outputValue: unknown, shape: ShapeType, inputValue: unknown, path: Array<string | number>, parentType: CompositeType): unknown {
  if (outputValue === null || (outputValue !== undefined && !shape.hasSelection)) return done(walk, outputValue, false, false);

  switch (shape.kind) {
    case Kind.NonNull: {
      const updated = update(walk, outputValue, shape.of!, inputValue, path, parentType);
      if (updated === null) {
        if (!walk.hasErrors)
          walk.errors.push(
            ERRORS.INVALID_GRAPHQL.err(`Cannot return null for non-nullable ${describeLast(path, shape.of!.type, parentType)}.`, { path: Array.from(path) }),
          );
        return done(walk, updated, true, true);
      }
      return done(walk, updated, false, false);
    }
    case Kind.List: {
      if (inputValue === null) return done(walk, null, false, false);
      if (!Array.isArray(inputValue)) throw new Error(`Invalid non-list value ${String(inputValue)} returned by subgraph for list type ${String(shape.type)}`);
      if (outputValue !== undefined && !Array.isArray(outputValue))
        throw new Error(`Invalid non-list value ${String(outputValue)} returned by subgraph for list type ${String(shape.type)}`);
      const previous = outputValue as unknown[] | undefined;
      const length = previous === undefined ? inputValue.length : previous.length;
      if (inputValue.length !== length)
        throw new Error(`[${String(inputValue)}].length (${inputValue.length}) !== [${String(previous ?? [])}].length (${length})`);
      const element = shape.of!;
      const updated = new Array<unknown>(length);
      let shouldNullify = false;
      let hasErrors = false;
      for (let index = 0; index < length; index++) {
        path.push(index);
        updated[index] = update(walk, previous === undefined ? undefined : previous[index], element, inputValue[index], path, parentType);
        path.pop();
        shouldNullify ||= walk.isInvalid;
        hasErrors ||= walk.hasErrors;
      }
      return done(walk, shouldNullify ? null : updated, false, hasErrors);
    }
    case Kind.Composite: {
      if (inputValue === null) return done(walk, null, false, false);
      if (typeof inputValue !== 'object')
        throw new Error(`Invalid non-object value ${String(inputValue)} returned by subgraph for composite type ${String(shape.type)}`);
      if (outputValue !== undefined && typeof outputValue !== 'object')
        throw new Error(`Invalid non-object value ${String(inputValue)} returned by subgraph for composite type ${String(shape.type)}`);
      const object = inputValue as Record<string, unknown>;
      const inputTypename = object[typenameFieldName];
      if (inputTypename !== undefined && typeof inputTypename !== 'string')
        throw new Error(`Invalid non-string value ${String(inputTypename)} for __typename at ${String(path)}`);
      let objectType = shape.type as CompositeType;
      if (inputTypename) {
        let typenameType = shape.byTypename!.get(inputTypename);
        if (typenameType === undefined) {
          const found = walk.schema.type(inputTypename);
          typenameType = found && isCompositeType(found) ? found : null;
          shape.byTypename!.set(inputTypename, typenameType);
        }
        if (typenameType === null) {
          walk.errors.push(
            ERRORS.INVALID_GRAPHQL.err(`Invalid __typename found for object at ${describeLast(path, shape.type, parentType)}.`, { path: Array.from(path) }),
          );
          return done(walk, null, false, true);
        }
        objectType = typenameType;
      }
      const output = (outputValue === undefined ? Object.create(null) : outputValue) as Record<string, unknown>;
      const bubbled = applySet(walk, object, shape.set!, output, path, objectType) === NULL_BUBBLE_UP;
      return done(walk, bubbled ? null : output, false, bubbled);
    }
    case Kind.Leaf: {
      if (inputValue === null) return done(walk, null, false, false);
      if (outputValue !== undefined) throw new Error(`Excepted output to be undefined but got ${String(shape.type)} for type ${String(shape.type)}`);
      const valid = shape.anyValue || isValidLeafValue(walk.schema, inputValue, shape.type as Parameters<typeof isValidLeafValue>[2]);
      if (!valid)
        walk.errors.push(ERRORS.INVALID_GRAPHQL.err(`Invalid value found for ${describeLast(path, shape.type, parentType)}.`, { path: Array.from(path) }));
      return done(walk, valid ? inputValue : null, false, !valid);
    }
  }
}
