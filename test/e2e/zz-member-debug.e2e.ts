import { it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestCluster, testMemberSpecs, gql } from '../src/index.ts';

it('debug', async () => {
  const cluster = await startTestCluster({ members: testMemberSpecs() });
  try {
    const got: unknown[] = [];
    const direct: unknown[] = [];
    const token = await cluster.token('admin@lead');
    const client = createClient({ url: cluster.gatewayUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    client.subscribe({ query: 'subscription { lineStatusChanged { memberId seq state line { id name } member { id name } } }' }, { next: (p) => got.push(p), error: (e) => got.push({ error: String(e) }), complete: () => got.push('complete') });
    const castToken = await cluster.token('admin@cast');
    const c2 = createClient({ url: cluster.gatewayUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${castToken}` }, retryAttempts: 0 });
    c2.subscribe({ query: 'subscription { lineStatusChanged(memberIds: ["cast"]) { memberId seq state } }' }, { next: (p) => direct.push(p), error: (e) => direct.push({ error: String(e) }), complete: () => direct.push('complete') });
    await new Promise((r) => setTimeout(r, 3000));
    const r = await gql(cluster.gatewayUrl, `mutation($e: [LineEventInput!]!) { reportLineEvents(events: $e) { accepted events { seq } } }`, { e: [{ eventId: randomUUID(), lineId: 'cast-line-1', state: 'DOWN' }] }, { token: castToken });
    await new Promise((r) => setTimeout(r, 3000));
    console.log('MARK', JSON.stringify({ r, got, direct }));
    console.log('MARK2', await (await fetch(`${cluster.gatewayOrigin}/debug/subscriptions`)).text());
    console.log('MARK3', await (await fetch(cluster.memberUrl('cast').replace('/graphql', '/health'))).text());
  } finally {
    await cluster.dispose();
  }
}, 120_000);
