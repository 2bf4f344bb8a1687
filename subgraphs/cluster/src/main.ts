import { createLogger, startTracing } from '@clustergraph/runtime';
import { createClusterApp } from './app.ts';
import { loadClusterConfig } from './config.ts';

// `app.ts` builds, this file listens: the cluster subgraph as a process (demo, e2e).
const config = loadClusterConfig(process.env);
const logger = createLogger('cluster', config.log);
const tracing = config.observability ? startTracing('clustergraph-cluster', config.observability.tracing, {}, false) : null;
const app = await createClusterApp(config, logger);
await app.start(config.port, config.host);

let stopping = false;
const stop = async (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'cluster subgraph stopping');
  try {
    await app.stop();
    await tracing?.shutdown();
    logger.info('cluster subgraph stopped');
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'cluster subgraph did not stop cleanly');
    process.exit(1);
  }
};
// `on`, not `once`: a second Ctrl-C while stopping must be swallowed, not kill the process
// before the database is closed (PGlite needs its close to leave a consistent data folder).
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
