import { buildSchema, type GraphQLSchema } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEADLINE_HEADER } from '../src/limits/deadline.ts';
import { silentLogger } from '../src/logger.ts';
import { createServiceApp, type ServiceApp } from '../src/server.ts';
import { ServiceTokenVerifier, memberAudience } from '../src/trust.ts';
import { createTestSigningKeys } from '../src/testing.ts';

// A subgraph enforces depth and cost itself (the gateway in front may be another version),
// and stops work whose caller's deadline has passed.

let slowCalls = 0;
const schema: GraphQLSchema = buildSchema(
  'type Query { node: Node nodes(limit: Int): [Node] } type Subscription { ticks: Node } type Node { id: ID slow: Node child: Node children: [Node] }',
);
const queryFields = schema.getQueryType()!.getFields();
queryFields['node']!.resolve = () => ({ id: 'n' });
queryFields['nodes']!.resolve = () => [{ id: 'n' }];
const nodeFields = (schema.getType('Node') as import('graphql').GraphQLObjectType).getFields();
nodeFields['slow']!.resolve = async () => {
  slowCalls++;
  await new Promise((r) => setTimeout(r, 300));
  return { id: 's' };
};
nodeFields['child']!.resolve = () => ({ id: 'c' });
nodeFields['children']!.resolve = () => [{ id: 'c' }];

const keys = await createTestSigningKeys();
const verifier = await ServiceTokenVerifier.create({ file: keys.publicKeyFile }, { audience: memberAudience('limits') });
// Single-use, bound to this service, like the gateway's: one per request or socket.
const token = () =>
  keys.signer.sign(
    { viewer: { userId: 'planner@limits', memberId: 'limits', roles: ['planner'], memberRoles: [] }, purpose: 'MONITORING', system: false },
    memberAudience('limits'),
  );
let app: ServiceApp;
let url: string;

beforeAll(async () => {
  app = createServiceApp({ name: 'limits-test', schema, logger: silentLogger, verifier, subscriptions: true, createContext: () => ({}) });
  ({ url } = await app.start(0));
});
afterAll(async () => {
  await app?.stop();
});

async function ask(query: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await token()}`, ...headers },
    body: JSON.stringify({ query }),
  });
  return {
    status: res.status,
    ...((await res.json()) as { data?: any; errors?: Array<{ message: string; path?: unknown[]; extensions: Record<string, unknown> }> }),
  };
}

describe('a subgraph’s own limits', () => {
  it('refuses an operation nested deeper than its limit', async () => {
    const deep = `{ node { ${'child { '.repeat(20)}id${' }'.repeat(20)} } }`;
    const result = await ask(deep);
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'DEPTH_LIMIT_EXCEEDED', limit: 15 });
  });

  it('refuses an operation whose list-aware cost is too high', async () => {
    const result = await ask('{ nodes(limit: 1000) { children { children { children { id } } } } }');
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED' });
    const fine = await ask('{ nodes(limit: 10) { children { id } } }');
    expect(fine.errors).toBeUndefined();
  });

  it('refuses a request that arrives past its deadline, before anything runs', async () => {
    const before = slowCalls;
    const result = await ask('{ node { slow { id } } }', { [DEADLINE_HEADER]: String(Date.now() - 10) });
    expect(result.status).toBe(504);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'DEADLINE_EXCEEDED' });
    expect(slowCalls).toBe(before);
  });

  it('stops between resolver levels once the deadline passes', async () => {
    const before = slowCalls;
    const result = await ask('{ node { slow { slow { slow { id } } } } }', { [DEADLINE_HEADER]: String(Date.now() + 150) });
    // The first level ran (300 ms, past the deadline); nothing below it started.
    expect(slowCalls - before).toBe(1);
    expect(result.errors?.[0]).toMatchObject({ path: ['node', 'slow', 'slow'], extensions: { code: 'DEADLINE_EXCEEDED' } });
  });

  it('answers as usual within the deadline', async () => {
    const result = await ask('{ node { slow { id } } }', { [DEADLINE_HEADER]: String(Date.now() + 5000) });
    expect(result).toMatchObject({ status: 200, data: { node: { slow: { id: 's' } } } });
  });

  it('applies the same limits to graphql-ws subscriptions', async () => {
    const client = createClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: async () => ({ authorization: `Bearer ${await token()}` }),
    });
    try {
      const errors = await new Promise<unknown>((resolve, reject) => {
        client.subscribe(
          { query: `subscription { ticks { ${'child { '.repeat(20)}id${' }'.repeat(20)} } }` },
          { next: () => reject(new Error('ran')), error: resolve, complete: () => reject(new Error('completed')) },
        );
      });
      expect(errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'DEPTH_LIMIT_EXCEEDED' }) })]);
    } finally {
      await client.dispose();
    }
  });
});
