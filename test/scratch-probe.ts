import { startTestCluster } from './src/index.ts';
const cluster = await startTestCluster({ gatewayEnv: { EXPOSE_ERRORS: 'false' } });
console.log(JSON.stringify({ gw: cluster.gatewayOrigin, lead: cluster.memberUrl('lead'), cluster: cluster.clusterUrl, root: cluster.rootDir }));
process.on('SIGTERM', async () => { await cluster.dispose(); process.exit(0); });
setInterval(() => {}, 1e9);
