// Diagnostic: how long one event takes through the gateway with and without a cluster field.
import { createRequire } from 'node:module';
import { createClient } from 'graphql-ws';
import { gql, startTestCluster } from '@clustergraph/test';

const WebSocket = createRequire(import.meta.url)('ws') as unknown;
process.env['CG_TEST_LOG_LEVEL'] ??= 'info';
const cluster = await startTestCluster();
try {
  const token = await cluster.token('admin@lead');
  for (const query of ['{ members { id name roles } }', '{ lines(memberIds: ["lead"]) { id name } }']) {
    const t = Date.now();
    for (let i = 0; i < 20; i++) await gql(cluster.gatewayUrl, query, {}, { token });
    console.log(`${query}: ${((Date.now() - t) / 20).toFixed(1)} ms per query`);
  }
  for (const selection of ['seq at', 'seq at member { name roles }']) {
    const client = createClient({
      url: cluster.gatewayUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    const latencies: number[] = [];
    client.subscribe<{ lineStatusChanged: { at: string } }>(
      { query: `subscription { lineStatusChanged(memberIds: ["lead"]) { ${selection} } }` },
      {
        next: (p) => p.data && latencies.push(Date.now() - Date.parse(p.data.lineStatusChanged.at)),
        error: (e) => console.error(e),
        complete: () => {},
      },
    );
    await new Promise((r) => setTimeout(r, 1500));
    for (let i = 0; i < 10; i++) {
      await gql(
        cluster.gatewayUrl,
        'mutation($e: [LineEventInput!]!) { reportLineEvents(events: $e) { accepted } }',
        { e: [{ eventId: `p${selection.length}-${i}`, lineId: 'lead-line-1', state: i % 2 ? 'RUNNING' : 'IDLE' }] },
        { token },
      );
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 2000));
    console.log(`subscription { ${selection} }: latencies ${latencies.join(', ')} ms`);
    await client.dispose();
  }
} finally {
  await cluster.dispose();
}
