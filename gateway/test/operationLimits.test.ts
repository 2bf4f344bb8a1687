import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kind, buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { LimitErrorCode, checkOperationLimits, measureOperation } from '@clustergraph/runtime';
import { DEFAULT_GATEWAY_LIMITS, apiCostModel, gatewayOperationLimits } from '../src/limits/operationLimits.ts';

const schema = buildSchema(readFileSync(fileURLToPath(new URL('../../schema/api.graphql', import.meta.url)), 'utf8'));
const limits = gatewayOperationLimits(DEFAULT_GATEWAY_LIMITS);
const operationsDir = fileURLToPath(new URL('../../clients/sdk/src/operations/', import.meta.url));

function operationOf(source: string) {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return { document, operation };
}

/** The 299-byte query of issue 13: members → lines → member → lines … */
export function nestedAttackQuery(): string {
  let inner = 'id';
  for (let i = 0; i < 6; i++) inner = `lines { member { ${inner} } }`;
  return `{ members { ${inner} } }`;
}

describe('operation limits', () => {
  it('keeps every operation of the SDK (console, CLI) under the default limits', () => {
    const sdk = parse(
      readdirSync(operationsDir)
        .filter((f) => f.endsWith('.graphql'))
        .map((f) => readFileSync(operationsDir + f, 'utf8'))
        .join('\n'),
    );
    const operations = sdk.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    expect(operations.length).toBeGreaterThan(10);
    for (const operation of operations) {
      // With the variables the console sends (LiveLines: 50 recent events per line).
      const broken = checkOperationLimits(schema, sdk, operation, { limit: 50 }, limits);
      expect(broken, `${operation.name?.value}: ${broken?.message}`).toBeNull();
    }
  });

  it("keeps the README's example queries under the default limits", () => {
    const examples = [
      '{ members { id name roles lines { id name status { state } } capacity(from: "2026-11-23", to: "2026-12-21") { process weekStart availableHours } } }',
      '{ lines(memberIds: ["daesung-casting", "sejin-heat"], state: DOWN) { memberId name status { since reasonCode } } }',
    ];
    for (const example of examples) {
      const { document, operation } = operationOf(example);
      expect(checkOperationLimits(schema, document, operation, {}, limits)).toBeNull();
    }
  });

  it('refuses the nested members/lines query by its depth', () => {
    const { document, operation } = operationOf(nestedAttackQuery());
    const error = checkOperationLimits(schema, document, operation, {}, limits);
    expect(error?.extensions['code']).toBe(LimitErrorCode.DEPTH_LIMIT_EXCEEDED);
  });

  it('refuses 1,000 aliases', () => {
    const query = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: lines { id }`).join(' ')} }`;
    const { document, operation } = operationOf(query);
    const error = checkOperationLimits(schema, document, operation, {}, limits);
    expect(error?.extensions['code']).toBe(LimitErrorCode.ALIAS_LIMIT_EXCEEDED);
    expect(error?.extensions).toMatchObject({ limit: DEFAULT_GATEWAY_LIMITS.maxAliases, actual: 1000 });
  });

  it('refuses too many root fields even without aliases', () => {
    const query = `{ ${Array.from({ length: 25 }, () => 'cluster { id }').join(' ')} }`;
    const { document, operation } = operationOf(query);
    expect(checkOperationLimits(schema, document, operation, {}, limits)?.extensions['code']).toBe(LimitErrorCode.ROOT_FIELD_LIMIT_EXCEEDED);
  });

  it('multiplies list fields by their assumed size, and by limit arguments from variables', () => {
    const shallow = operationOf('{ members { lines { id } } }');
    // 50 members × (1 + 10 lines × 1)
    expect(measureOperation(schema, shallow.document, shallow.operation, {}, apiCostModel(10)).cost).toBe(50 * 11);
    const wide = operationOf('query ($n: Int) { lineEvents(limit: $n) { seq } }');
    expect(measureOperation(schema, wide.document, wide.operation, { n: 1000 }, apiCostModel(10)).cost).toBe(1000);
    // Shallow but wide enough to be refused by cost alone.
    // Shallow: 1,000 recent events of every line of every member.
    const costly = operationOf('query Wide { members { lines { recentEvents(limit: 1000) { seq } } } }');
    const error = checkOperationLimits(schema, costly.document, costly.operation, {}, limits);
    expect(error?.extensions['code']).toBe(LimitErrorCode.COST_LIMIT_EXCEEDED);
  });

  it('measures a document once, unless its cost depends on its variables (then every request is measured)', () => {
    // The same parsed document for every request, as Apollo Server's document store hands it out.
    const wide = operationOf('query ($n: Int) { members { lines { recentEvents(limit: $n) { seq } } } }');
    expect(checkOperationLimits(schema, wide.document, wide.operation, { n: 5 }, limits)).toBeNull();
    expect(checkOperationLimits(schema, wide.document, wide.operation, { n: 1000 }, limits)?.extensions['code']).toBe(LimitErrorCode.COST_LIMIT_EXCEEDED);
    expect(checkOperationLimits(schema, wide.document, wide.operation, { n: 5 }, limits)).toBeNull();
    const listed = operationOf('query ($n: Int) { members { lines { recentEvents(limit: [$n]) { seq } } } }');
    expect(checkOperationLimits(schema, listed.document, listed.operation, { n: 5 }, limits)).toBeNull();
    // A fixed document: measured once, the same answer for every request; other limits apply to it as measured.
    const fixed = operationOf('query Wide { members { lines { recentEvents(limit: 1000) { seq } } } }');
    for (let i = 0; i < 3; i++)
      expect(checkOperationLimits(schema, fixed.document, fixed.operation, {}, limits)?.extensions['code']).toBe(LimitErrorCode.COST_LIMIT_EXCEEDED);
    const tighter = { ...limits, maxCost: 1 };
    const small = operationOf('{ members { id } }');
    expect(checkOperationLimits(schema, small.document, small.operation, {}, limits)).toBeNull();
    expect(checkOperationLimits(schema, small.document, small.operation, {}, tighter)?.extensions['code']).toBe(LimitErrorCode.COST_LIMIT_EXCEEDED);
  });

  it('counts fragments and leaves introspection out', () => {
    const { document, operation } = operationOf(
      'query { __schema { types { name fields { name type { name ofType { name ofType { name } } } } } } ...F } fragment F on Query { members { id } }',
    );
    const measure = measureOperation(schema, document, operation, {}, apiCostModel(10));
    expect(measure).toMatchObject({ depth: 2, cost: 50, rootFields: 2 });
  });
});

describe('measuring', () => {
  it('stays linear when fragments spread each other twice, level after level', () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i === levels - 1 ? `fragment F${i} on Query { members { id } }` : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    );
    const { document, operation } = operationOf(`query { ...F0 } ${fragments.join(' ')}`);
    const started = performance.now();
    const error = checkOperationLimits(schema, document, operation, {}, limits);
    expect(performance.now() - started).toBeLessThan(100);
    // 2^39 spreads of `members`: refused by root fields (and cost), not computed one by one.
    expect(error?.extensions['code']).toBe(LimitErrorCode.ROOT_FIELD_LIMIT_EXCEEDED);
  });
});
