import { createLogger, runService } from '@clustergraph/runtime';
import { createGatewayApp } from './app.ts';
import { loadGatewayConfig } from './config.ts';

const config = loadGatewayConfig(process.env);
const logger = createLogger('gateway', { level: config.logLevel, pretty: config.logPretty });
await runService(await createGatewayApp(config, logger), { name: 'gateway', logger, port: config.port, host: config.host });
