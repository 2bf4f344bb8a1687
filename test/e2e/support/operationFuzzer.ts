import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLInterfaceType,
  type GraphQLSchema,
  type GraphQLUnionType,
} from 'graphql';

// Random GraphQL operations from the API schema (graphql-js types), drawn with fast-check's
// `fc.gen()` so that a fixed seed replays the same run. Valid operations use real field
// names, argument types and variables; invalid ones break one thing each (an unknown field,
// a variable of the wrong type, an undeclared variable, a cut-off document, garbage).

/** Draws a value from an arbitrary (fast-check's `fc.gen()` generator, narrowed). */
export type Draw = <T>(arbitrary: fc.Arbitrary<T>) => T;

export function drawFrom(g: fc.GeneratorValue): Draw {
  return (arbitrary) => g(() => arbitrary);
}

export interface FuzzWorld {
  memberIds: string[];
  lineIds: string[];
  /** Mondays (YYYY-MM-DD) near today: dates that mean something to the cluster. */
  mondays: string[];
}

export interface FuzzRequest {
  /** What is POSTed as the JSON body (or a raw string for garbage bodies). */
  body: Record<string, unknown> | string;
  kind: string;
  operationName: string | null;
  /** True for operations that ask for data only (the sovereignty check follows their errors). */
  readOnly: boolean;
}

type Composite = GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType;

const MAX_DEPTH = 3;
const MAX_FIELDS = 3;

/** Mutations the fuzzer may send: writes that add or change a firm's test data, never ones that delete it or move the registry. */
export const FUZZED_MUTATIONS = [
  'setCapacity',
  'reportProduction',
  'upsertLine',
  'setSmartFactoryLevel',
  'grantSharing',
  'reportLineEvents',
  'setSelfAssessment',
  'acknowledgeAnomaly',
  'respondToAllocation',
  'reportAllocationProgress',
  'createJointOrder',
] as const;

