import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import {
  Supergraph,
  isCompositeType,
  isEnumType,
  isListType,
  isNonNullType,
  operationFromDocument,
  type CompositeType,
  type Operation,
  type OutputType,
  type SelectionSet,
} from '@apollo/federation-internals';
import { computeResponse } from '@apollo/gateway/dist/resultShaping.js';
import { loadSupergraphSdl } from '@clustergraph/schema';
import { mulberry32 } from '@clustergraph/runtime/random';
import { compileResponseShaper } from '../src/execution/responseShaper.ts';

// The compiled shaper must answer exactly as Apollo Gateway's `computeResponse`: the same data
// (with the same key order), the same errors (message, path, code), the same exceptions.
// Inputs are generated from each operation with a seeded generator that also breaks the rules
// a subgraph may break: nulls in non-null fields, missing fields, wrong leaf values, unknown
// and abstract `__typename`s, extra fields the query did not ask for.

const apiSchema = Supergraph.build(loadSupergraphSdl()).apiSchema();

const OPERATIONS: Array<{ name: string; query: string; variables?: Record<string, unknown> }> = [
  {
    name: 'the overview, with fragments and aliases',
    query: `query Overview($from: Date!, $to: Date!) {
      cluster { name }
      members { id name roles status ...Lines capacityNow: capacity(from: $from, to: $to) { weekStart process availableHours } }
    }
    fragment Lines on Member { lines { id name processes status { state since } } lines { id ratedUnitsPerHour } }`,
    variables: { from: '2026-12-01', to: '2026-12-31' },
  },
  {
    name: '@skip and @include with variables and literals',
    query: `query Cond($withLines: Boolean!, $skipName: Boolean = false) {
      members { __typename kind: __typename id name @skip(if: $skipName) region @include(if: false) lines @include(if: $withLines) { id name } }
      member(id: "m") { id name @skip(if: true) }
    }`,
    variables: { withLines: true },
  },
  {
    name: 'nested entities and enums',
    query: `{ lines { memberId id name processes status { state } member { id name status roles lines { id member { id } } } } }`,
  },
  {
    name: 'inline fragments on the same type and a repeated field',
    query: `{ member(id: "x") { ... on Member { id name lines { id } } ... { lines { name } } id smartFactoryLevel } }`,
  },
];

function generate(operation: Operation, next: () => number): Record<string, unknown> {
  const leaf = (type: OutputType): unknown => {
    const roll = next();
    if (roll < 0.06) return 42.5; // wrong for Int, ID, String…
    if (roll < 0.1) return 'not-a-value';
    if (roll < 0.12) return true;
    if (isEnumType(type)) return type.values[Math.floor(next() * type.values.length)]!.name;
    switch ((type as { name: string }).name) {
      case 'Int':
        return Math.floor(next() * 100);
      case 'Float':
        return next() * 10;
      case 'Boolean':
        return next() < 0.5;
      default:
        return `v${Math.floor(next() * 1000)}`;
    }
  };
  const value = (type: OutputType, selectionSet: SelectionSet | undefined, existing: unknown): unknown => {
    if (existing === null) return null;
    const roll = next();
    if (existing === undefined && roll < 0.05) return null;
    const bare = isNonNullType(type) ? type.ofType : type;
    if (isListType(bare)) {
      const list = Array.isArray(existing) ? existing : Array.from({ length: Math.floor(next() * 4) }, () => undefined);
      return list.map((element) => value(bare.ofType, selectionSet, element));
    }
    if (isCompositeType(bare)) {
      const object = (existing ?? {}) as Record<string, unknown>;
      if (existing === undefined) {
        const typename = next();
        if (typename < 0.05) object['__typename'] = 'NoSuchType';
        else if (typename < 0.08) object['__typename'] = 'Query';
        else if (typename < 0.5) object['__typename'] = bare.name;
        if (next() < 0.2) object['extra'] = 'not asked for';
      }
      fill(object, selectionSet!, bare);
      return object;
    }
    return existing !== undefined ? existing : leaf(bare);
  };
  const fill = (object: Record<string, unknown>, selectionSet: SelectionSet, parentType: CompositeType) => {
    for (const selection of selectionSet.selections()) {
      if (selection.kind === 'FieldSelection') {
        const name = selection.element.responseName();
        if (name === '__typename' || selection.element.name === '__typename') continue;
        if (object[name] === undefined && next() < 0.04) continue; // missing
        object[name] = value(selection.element.definition.type!, selection.selectionSet, object[name]);
      } else {
        fill(object, selection.selectionSet, selection.element.typeCondition ?? parentType);
      }
    }
  };
  const root = {};
  fill(root, operation.selectionSet, apiSchema.schemaDefinition.rootType('query')!);
  return root;
}

function outcome(run: () => { data: unknown; errors: ReadonlyArray<{ message: string; path?: unknown; extensions?: unknown }> }) {
  try {
    const { data, errors } = run();
    return { data: JSON.stringify(data), errors: errors.map((e) => ({ message: e.message, path: e.path, code: (e.extensions as { code?: unknown })?.code })) };
  } catch (error) {
    return { thrown: (error as Error).message };
  }
}

describe('compiled result shaping', () => {
  for (const { name, query, variables } of OPERATIONS) {
    it(`answers as Apollo's computeResponse: ${name}`, () => {
      const operation = operationFromDocument(apiSchema, parse(query), { validate: false });
      const shaper = compileResponseShaper(operation);
      const introspection = () => ({ introspected: true });
      let withErrors = 0;
      for (let seed = 1; seed <= 300; seed++) {
        const input = generate(operation, mulberry32(seed)); // seeded: a failure names the seed to replay
        const apollo = outcome(() => computeResponse({ operation, variables, input, introspectionHandling: introspection }));
        const ours = outcome(() => shaper.shape(input, variables, introspection));
        expect(ours, `seed ${seed}`).toEqual(apollo);
        if (apollo.errors && apollo.errors.length > 0) withErrors++;
      }
      // The generator must exercise the error paths, not only well-formed answers.
      expect(withErrors).toBeGreaterThan(20);
    });
  }

  it('treats a missing answer as Apollo does', () => {
    const operation = operationFromDocument(apiSchema, parse('{ cluster { name } }'), { validate: false });
    expect(compileResponseShaper(operation).shape(null, {}, () => null)).toEqual({ data: null, errors: [] });
  });
});
