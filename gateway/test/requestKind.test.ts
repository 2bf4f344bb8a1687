import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { INCOMING_OPERATION, isIncomingOperation } from '../src/requestKind.ts';

// The enum's value lives in a module @apollo/gateway does not re-export; read it from there.
const { GraphQLDataSourceRequestKind } = createRequire(import.meta.url)('@apollo/gateway/dist/datasources/types.js') as {
  GraphQLDataSourceRequestKind: Record<'INCOMING_OPERATION' | 'HEALTH_CHECK' | 'LOADING_SCHEMA', string>;
};

const request = (kind: string) => ({ kind, request: { query: '{ __typename }' }, context: {} }) as unknown as GraphQLDataSourceProcessOptions;

describe('request kinds', () => {
  it("match Apollo's GraphQLDataSourceRequestKind", () => {
    expect(INCOMING_OPERATION).toBe(GraphQLDataSourceRequestKind.INCOMING_OPERATION);
  });

  it('tells a client operation from a health check and schema loading by kind alone', () => {
    expect(isIncomingOperation(request(GraphQLDataSourceRequestKind.INCOMING_OPERATION))).toBe(true);
    expect(isIncomingOperation(request(GraphQLDataSourceRequestKind.HEALTH_CHECK))).toBe(false);
    expect(isIncomingOperation(request(GraphQLDataSourceRequestKind.LOADING_SCHEMA))).toBe(false);
  });
});
