import { memberAudience, silentLogger } from '@clustergraph/runtime';
import { createTestDatabase, createTestSigningKeys, type TestDatabase } from '@clustergraph/runtime/testing';
import { createMemberApp, type MemberApp } from '../src/app.ts';
import { loadMemberConfig } from '../src/config.ts';

export interface GraphQLResponse {
  status: number;
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>;
}

export interface RunningMember {
  memberId: string;
  app: MemberApp;
  url: string;
  testDatabase: TestDatabase;
  /** POSTs a GraphQL operation with a gateway-signed token (or none with `{ token: null }`). */
  gql(query: string, variables?: Record<string, unknown>, options?: { token?: string | null; headers?: Record<string, string> }): Promise<GraphQLResponse>;
  /** A gateway-signed token for another user of this (or another) firm. */
  tokenFor(viewer: { userId: string; memberId: string; roles: string[]; memberRoles?: string[] }): Promise<string>;
  /** Stops the app; `drop` also removes the database. */
  stop(options?: { drop?: boolean }): Promise<void>;
  /** Restarts the same member on the same database (data must survive). */
  restart(): Promise<RunningMember>;
}

/** Starts a real member subgraph on port 0 over its own test database, as the gateway would call it. */
export async function startMember(
  label: string,
  options: { memberId?: string; driver?: 'postgres' | 'pglite'; seedProfile?: string; testDatabase?: TestDatabase } = {},
): Promise<RunningMember> {
  const memberId = options.memberId ?? 'acme';
  const testDatabase = options.testDatabase ?? (await createTestDatabase(label, options.driver));
  const keys = await createTestSigningKeys();
  const config = loadMemberConfig({
    MEMBER_ID: memberId,
    DATABASE_URL: testDatabase.url,
    DATA_DIR: testDatabase.dataDir,
    GATEWAY_PUBLIC_JWK_FILE: keys.publicKeyFile,
    SEED_PROFILE: options.seedProfile,
    EXPOSE_ERRORS: 'true',
  });
  const app = await createMemberApp(config, silentLogger);
  const { url } = await app.start(0);
  // Gateway tokens are single-use at the subgraph: a fresh one per request, as the gateway does.
  const mint = () =>
    keys.signer.sign(
      { viewer: { userId: `planner@${memberId}`, memberId, roles: ['planner'], memberRoles: ['PARTNER'] }, purpose: 'JOINT_PLANNING', system: false },
      memberAudience(memberId),
    );
  const running: RunningMember = {
    memberId,
    app,
    url,
    testDatabase,
    async gql(query, variables = {}, requestOptions = {}) {
      const bearer = requestOptions.token === undefined ? await mint() : requestOptions.token;
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...requestOptions.headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    // Single-use like the gateway's: one per request.
    tokenFor: (viewer) =>
      keys.signer.sign({ viewer: { memberRoles: ['PARTNER'], ...viewer }, purpose: 'JOINT_PLANNING', system: false }, memberAudience(memberId)),
    async stop({ drop = true } = {}) {
      await app.stop();
      if (drop) await testDatabase.drop();
    },
    async restart() {
      await app.stop();
      return startMember(label, { ...options, memberId, testDatabase });
    },
  };
  return running;
}

/** The data of a response that must have no errors. */
export function dataOf(response: GraphQLResponse): Record<string, any> {
  if (response.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(response.errors, null, 2)}`);
  return response.data!;
}

/** The single BAD_USER_INPUT error of a response, for asserting on its field. */
export function badInput(response: GraphQLResponse): { field: string; message: string; problems: Array<{ field: string }> } {
  const error = response.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(response.data)}`);
  if (error.extensions?.['code'] !== 'BAD_USER_INPUT') throw new Error(`expected BAD_USER_INPUT, got ${JSON.stringify(error)}`);
  return { field: error.extensions['field'], message: error.message, problems: error.extensions['problems'] ?? [] };
}
