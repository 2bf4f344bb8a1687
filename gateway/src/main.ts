import { createLogger, runService, startTracing } from '@clustergraph/runtime';
import { createGatewayApp } from './app.ts';
import { loadGatewayConfig } from './config.ts';
import { createGeneralGatewayApp, readSupergraphFile } from './general/app.ts';
import { loadGeneralGatewayConfig } from './general/config.ts';

// SUPERGRAPH_FILE set: general mode on that supergraph; otherwise the cluster gateway.
if (process.env['SUPERGRAPH_FILE']) {
  const config = loadGeneralGatewayConfig(process.env);
  const logger = createLogger('gateway', { level: config.logLevel, pretty: config.logPretty });
  const app = await createGeneralGatewayApp(
    {
      supergraphSdl: readSupergraphFile(config.supergraphFile),
      sharding: config.sharding,
      subgraphTimeoutMs: config.subgraphTimeoutMs,
      maxBodyBytes: config.maxBodyBytes,
      executor: config.executor,
    },
    logger,
  );
  await runService(app, { name: 'gateway', logger, port: config.port, host: config.host });
} else {
  const config = loadGatewayConfig(process.env);
  const logger = createLogger('gateway', { level: config.logLevel, pretty: config.logPretty });
  const tracing = config.observability ? startTracing('clustergraph-gateway', config.observability.tracing) : null;
  await runService(await createGatewayApp(config, logger), {
    name: 'gateway',
    logger,
    port: config.port,
    host: config.host,
    afterStop: async () => tracing?.shutdown(),
  });
}
