import { buildSchema, type GraphQLSchema } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { BadUserInputError } from '../src/errors.ts';
import { silentLogger } from '../src/logger.ts';
import { createServiceApp, type ServiceApp } from '../src/server.ts';
import { CLUSTER_AUDIENCE, ServiceTokenVerifier } from '../src/trust.ts';
import { createTestSigningKeys } from '../src/testing.ts';

// What a subgraph's errors tell a client: the code, the field and the message; internal
// details (messages of unexpected errors, stack traces) only when errors are exposed.

const schema: GraphQLSchema = buildSchema('type Query { bad: Int broken: Int }');
const fields = schema.getQueryType()!.getFields();
fields['bad']!.resolve = () => {
  throw new BadUserInputError('input.quantity', 'must be greater than 0');
};
fields['broken']!.resolve = () => {
  throw new Error('connection to 10.0.0.7 refused');
};

const keys = await createTestSigningKeys();
const verifier = await ServiceTokenVerifier.create({ file: keys.publicKeyFile }, { audience: CLUSTER_AUDIENCE });
// Single-use: one per request.
const token = () => keys.signer.sign({ viewer: null, purpose: 'MONITORING', system: true }, CLUSTER_AUDIENCE);
const apps: ServiceApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.stop();
});

async function ask(exposeErrors: boolean, query: string) {
  // As the demo runs it: no NODE_ENV (Apollo hides stack traces by itself only under production or test).
  const nodeEnv = process.env['NODE_ENV'];
  delete process.env['NODE_ENV'];
  const app = createServiceApp({
    name: 'errors-test',
    schema,
    logger: silentLogger,
    verifier,
    exposeErrors,
    createContext: () => ({}),
  });
  apps.push(app);
  const { url } = await app.start(0);
  if (nodeEnv !== undefined) process.env['NODE_ENV'] = nodeEnv;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await token()}` },
    body: JSON.stringify({ query }),
  });
  return ((await res.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> }).errors[0]!;
}

describe('service errors', () => {
  it('give code, field and message without a stack trace, and hide unexpected errors', async () => {
    const bad = await ask(false, '{ bad }');
    expect(bad.message).toBe('input.quantity: must be greater than 0');
    expect(bad.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.quantity' });
    expect(bad.extensions).not.toHaveProperty('stacktrace');
    const broken = await ask(false, '{ broken }');
    expect(broken).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(broken.extensions).not.toHaveProperty('stacktrace');
  });

  it('show the details when errors are exposed (development)', async () => {
    const broken = await ask(true, '{ broken }');
    expect(broken.message).toBe('connection to 10.0.0.7 refused');
    expect(broken.extensions['stacktrace']).toEqual(expect.arrayContaining([expect.stringContaining('connection to 10.0.0.7 refused')]));
  });
});
