import { createLogger, startTracing } from '@clustergraph/runtime';
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
const app = await createMemberApp(config, logger);
const signals = ['SIGINT', 'SIGTERM'] as const;
// createServiceApp turns Apollo Server's own signal handlers off: shutdown is ours alone.
await app.start(config.port, config.host);
logger.info(
  { memberId: config.memberId, driver: app.database.driver, dataDir: app.database.driver === 'pglite' ? config.dataDir : undefined },
  'member subgraph ready',
);

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  try {
    await app.stop();
    await tracing?.shutdown();
    logger.info('stopped');
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'unclean stop');
    process.exit(1);
  }
};
for (const signal of signals) process.on(signal, () => void shutdown(signal));