export class OperationFuzzer {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly world: FuzzWorld,
  ) {}

  /** A query: valid, or with one deliberate mistake. */
  query(draw: Draw, operationName: string): FuzzRequest {
    const mistake = draw(
      fc.constantFrom(
        'none',
        'none',
        'none',
        'none',
        'none',
        'none',
        'none',
        'none',
        'none',
        'none',
        'wrongVariableType',
        'unknownField',
        'undeclaredVariable',
        'wrongLiteral',
        'truncated',
        'unknownOperationName',
        'subscriptionOverHttp',
      ),
    );
    if (mistake === 'subscriptionOverHttp') {
      const built = this.operation(draw, 'subscription', this.schema.getSubscriptionType()!, operationName, false);
      return { body: built, kind: mistake, operationName, readOnly: true };
    }
    const built = this.operation(draw, 'query', this.schema.getQueryType()!, operationName, mistake === 'wrongVariableType' || mistake === 'wrongLiteral');
    let query = built.query as string;
    switch (mistake) {
      case 'unknownField':
        query = query.replace(/\{ /, `{ ${draw(fc.constantFrom('password', 'secret', '__schemaX', 'internalNotes', 'memberEndpoint'))} `);
        break;
      case 'undeclaredVariable':
        query = query.replace(/\)? \{/, (m) => `${m.startsWith(')') ? ')' : ''} { member(id: $undeclared) { id } `);
        break;
      case 'truncated':
        query = query.slice(0, draw(fc.integer({ min: 1, max: Math.max(1, query.length - 1) })));
        break;
      case 'unknownOperationName':
        return { body: { ...built, query, operationName: 'NoSuchOperation' }, kind: mistake, operationName, readOnly: true };
      default:
        break;
    }
    return { body: { ...built, query }, kind: mistake, operationName, readOnly: true };
  }

  /** A subscription for graphql-ws: valid, or with one deliberate mistake. */
  subscription(draw: Draw, operationName: string): { query: string; variables: Record<string, unknown>; operationName: string; kind: string } {
    const mistake = draw(fc.constantFrom('none', 'none', 'none', 'none', 'wrongVariableType', 'wrongLiteral', 'unknownField', 'truncated', 'query'));
    if (mistake === 'query') return { ...this.operation(draw, 'query', this.schema.getQueryType()!, operationName, false), kind: mistake };
    const built = this.operation(
      draw,
      'subscription',
      this.schema.getSubscriptionType()!,
      operationName,
      mistake === 'wrongVariableType' || mistake === 'wrongLiteral',
    );
    let query = built.query;
    if (mistake === 'unknownField') query = query.replace(/\{ (\w+)/, '{ $1 { nope } ');
    if (mistake === 'truncated') query = query.slice(0, draw(fc.integer({ min: 1, max: Math.max(1, query.length - 1) })));
    return { ...built, query, kind: mistake };
  }

  /** A mutation of one fuzzed field (valid shape; argument values may be out of any sane range). */
  mutation(draw: Draw, operationName: string, field: (typeof FUZZED_MUTATIONS)[number], memberId: string): FuzzRequest {
    const mutationType = this.schema.getMutationType()!;
    const definition = mutationType.getFields()[field]!;
    const variables: Record<string, unknown> = {};
    const declarations: string[] = [];
    const args = definition.args
      .filter((arg) => isNonNullType(arg.type) || draw(fc.boolean()))
      .map((arg) => {
        if (arg.name === 'memberId') return `memberId: ${JSON.stringify(memberId)}`;
        const name = `v${declarations.length}`;
        declarations.push(`$${name}: ${String(arg.type)}`);
        variables[name] = this.inputValue(draw, arg.type, 0, false);
        return `${arg.name}: $${name}`;
      });
    const selection = this.selectionSet(draw, getNamedType(definition.type), 1, { declarations, variables, wrong: false });
    const query = `mutation ${operationName}${declarations.length ? `(${declarations.join(', ')})` : ''} { ${field}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
    return { body: { query, variables, operationName }, kind: `mutation:${field}`, operationName, readOnly: false };
  }

  /** Something that is not a GraphQL request at all. */
  garbage(draw: Draw): FuzzRequest {
    const body = draw(
      fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.constantFrom(
          '{',
          '[]',
          'null',
          '{"query": 5}',
          '{"query": ["{ cluster { id } }"]}',
          '{"query": "{ cluster { id } }", "variables": "x"}',
          '{"query": "{ cluster { name } }", "extensions": {"persistedQuery": {"version": 2, "sha256Hash": "x"}}}',
          '{"operationName": {}}',
          '{"query": "query ($a: Int) { cluster { name } }", "variables": {"a": {"b": 1}}}',
        ),
        fc.json({ maxDepth: 3 }),
        fc.string({ maxLength: 80 }).map((s) => JSON.stringify({ query: s })),
        fc.string({ maxLength: 60 }).map((s) => JSON.stringify({ query: `{ member(id: ${JSON.stringify(s)}) { id name } }` })),
      ),
    );
    return { body, kind: 'garbage', operationName: null, readOnly: true };
  }

  private operation(
    draw: Draw,
    keyword: 'query' | 'subscription',
    root: GraphQLObjectType,
    operationName: string,
    wrong: boolean,
  ): { query: string; variables: Record<string, unknown>; operationName: string } {
    const context = { declarations: [] as string[], variables: {} as Record<string, unknown>, wrong };
    const fields = Object.values(root.getFields());
    const chosen = draw(fc.shuffledSubarray(fields, { minLength: 1, maxLength: Math.min(fields.length, keyword === 'subscription' ? 1 : 2) }));
    const selections = chosen.map((field) => this.field(draw, field, 1, context));
    const query = `${keyword} ${operationName}${context.declarations.length ? `(${context.declarations.join(', ')})` : ''} { ${selections.join(' ')} }`;
    return { query, variables: context.variables, operationName };
  }

  private field(draw: Draw, field: GraphQLField<unknown, unknown>, depth: number, context: VariableContext): string {
    const alias = draw(fc.integer({ min: 0, max: 9 })) === 0 ? `a${draw(fc.integer({ min: 0, max: 99 }))}: ` : '';
    const args = field.args
      .filter((arg) => isNonNullType(arg.type) || draw(fc.integer({ min: 0, max: 2 })) === 0)
      .map((arg) => `${arg.name}: ${this.argument(draw, arg, context)}`);
    const named = getNamedType(field.type);
    const selection = isLeafType(named) ? '' : this.selectionSet(draw, named, depth + 1, context);
    return `${alias}${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection}`;
  }

  private selectionSet(draw: Draw, type: GraphQLNamedType, depth: number, context: VariableContext): string {
    if (isUnionType(type)) {
      const members = draw(fc.shuffledSubarray([...type.getTypes()], { minLength: 1, maxLength: Math.min(2, type.getTypes().length) }));
      return ` { __typename ${members.map((m) => `... on ${m.name}${this.selectionSet(draw, m, depth, context)}`).join(' ')} }`;
    }
    const composite = type as Composite & GraphQLObjectType;
    const fields = Object.values(composite.getFields());
    const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)));
    // At the depth limit only leaves (or __typename) keep the query cheap enough for thousands of runs.
    const candidates = depth >= MAX_DEPTH ? leaves : fields;
    const chosen = candidates.length ? draw(fc.shuffledSubarray(candidates, { minLength: 1, maxLength: Math.min(MAX_FIELDS, candidates.length) })) : [];
    const parts = chosen.map((f) => this.field(draw, f, depth, context));
    if (parts.length === 0 || draw(fc.integer({ min: 0, max: 5 })) === 0) parts.push('__typename');
    return ` { ${parts.join(' ')} }`;
  }

  /** An argument as a literal or, half the time, a variable (of the wrong type when `context.wrong`). */
  private argument(draw: Draw, arg: GraphQLArgument, context: VariableContext): string {
    const useVariable = draw(fc.boolean());
    if (useVariable) {
      const name = `v${context.declarations.length}`;
      context.declarations.push(`$${name}: ${String(arg.type)}`);
      context.variables[name] = this.inputValue(draw, arg.type, 0, context.wrong && draw(fc.boolean()));
      return `$${name}`;
    }
    return literal(this.inputValue(draw, arg.type, 0, false), arg.type, context.wrong && draw(fc.integer({ min: 0, max: 2 })) === 0);
  }

  /** A JSON value for an input type; `wrong` draws a value of another type. */
  inputValue(draw: Draw, type: GraphQLInputType, depth: number, wrong: boolean): unknown {
    if (wrong)
      return draw(
        fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constant(null), fc.constant({ nested: true }), fc.array(fc.boolean(), { maxLength: 2 })),
      );
    if (isNonNullType(type)) return this.inputValue(draw, type.ofType, depth, false);
    if (isListType(type)) {
      const length = draw(fc.integer({ min: 0, max: 3 }));
      return Array.from({ length }, () => this.inputValue(draw, type.ofType, depth + 1, false));
    }
    if (isEnumType(type)) return draw(fc.constantFrom(...type.getValues().map((v) => v.name)));
    if (isInputObjectType(type)) {
      const value: Record<string, unknown> = {};
      for (const field of Object.values(type.getFields())) {
        if (isNonNullType(field.type) || (depth < 2 && draw(fc.boolean()))) value[field.name] = this.inputValue(draw, field.type, depth + 1, false);
      }
      return value;
    }
    if (isScalarType(type)) return this.scalar(draw, type.name);
    return null;
  }

  private scalar(draw: Draw, name: string): unknown {
    const { memberIds, lineIds, mondays } = this.world;
    switch (name) {
      case 'ID':
        return draw(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...memberIds, ...lineIds) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }));
      case 'String':
        return draw(
          fc.oneof(
            fc.string({ maxLength: 24 }),
            fc.constantFrom('', 'ok', '<script>alert(1)</script>', "'; DROP TABLE lines; --", '../../etc/passwd', '=HYPERLINK("x")'),
          ),
        );
      case 'Int':
        return draw(
          fc.oneof(
            { weight: 6, arbitrary: fc.integer({ min: -3, max: 200 }) },
            { weight: 1, arbitrary: fc.constantFrom(0, -1, 2_147_483_647, -2_147_483_648) },
          ),
        );
      case 'Float':
        return draw(
          fc.oneof(
            { weight: 6, arbitrary: fc.double({ min: -10, max: 500, noNaN: true }) },
            { weight: 1, arbitrary: fc.constantFrom(0, -1, 1e308, -1e308, 5e-324) },
          ),
        );
      case 'Boolean':
        return draw(fc.boolean());
      case 'Date':
        return draw(
          fc.oneof(
            { weight: 6, arbitrary: fc.constantFrom(...mondays) },
            { weight: 1, arbitrary: fc.constantFrom('1900-01-01', '2026-02-30', 'next week', '2026-13-01', '') },
          ),
        );
      case 'DateTime':
        return draw(
          fc.oneof(
            {
              weight: 6,
              arbitrary: fc.tuple(fc.constantFrom(...mondays), fc.constantFrom('00:00:00Z', '06:30:00Z', '23:59:59.999Z')).map(([d, t]) => `${d}T${t}`),
            },
            { weight: 1, arbitrary: fc.constantFrom('yesterday', '2026-01-01T25:00:00Z', '0000-01-01T00:00:00Z', '') },
          ),
        );
      default:
        return draw(fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean()));
    }
  }
}

interface VariableContext {
  declarations: string[];
  variables: Record<string, unknown>;
  wrong: boolean;
}

/** A value as a GraphQL literal; `wrong` writes it as a string whatever its type. */
function literal(value: unknown, type: GraphQLInputType, wrong: boolean): string {
  if (wrong) return JSON.stringify(String(value));
  if (value === null || value === undefined) return 'null';
  const named = getNamedType(type);
  if (isEnumType(named) && typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const item = isNonNullType(type) ? type.ofType : type;
    return `[${value.map((v) => literal(v, isListType(item) ? item.ofType : item, false)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const fields = isInputObjectType(named) ? named.getFields() : {};
    return `{ ${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${literal(v, fields[k]?.type ?? named, false)}`)
      .join(', ')} }`;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '0';
  return JSON.stringify(value);
}
