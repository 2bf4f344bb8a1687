import { createLogger, runService } from '@clustergraph/runtime';
import { loadHostConfig } from './host/hostConfig.ts';
import { createMemberHost } from './host/hostApp.ts';

// `pnpm member:host`: many firms' member subgraphs in one process (README "Hosting many firms in one process").
let config;
try {
  config = loadHostConfig(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const logger = createLogger('member-host', { level: config.logLevel, pretty: config.logPretty });
const host = await runService(await createMemberHost(config, logger), { name: 'member host', logger, port: config.port, host: config.host });
logger.info({ driver: host.databases.driver, dataDir: host.databases.driver === 'pglite' ? config.dataDir : undefined }, 'member host ready');
