import { createLogger, runService, startTracing } from '@clustergraph/runtime';
import { loadMemberConfig } from './config.ts';
import { createMemberApp } from './app.ts';

// The only module that reads process.env and listens; tests start createMemberApp directly.
let config;
try {
  config = loadMemberConfig(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const logger = createLogger(`member-${config.memberId}`, { level: config.logLevel, pretty: config.logPretty });
const tracing = config.observability ? startTracing('clustergraph-member', config.observability.tracing, { memberId: config.memberId }, false) : null;
const app = await runService(await createMemberApp(config, logger), {
  name: 'member subgraph',
  logger,
  port: config.port,
  host: config.host,
  afterStop: async () => tracing?.shutdown(),
});
logger.info(
  { memberId: config.memberId, driver: app.database.driver, dataDir: app.database.driver === 'pglite' ? config.dataDir : undefined },
  'member subgraph ready',
);
