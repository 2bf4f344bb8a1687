import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { clusterSdl } from '@clustergraph/schema';
import {
  CLUSTER_AUDIENCE,
  createServiceApp,
  openDatabase,
  ServiceTokenVerifier,
  type DatabaseHandle,
  type Logger,
  type ServiceApp,
} from '@clustergraph/runtime';
import type { ClusterConfig } from './config.ts';
import type { ClusterContext } from './context.ts';
import { clusterSchema, type ClusterSchema, type MemberRow } from './db/schema.ts';
import { BatchLoader } from './registry/batchLoader.ts';
import { MemberApprovals } from './registry/memberApprovals.ts';
import { MemberHostClient } from './registry/memberHostClient.ts';
import { MemberMoves } from './registry/memberMoves.ts';
import { MemberServerCheck } from './registry/memberServerCheck.ts';
import { MemberRegistry } from './registry/memberRegistry.ts';
import { REGISTRY_CHANGED_CHANNEL, RegistrySnapshot, SnapshotRegistry, registrySnapshotPlugin } from './registry/registrySnapshot.ts';
import { readSeedMembers } from './registry/seedMembers.ts';
import { resolvers } from './resolvers/index.ts';
import { GatewayClient } from './planning/gatewayClient.ts';
import { todayIso } from './planning/orderInput.ts';
import { PlanningService } from './planning/planningService.ts';
import { PlanningStore } from './planning/planningStore.ts';
import { readSeedOrders } from './planning/seedOrders.ts';
import { ServiceIdentity } from './planning/serviceIdentity.ts';
import { ProgrammeStore } from './programmes/programmeStore.ts';
import { clusterObservability } from './observability.ts';

const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

export interface ClusterApp extends ServiceApp {
  /** The registry's database, open from creation until stop(); tests inspect it directly. */
  readonly database: DatabaseHandle<ClusterSchema>;
  readonly planning: PlanningService;
}

/**
 * Builds the cluster subgraph: opens (and migrates) its database, seeds an empty registry,
 * and returns the service ready to start. `main.ts` and the tests start the very same thing.
 */
export async function createClusterApp(config: ClusterConfig, logger: Logger): Promise<ClusterApp> {
  // Read the seed and the key before opening the database, so a bad file fails fast and leaves nothing open.
  const seed = config.seedMembersFile ? readSeedMembers(config.seedMembersFile, config.profile.leaderId) : [];
  // Only tokens the gateway signed for the cluster's audience, each once (lib/runtime/src/trust.ts).
  const verifier = await ServiceTokenVerifier.create(config.gatewayKey, { audience: CLUSTER_AUDIENCE });
  const seedOrders = config.planning.seedOrdersFile ? readSeedOrders(config.planning.seedOrdersFile, todayIso()) : [];
  // The planner's identity towards the gateway (the leader, purpose JOINT_PLANNING); see planning/serviceIdentity.ts.
  const identity = config.profile.leaderId ? await ServiceIdentity.load(config.planning.serviceKeyFile, config.profile.leaderId) : null;
  const database = await openDatabase({
    url: config.database.url,
    dataDir: config.database.dataDir,
    schema: clusterSchema,
    migrationsFolder: MIGRATIONS_FOLDER,
    logger,
  });
  const registry = new MemberRegistry(database.db);
  // The member host trusts the cluster's service key, which exists only with a leader (LEADER_ID).
  const memberHost = config.memberHostUrl && identity ? new MemberHostClient(config.memberHostUrl, () => identity.hostAdminToken(), logger) : null;
  if (config.memberHostUrl && !identity) logger.warn('MEMBER_HOST_URL is set but LEADER_ID is not: HOSTED applications cannot be provisioned');
  const approvals = new MemberApprovals(registry, memberHost, logger);
  const servers = new MemberServerCheck();
  const moves = new MemberMoves(registry, servers, memberHost, logger);
  const planning = new PlanningService({
    store: new PlanningStore(database.db),
    gateway: identity && config.planning.gatewayUrl ? new GatewayClient(config.planning.gatewayUrl, identity) : null,
    logger,
    reconcileMs: config.planning.reconcileMs,
    solverDebug: config.planning.solverDebug,
    ...(config.planning.clockStart ? { now: runningFrom(config.planning.clockStart) } : {}),
  });
  if (!config.planning.gatewayUrl || !identity)
    logger.warn('planning is unavailable: set GATEWAY_URL (and LEADER_ID) so the planner can read capacity through the gateway');
  try {
    const seeded = await registry.seedIfEmpty(seed);
    if (seeded > 0) logger.info({ seeded, file: config.seedMembersFile }, 'registry seeded');
    else if ((await registry.fillLocalNames(seed)) > 0) logger.info({ file: config.seedMembersFile }, 'local names of seeded members filled in');
    const seededOrders = await planning.seedOrders(seedOrders);
    if (seededOrders > 0) logger.info({ seeded: seededOrders, file: config.planning.seedOrdersFile }, 'joint orders seeded');
  } catch (error) {
    await database.close();
    throw error;
  }

  // The registry's reads from memory (registry/registrySnapshot.ts: dropped by every mutation here, by other replicas' NOTIFY, and after 1 s).
  const snapshot = new RegistrySnapshot(() => registry.list());
  const stopListening = await database
    .listen(REGISTRY_CHANGED_CHANNEL, () => snapshot.invalidate())
    .catch(async (error: unknown) => {
      await database.close();
      throw error;
    });
  const announceRegistryChange = () => database.notify(REGISTRY_CHANGED_CHANNEL, String(process.pid));

  const schema = buildSubgraphSchema([{ typeDefs: parse(clusterSdl), resolvers }]);
  const service = createServiceApp<ClusterContext>({
    name: 'cluster',
    schema,
    logger,
    verifier,
    exposeErrors: config.exposeErrors,
    createContext: (auth) => {
      // The gateway's own calls (routing table, quarantine) and every mutation read the database itself.
      const registryReads = { fresh: auth.system };
      const reads = new SnapshotRegistry(database.db, snapshot, registryReads);
      return {
        auth,
        registry: reads,
        registryReads,
        approvals,
        moves,
        servers,
        profile: config.profile,
        memberById: new BatchLoader<string, MemberRow | null>((ids) => reads.findMany(ids), null),
        logger,
        planning,
        programmes: new ProgrammeStore(database.db),
      };
    },
    plugins: [registrySnapshotPlugin<ClusterContext>(snapshot, announceRegistryChange, logger)],
    observability: clusterObservability(config, database.db as never),
    configure: (app) => identity?.routes(app),
    onStop: async () => {
      await planning.stop();
      await stopListening().catch(() => {});
      await database.close();
    },
  });
  return {
    async start(port, host) {
      const started = await service.start(port, host);
      planning.start();
      return started;
    },
    stop: service.stop,
    database,
    planning,
  };
}

/** A clock that starts at `start` and runs at the system clock's pace (PLANNING_CLOCK). */
function runningFrom(start: Date): () => Date {
  const offset = start.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}
