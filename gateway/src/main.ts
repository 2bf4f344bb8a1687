import { createLogger, startTracing } from '@clustergraph/runtime';
import { createGatewayApp } from './app.ts';
import { loadGatewayConfig } from './config.ts';

const config = loadGatewayConfig(process.env);
const logger = createLogger('gateway', { level: config.logLevel, pretty: config.logPretty });
const tracing = config.observability ? startTracing('clustergraph-gateway', config.observability.tracing) : null;
const app = await createGatewayApp(config, logger);
await app.start(config.port, config.host);

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'gateway stopping');
  app
    .stop()
    .then(() => tracing?.shutdown())
    .then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'gateway did not stop cleanly');
        process.exit(1);
      },
    );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
