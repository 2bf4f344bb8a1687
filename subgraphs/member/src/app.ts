import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createServiceApp, openDatabase, ServiceTokenVerifier, type DatabaseHandle, type Logger, type ServiceApp } from '@clustergraph/runtime';
import { memberSdl } from '@clustergraph/schema';
import type { MemberConfig } from './config.ts';
import type { MemberContext } from './context.ts';
import { memberSchema, type MemberSchema } from './db/schema.ts';
import { allowAllAccess } from './access.ts';
import { memberResolvers } from './resolvers/index.ts';
import { parseDemoMemberProfile } from './seed/profile.ts';
import { seedDemoData } from './seed/seedDemoData.ts';

const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

export interface MemberApp extends ServiceApp {
  memberId: string;
  /** The open database (tests read and write it directly); closed by stop(). */
  database: DatabaseHandle<MemberSchema>;
}

/** The member subgraph's GraphQL schema: the standard's SDL with this package's resolvers. */
export function createMemberSchema() {
  // The generated Resolvers type is stricter than @apollo/subgraph's resolver map; the shapes agree.
  return buildSubgraphSchema([{ typeDefs: parse(memberSdl), resolvers: memberResolvers as never }]);
}

/**
 * Builds (does not start) the subgraph for one firm: opens its database and applies the
 * migrations, seeds the demo profile into an empty database, and wires the service app.
 */
export async function createMemberApp(config: MemberConfig, logger: Logger): Promise<MemberApp> {
  // Read the profile and the key before opening the database: a bad file fails fast and leaves nothing open.
  const profile = config.seedProfile ? parseDemoMemberProfile(JSON.parse(readFileSync(config.seedProfile, 'utf8'))) : null;
  const verifier = await ServiceTokenVerifier.create(config.gatewayKey);
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    schema: memberSchema,
    migrationsFolder: MIGRATIONS_FOLDER,
    logger,
  });
  try {
    if (profile) {
      const result = await seedDemoData(database.db, profile, new Date());
      logger.info({ ...result, profile: config.seedProfile }, result.seeded ? 'seeded demo data' : 'database has data; demo seed skipped');
    }
    const service = createServiceApp<MemberContext>({
      name: `member ${config.memberId}`,
      schema: createMemberSchema(),
      logger,
      verifier,
      exposeErrors: config.exposeErrors,
      createContext: (auth) => ({ memberId: config.memberId, db: database.db, auth, access: allowAllAccess(auth), logger }),
      onStop: () => database.close(),
    });
    return { ...service, memberId: config.memberId, database };
  } catch (error) {
    await database.close();
    throw error;
  }
}
