import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  createServiceApp,
  memberAudience,
  openDatabase,
  ServiceTokenVerifier,
  type DatabaseHandle,
  type Logger,
  type MountableServiceApp,
} from '@clustergraph/runtime';
import { memberSdl } from '@clustergraph/schema';
import type { MemberConfig } from './config.ts';
import type { MemberContext } from './context.ts';
import { memberSchema, type MemberSchema } from './db/schema.ts';
import { createMemberAccess } from './sovereignty/access.ts';
import { PolicyChanges } from './sovereignty/policyChanges.ts';
import { PolicyCache } from './sovereignty/policyCache.ts';
import { guardResolvers } from './sovereignty/fieldGuard.ts';
import { loadActivePolicies, seedDefaultPolicies, seedPolicies } from './sovereignty/policyStore.ts';
import { UsageLedger } from './sovereignty/usageLedger.ts';
import { mountLedgerCsvRoute } from './sovereignty/ledgerRoute.ts';
import { memberResolvers } from './resolvers/index.ts';
import { parseDemoMemberProfile } from './seed/profile.ts';
import { seedDemoData } from './seed/seedDemoData.ts';
import { LineEventService } from './events/lineEventService.ts';
import { MqttLineEventSource, redacted } from './mqtt/mqttLineEventSource.ts';
import { loadOpcuaMapping } from './opcua/mapping.ts';
import { OpcuaLineEventSource } from './opcua/opcuaLineEventSource.ts';
import { LineSimulator } from './simulator/lineSimulator.ts';
import { CapacityGuard } from './capacity/conflicts.ts';
import { idempotentWritesPlugin } from './idempotency/idempotentWrites.ts';
import { memberObservability, registerMemberMetrics } from './observability.ts';
import { createMemberLoaders } from './data/loaders.ts';
import { TransferState } from './portability/transferState.ts';
import type { WatchedKind } from './host/firmWatch.ts';
import { movingGuardPlugin } from './portability/movingGuard.ts';
import { mountMemberCheckRoute } from './portability/memberCheckRoute.ts';

export const MEMBER_MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

export interface MemberApp extends MountableServiceApp {
  memberId: string;
  /** The open database (tests read and write it directly); closed by stop(). */
  database: DatabaseHandle<MemberSchema>;
  /** Live line status: ingest, statuses, subscriber streams (tests inspect it). */
  lineEvents: LineEventService;
  /** SERVING, MOVING or MOVED (portability/transferState.ts). */
  transfer: TransferState;
}

/** The member subgraph's GraphQL schema: the standard's SDL with this package's resolvers. */
export function createMemberSchema() {
  // The generated Resolvers type is stricter than @apollo/subgraph's resolver map; the shapes agree.
  // Every field of a data category is wrapped in the owner's sharing policies (sovereignty/fieldGuard.ts).
  return buildSubgraphSchema([{ typeDefs: parse(memberSdl), resolvers: guardResolvers(memberResolvers) as never }]);
}

/** How the member host (host/) runs a firm's app inside its own process. */
export interface MemberEmbedding {
  /** The firm's database, already open and migrated (its own schema or PGlite folder); closed by stop(). */
  database: DatabaseHandle<MemberSchema>;
  /** One schema for every firm of the host (it holds no state of its own). */
  schema: GraphQLSchema;
  /**
   * The host's poller of many firms' fingerprints (PostgreSQL: one statement per round for all
   * open firms, host/firmWatch.ts): the policy and transfer safety-net polls register with it
   * instead of each running a timer and a statement of its own. Absent: they poll themselves.
   */
  watch?(kind: WatchedKind, check: () => void): () => void;
}

/**
 * Builds (does not start) the subgraph for one firm: opens its database and applies the
 * migrations, seeds the demo profile into an empty database, and wires the service app.
 * With `embedding` (the member host) the database comes open, and the process-wide metrics
 * are left to the host (one firm's counters would otherwise be summed under another's).
 */
