// Starts a test cluster and serves the built console against it, for poking at the
// console by hand or with scripts: `node --import tsx test/browser/support/devConsole.ts`.
// Prints the console URL; Ctrl-C stops everything.
import { startTestCluster } from '@clustergraph/test';
import { buildConsole, consoleDist } from './browser.ts';
import { consoleFor } from './consoleServer.ts';

buildConsole();
const cluster = await startTestCluster();
const server = await consoleFor(consoleDist, cluster.gatewayOrigin);
process.stdout.write(`console ${server.url}\ngateway ${cluster.gatewayUrl}\n`);
const stop = async () => {
  await server.close();
  await cluster.dispose();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
