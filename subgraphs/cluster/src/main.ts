import { createLogger, runService, startTracing } from '@clustergraph/runtime';
import { createClusterApp } from './app.ts';
import { loadClusterConfig } from './config.ts';

// `app.ts` builds, this file listens: the cluster subgraph as a process (demo, e2e).
const config = loadClusterConfig(process.env);
const logger = createLogger('cluster', config.log);
const tracing = config.observability ? startTracing('clustergraph-cluster', config.observability.tracing, {}, false) : null;
await runService(await createClusterApp(config, logger), {
  name: 'cluster subgraph',
  logger,
  port: config.port,
  host: config.host,
  afterStop: async () => tracing?.shutdown(),
});
