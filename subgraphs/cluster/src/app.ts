import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { clusterSdl } from '@clustergraph/schema';
import { createServiceApp, openDatabase, ServiceTokenVerifier, type DatabaseHandle, type Logger, type ServiceApp } from '@clustergraph/runtime';
import type { ClusterConfig } from './config.ts';
import type { ClusterContext } from './context.ts';
import { clusterSchema, type ClusterSchema, type MemberRow } from './db/schema.ts';
import { BatchLoader } from './registry/batchLoader.ts';
import { MemberRegistry } from './registry/memberRegistry.ts';
import { readSeedMembers } from './registry/seedMembers.ts';
import { resolvers } from './resolvers/index.ts';

const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

export interface ClusterApp extends ServiceApp {
  /** The registry's database, open from creation until stop(); tests inspect it directly. */
  readonly database: DatabaseHandle<ClusterSchema>;
}

/**
 * Builds the cluster subgraph: opens (and migrates) its database, seeds an empty registry,
 * and returns the service ready to start. `main.ts` and the tests start the very same thing.
 */
export async function createClusterApp(config: ClusterConfig, logger: Logger): Promise<ClusterApp> {
  // Read the seed and the key before opening the database, so a bad file fails fast and leaves nothing open.
  const seed = config.seedMembersFile ? readSeedMembers(config.seedMembersFile, config.profile.leaderId) : [];
  const verifier = await ServiceTokenVerifier.create(config.gatewayKey);
  const database = await openDatabase({
    url: config.database.url,
    dataDir: config.database.dataDir,
    schema: clusterSchema,
    migrationsFolder: MIGRATIONS_FOLDER,
    logger,
  });
  const registry = new MemberRegistry(database.db);
  try {
    const seeded = await registry.seedIfEmpty(seed);
    if (seeded > 0) logger.info({ seeded, file: config.seedMembersFile }, 'registry seeded');
  } catch (error) {
    await database.close();
    throw error;
  }

  const schema = buildSubgraphSchema([{ typeDefs: parse(clusterSdl), resolvers }]);
  const service = createServiceApp<ClusterContext>({
    name: 'cluster',
    schema,
    logger,
    verifier,
    exposeErrors: config.exposeErrors,
    createContext: (auth) => ({
      auth,
      registry,
      profile: config.profile,
      memberById: new BatchLoader<string, MemberRow | null>((ids) => registry.findMany(ids), null),
      logger,
    }),
    onStop: () => database.close(),
  });
  return { start: service.start, stop: service.stop, database };
}
