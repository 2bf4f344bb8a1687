import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchCluster, type MemberSpec, type RunningCluster, type ClusterSpec } from '@clustergraph/launcher';
import { createTestDatabase, type TestDatabase } from '@clustergraph/runtime/testing';
import { demoToken } from './graphqlClient.ts';
import { testMemberSpecs } from './fixtures.ts';

export interface TestClusterOptions {
  /** Members to start (default: the three standard test members). */
  members?: MemberSpec[];
  /** Force a driver; default: the machine's PostgreSQL when reachable, else PGlite. */
  driver?: 'postgres' | 'pglite';
  gatewayEnv?: Record<string, string>;
  clusterEnv?: Record<string, string>;
  /** Start a member host (issue 18); members marked `hosted: true` are served by it. */
  memberHost?: { env?: Record<string, string> };
}

export interface TestCluster extends RunningCluster {
  rootDir: string;
  driver: 'postgres' | 'pglite';
  token(login: string): Promise<string>;
  /** The database URL a service was started on (undefined on PGlite). */
  databaseUrlOf(service: string): string | undefined;
  /** A database for a member started later in the test. */
  database(service: string): Promise<string | undefined>;
  /** Stops and starts the process serving a member cleanly: its own, or the member host of a hosted one. */
  restartMember(id: string): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Starts a whole cluster for one test file: gateway, cluster subgraph and members as
 * separate processes on ephemeral ports, each service on its own fresh database.
 */
export async function startTestCluster(options: TestClusterOptions = {}): Promise<TestCluster> {
  const rootDir = mkdtempSync(join(tmpdir(), 'cg-e2e-'));
  const databases: TestDatabase[] = [];
  let driver: 'postgres' | 'pglite' = 'pglite';
  const urls = new Map<string, string | undefined>();
  const database = async (service: string) => {
    const db = await createTestDatabase(service, options.driver);
    databases.push(db);
    driver = db.driver;
    urls.set(service, db.url);
    return db.url;
  };
  const spec: ClusterSpec = {
    rootDir,
    cluster: { id: 'test-cluster', name: 'Test EV Parts Cluster', region: 'Busan', industry: 'EV parts', leaderId: 'lead' },
    members: options.members ?? testMemberSpecs(),
    databaseUrl: database,
    demoAuth: true,
    consoleDir: fileURLToPath(new URL('../../clients/web/dist', import.meta.url)),
    logLevel: process.env['CG_TEST_LOG_LEVEL'] ?? 'info',
    gatewayEnv: { ROUTING_REFRESH_MS: '1000', MEMBER_TIMEOUT_MS: '3000', EXPOSE_ERRORS: 'true', ...options.gatewayEnv },
    ...(options.clusterEnv ? { clusterEnv: options.clusterEnv } : {}),
    ...(options.memberHost ? { memberHost: { ...(options.memberHost.env ? { env: options.memberHost.env } : {}) } } : {}),
  };
  let running: RunningCluster;
  try {
    running = await launchCluster(spec);
  } catch (error) {
    await Promise.all(databases.map((d) => d.drop().catch(() => {})));
    throw new Error(`${(error as Error).message} (logs in ${rootDir}/logs)`, { cause: error });
  }
  const tokens = new Map<string, string>();
  return {
    ...running,
    rootDir,
    driver,
    database,
    databaseUrlOf: (service) => urls.get(service),
    async restartMember(id) {
      const proc = running.members.get(id) ?? running.memberHost;
      if (!proc) throw new Error(`no process serves member ${id}`);
      await proc.stop();
      await proc.start();
    },
    async token(login) {
      let token = tokens.get(login);
      if (!token) {
        token = await demoToken(running.gatewayOrigin, login);
        tokens.set(login, token);
      }
      return token;
    },
    async dispose() {
      await running.stop();
      await Promise.all(databases.map((d) => d.drop().catch(() => {})));
      if (!process.env['CG_KEEP_TEST_DIRS']) rmSync(rootDir, { recursive: true, force: true });
    },
  };
}
