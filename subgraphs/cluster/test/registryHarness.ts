import type { GraphQLFormattedError } from 'graphql';
import { CLUSTER_AUDIENCE, silentLogger, type ForwardedAuth } from '@clustergraph/runtime';
import { createTestDatabase, createTestSigningKeys, type TestDatabase } from '@clustergraph/runtime/testing';
import { createClusterApp, loadClusterConfig, type ClusterApp } from '../src/index.ts';

/** The callers the registry tells apart. Tokens are signed per request: they live 60 s. */
export const CALLERS = {
  leaderAdmin: { viewer: { userId: 'admin@lead', memberId: 'lead', roles: ['admin'], memberRoles: ['LEADER'] }, purpose: 'MONITORING', system: false },
  leaderPlanner: { viewer: { userId: 'planner@lead', memberId: 'lead', roles: ['planner'], memberRoles: ['LEADER'] }, purpose: 'MONITORING', system: false },
  partnerAdmin: { viewer: { userId: 'admin@cast', memberId: 'cast', roles: ['admin'], memberRoles: ['PARTNER'] }, purpose: 'MONITORING', system: false },
  /** A user of cast who is not its admin. */
  partnerPlanner: { viewer: { userId: 'planner@cast', memberId: 'cast', roles: ['planner'], memberRoles: ['PARTNER'] }, purpose: 'MONITORING', system: false },
  /** Another firm's admin. */
  heatAdmin: { viewer: { userId: 'admin@heat', memberId: 'heat', roles: ['admin'], memberRoles: ['PARTNER'] }, purpose: 'MONITORING', system: false },
  /** An applicant sign-in naming cast (an applicant's roles, whatever else its token claims, are never a member's). */
  applicantForCast: {
    viewer: { userId: 'applicant@cast', memberId: 'cast', roles: ['applicant', 'admin'], memberRoles: [] },
    purpose: 'MONITORING',
    system: false,
  },
  /** An applicant for `newco` (the gateway's applicant sign-in): the one role `applicant`, no cluster role. */
  applicant: { viewer: { userId: 'applicant@newco', memberId: 'newco', roles: ['applicant'], memberRoles: [] }, purpose: 'MONITORING', system: false },
  /** An applicant for the leader's own id (the gateway refuses such a sign-in; the subgraph must not rely on it). */
  applicantForLead: { viewer: { userId: 'applicant@lead', memberId: 'lead', roles: ['applicant'], memberRoles: [] }, purpose: 'MONITORING', system: false },
  anonymous: { viewer: null, purpose: 'MONITORING', system: false },
  gateway: { viewer: null, purpose: 'MONITORING', system: true },
} satisfies Record<string, ForwardedAuth>;
export type Caller = keyof typeof CALLERS;

export interface GraphQLAnswer {
  status: number;
  data?: Record<string, any> | null;
  errors?: GraphQLFormattedError[];
}

export interface RunningRegistry {
  url: string;
  app: ClusterApp;
  /** POSTs like the gateway does; `as: null` sends no token at all. */
  post(query: string, variables?: Record<string, unknown>, as?: Caller | null): Promise<GraphQLAnswer>;
  stop(): Promise<void>;
}

export interface RegistryOptions {
  database: TestDatabase;
  seedMembersFile?: string;
  /** More environment, e.g. MEMBER_HOST_URL. */
  env?: Record<string, string>;
}

const signingKeys = createTestSigningKeys();

/** Database for one test file (real PostgreSQL when reachable, PGlite otherwise). */
export const createRegistryDatabase = (label: string, driver?: 'postgres' | 'pglite') => createTestDatabase(`cluster-${label}`, driver);

/** Starts the real cluster subgraph on port 0, configured through the same env parsing as main.ts. */
export async function startRegistry(options: RegistryOptions): Promise<RunningRegistry> {
  const { signer, publicKeyFile } = await signingKeys;
  const env: Record<string, string> = {
    PORT: '0',
    DATA_DIR: options.database.dataDir,
    GATEWAY_PUBLIC_JWK_FILE: publicKeyFile,
    CLUSTER_ID: 'test-cluster',
    CLUSTER_NAME: 'Test EV Parts Cluster',
    CLUSTER_REGION: 'Busan',
    CLUSTER_INDUSTRY: 'EV parts',
    LEADER_ID: 'lead',
    EXPOSE_ERRORS: 'true',
    ...(options.database.url ? { DATABASE_URL: options.database.url } : {}),
    ...(options.seedMembersFile ? { SEED_MEMBERS_FILE: options.seedMembersFile } : {}),
    ...options.env,
  };
  const config = loadClusterConfig(env);
  const app = await createClusterApp(config, silentLogger);
  const { url } = await app.start(config.port, config.host);
  return {
    url,
    app,
    async post(query, variables = {}, as = 'anonymous') {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (as) headers['authorization'] = `Bearer ${await signer.sign(CALLERS[as], CLUSTER_AUDIENCE)}`;
      const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return { status: res.status, ...((await res.json()) as object) };
    },
    stop: () => app.stop(),
  };
}

/** The data of an answer that must have succeeded; fails with the errors otherwise. */
export function dataOf(answer: GraphQLAnswer): Record<string, any> {
  if (answer.errors?.length || !answer.data) throw new Error(`unexpected errors: ${JSON.stringify(answer.errors ?? answer)}`);
  return answer.data;
}

export const REGISTER = `mutation Register($input: RegisterMemberInput!) {
  registerMember(input: $input) { id name roles requestedRoles status region joinedAt statusReason hosting appliedProcesses endpoint }
}`;