export async function createMemberApp(config: MemberConfig, logger: Logger, embedding?: MemberEmbedding): Promise<MemberApp> {
  // Read the profile and the key before opening the database: a bad file fails fast and leaves nothing open.
  const profile = config.seedProfile ? parseDemoMemberProfile(JSON.parse(readFileSync(config.seedProfile, 'utf8'))) : null;
  // The OPC UA mapping too (shape, node ids, states); its lines and nodes are checked when the source starts.
  const opcuaMapping = config.opcua ? await loadOpcuaMapping(config.opcua.mappingFile) : null;
  // Only tokens the gateway signed for this firm's audience, each once (lib/runtime/src/trust.ts).
  const verifier = await ServiceTokenVerifier.create(config.gatewayKey, { audience: memberAudience(config.memberId) });
  const database =
    embedding?.database ??
    (await openDatabase({
      url: config.databaseUrl,
      dataDir: config.dataDir,
      schema: memberSchema,
      migrationsFolder: MEMBER_MIGRATIONS_FOLDER,
      logger,
    }));
  // Before anything writes: a server in a move (or a copy deleted after one) seeds nothing and refuses what it must.
  const watch = embedding?.watch;
  const transfer = new TransferState({
    db: database.db,
    memberId: config.memberId,
    listen: database.listen,
    notify: database.notify,
    logger,
    ...(watch ? { pollWith: (refresh: () => void) => watch('transfer', refresh) } : {}),
  });
  try {
    await transfer.start();
    const serving = transfer.current.state === 'SERVING';
    if (!serving) logger.warn({ state: transfer.current.state, since: transfer.current.since }, 'this server is in a move: no seeding, no simulator');
    if (profile && serving) {
      const result = await seedDemoData(database.db, profile, new Date());
      logger.info({ ...result, profile: config.seedProfile }, result.seeded ? 'seeded demo data' : 'database has data; demo seed skipped');
    }
    // The cluster's default sharing policies, once, at first start; then the demo firm's own grants.
    if (serving && (await seedDefaultPolicies(database.db))) logger.info('seeded default sharing policies');
    if (serving && profile?.policies.length) await seedPolicies(database.db, profile.policies, 'demo-seed');
    const ledger = new UsageLedger(database.db, logger);

    // Line events: LISTEN for other replicas' commits and load the line statuses before serving.
    const lineEvents = new LineEventService({ memberId: config.memberId, db: database.db, listen: database.listen, logger });
    await lineEvents.start();
    const policyChanges = new PolicyChanges({
      db: database.db,
      listen: database.listen,
      notify: database.notify,
      memberId: config.memberId,
      logger,
      ...(watch ? { pollWith: (check: () => void) => watch('policies', check) } : {}),
    });
    await policyChanges.start();
    // Subscribed before any subscription's watcher, so a change drops the cache before they decide again.
    const policies = new PolicyCache(() => loadActivePolicies(database.db), policyChanges);
    const mqtt = config.mqtt ? new MqttLineEventSource({ ...config.mqtt, memberId: config.memberId, service: lineEvents, logger }) : null;
    const opcua = config.opcua && opcuaMapping ? new OpcuaLineEventSource({ config: config.opcua, mapping: opcuaMapping, service: lineEvents, logger }) : null;
    const capacityGuard = new CapacityGuard({ db: database.db, logger, lineDownAfterMs: config.lineDownConflictMs, checkMs: config.lineDownCheckMs });
    const simulator = config.simulator && serving ? new LineSimulator({ memberId: config.memberId, service: lineEvents, logger, ...config.simulator }) : null;
    const unregisterMetrics = embedding ? () => {} : registerMemberMetrics(lineEvents, ledger);
    const schema = embedding?.schema ?? createMemberSchema();
    const service = createServiceApp<MemberContext>({
      name: `member ${config.memberId}`,
      schema,
      logger,
      verifier,
      exposeErrors: config.exposeErrors,
      limits: config.limits,
      maxBodyBytes: config.maxBodyBytes,
      subscriptions: true,
      createContext: (auth, request) => ({
        memberId: config.memberId,
        db: database.db,
        auth,
        access: createMemberAccess({
          ownerId: config.memberId,
          auth,
          operationName: request.operationName,
          loadPolicies: () => policies.get(),
          ledger,
        }),
        ledger,
        logger,
        lineEvents,
        policyChanges,
        capacityGuard,
        writeBounds: config.writeBounds,
        loaders: createMemberLoaders(database.db),
        idempotencyKey: request.idempotencyKey ?? null,
        portability: { transfer, exportMaxBytes: config.exportMaxBytes },
      }),
      // The move's refusals first: a refused write claims no Idempotency-Key.
      plugins: [movingGuardPlugin(transfer, config.memberId), idempotentWritesPlugin({ db: database.db, logger, ttlMs: config.idempotencyTtlMs })],
      health: () => ({
        lineEvents: { ...lineEvents.health(), policyWatchers: policyChanges.listenerCount },
        ...(mqtt && config.mqtt ? { mqtt: { url: redacted(config.mqtt.url), ...mqtt.health() } } : {}),
        ...(opcua ? { opcua: opcua.health() } : {}),
        ...(simulator ? { simulator: { running: true, ...lineEvents.counters.bySource.simulator } } : {}),
      }),
      observability: memberObservability(config, database.db),
      configure: (app) => {
        mountLedgerCsvRoute(app, { memberId: config.memberId, verifier, db: database.db, ledger });
        // What the cluster registry checks before it routes the firm here (approval, a move's switch).
        mountMemberCheckRoute(app, { memberId: config.memberId, db: database.db, schema, logger });
      },
      // Reads answered while draining are still written: the ledger flushes before the database closes.
      onStop: async () => {
        unregisterMetrics();
        await capacityGuard.stop();
        await lineEvents.stop();
        await policyChanges.stop();
        await transfer.stop();
        policies.stop();
        await ledger.stop();
        await database.close();
      },
    });
    return {
      ...service,
      memberId: config.memberId,
      database,
      lineEvents,
      transfer,
      async mount() {
        const mounted = await service.mount();
        capacityGuard.start();
        return mounted;
      },
      async start(port, host) {
        await simulator?.start();
        // Before listening: a mapping that names an unknown line or a node the server lacks fails the start.
        try {
          await opcua?.start();
        } catch (error) {
          logger.fatal({ err: error }, (error as Error).message);
          await opcua?.stop();
          await simulator?.stop();
          await service.stop();
          throw error;
        }
        const address = await service.start(port, host);
        mqtt?.start();
        capacityGuard.start();
        return address;
      },
      async stop() {
        // Sources first, so nothing new arrives while sockets drain and the ingestor flushes.
        await simulator?.stop();
        await mqtt?.stop();
        await opcua?.stop();
        await service.stop();
      },
    };
  } catch (error) {
    await transfer.stop();
    await database.close();
    throw error;
  }
}
