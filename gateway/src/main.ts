import { createLogger, startTracing } from '@clustergraph/runtime';
import { createGatewayApp } from './app.ts';
import { loadGatewayConfig } from './config.ts';
import { createGeneralGatewayApp, readSupergraphFile } from './general/app.ts';
import { loadGeneralGatewayConfig } from './general/config.ts';

/** SUPERGRAPH_FILE set: general mode on that supergraph; otherwise the cluster gateway. */
async function startGateway(): Promise<{ stop(): Promise<void>; logger: ReturnType<typeof createLogger> }> {
  if (process.env['SUPERGRAPH_FILE']) {
    const config = loadGeneralGatewayConfig(process.env);
    const logger = createLogger('gateway', { level: config.logLevel, pretty: config.logPretty });
    const app = await createGeneralGatewayApp(
      {
        supergraphSdl: readSupergraphFile(config.supergraphFile),
        sharding: config.sharding,
        subgraphTimeoutMs: config.subgraphTimeoutMs,
        maxBodyBytes: config.maxBodyBytes,
      },
      logger,
    );
    await app.start(config.port, config.host);
    return { stop: () => app.stop(), logger };
  }
  const config = loadGatewayConfig(process.env);
  const logger = createLogger('gateway', { level: config.logLevel, pretty: config.logPretty });
  const tracing = config.observability ? startTracing('clustergraph-gateway', config.observability.tracing) : null;
  const app = await createGatewayApp(config, logger);
  await app.start(config.port, config.host);
  return { stop: () => app.stop().then(() => tracing?.shutdown()), logger };
}

const { stop, logger } = await startGateway();

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'gateway stopping');
  stop().then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error({ err: error }, 'gateway did not stop cleanly');
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
