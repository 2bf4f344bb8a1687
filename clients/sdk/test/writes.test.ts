import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClusterGraphClient, type WriteRetryReport } from '../src/index.ts';
import { MembersDocument, SetSmartFactoryLevelDocument } from '../src/__generated__/graphql.ts';

// The SDK's honest writes against a real HTTP server on a real socket: the server plays a gateway
// whose first answers do not arrive (the connection is cut after the request was read, or the
// gateway says WRITE_OUTCOME_UNKNOWN). What the test checks is what goes over the wire.

interface Seen {
  key: string | undefined;
  body: { query?: string; extensions?: unknown };
}

type Behaviour = (n: number, req: IncomingMessage, res: ServerResponse) => void;

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  server = undefined;
});

async function gateway(behaviour: Behaviour): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      seen.push({ key: req.headers['idempotency-key'] as string | undefined, body: JSON.parse(raw) as Seen['body'] });
      behaviour(seen.length, req, res);
    });
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/graphql`, seen };
}

const json = (res: ServerResponse, body: unknown) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const written = { data: { setSmartFactoryLevel: { id: 'cast', smartFactoryLevel: 3 } } };
const unknownOutcome = {
  data: null,
  errors: [{ message: 'no answer from cast', path: ['setSmartFactoryLevel'], extensions: { code: 'WRITE_OUTCOME_UNKNOWN', memberId: 'cast' } }],
};
/** Reads the request, then cuts the connection without answering: the write may have happened. */
const drop = (res: ServerResponse) => res.socket?.destroy();

describe('SDK writes: one Idempotency-Key per write, the same key on every retry', () => {
  it('retries a write whose answer was cut off, with the same key, and reports the retry', async () => {
    const { url, seen } = await gateway((n, _req, res) => (n === 1 ? drop(res) : json(res, written)));
    const reports: WriteRetryReport[] = [];
    const client = createClusterGraphClient({
      endpoint: url,
      persistedDocuments: false,
      writeRetry: { backoffMs: 10 },
      onWriteRetried: (r) => reports.push(r),
    });
    const data = await client.request(SetSmartFactoryLevelDocument, { memberId: 'cast', level: 3 });
    expect(data.setSmartFactoryLevel.smartFactoryLevel).toBe(3);
    expect(seen).toHaveLength(2);
    expect(seen[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[1]!.key).toBe(seen[0]!.key);
    expect(seen[1]!.body).toEqual(seen[0]!.body);
    expect(reports).toEqual([{ idempotencyKey: seen[0]!.key, attempts: 2, outcomeUnknown: false }]);
  });

  it('retries on WRITE_OUTCOME_UNKNOWN with the same key, and a new write gets a new key', async () => {
    const { url, seen } = await gateway((n, _req, res) => json(res, n === 1 ? unknownOutcome : written));
    const client = createClusterGraphClient({ endpoint: url, persistedDocuments: false, writeRetry: { backoffMs: 10 } });
    const first = await client.execute(SetSmartFactoryLevelDocument, { memberId: 'cast', level: 3 });
    expect(first.errors).toEqual([]);
    expect(first.writeRetry).toMatchObject({ attempts: 2, outcomeUnknown: false });
    const second = await client.execute(SetSmartFactoryLevelDocument, { memberId: 'cast', level: 3 });
    expect(second.writeRetry).toBeUndefined();
    expect(seen.map((s) => s.key)).toEqual([seen[0]!.key, seen[0]!.key, seen[2]!.key]);
    expect(seen[2]!.key).not.toBe(seen[0]!.key);
  });

  it('stops after 3 tries and says the outcome is unknown and safe to retry', async () => {
    const dropped = await gateway((_n, _req, res) => drop(res));
    const client = createClusterGraphClient({ endpoint: dropped.url, persistedDocuments: false, writeRetry: { backoffMs: 10 } });
    await expect(client.request(SetSmartFactoryLevelDocument, { memberId: 'cast', level: 3 })).rejects.toThrow(
      /the outcome of this write is unknown; it is safe to retry \(3 tries/,
    );
    expect(new Set(dropped.seen.map((s) => s.key)).size).toBe(1);
    expect(dropped.seen).toHaveLength(3);
    await new Promise<void>((done) => server!.close(() => done()));

    const unknown = await gateway((_n, _req, res) => json(res, unknownOutcome));
    const again = createClusterGraphClient({ endpoint: unknown.url, persistedDocuments: false, writeRetry: { backoffMs: 10 } });
    const result = await again.execute(SetSmartFactoryLevelDocument, { memberId: 'cast', level: 3 });
    expect(result.writeRetry).toMatchObject({ attempts: 3, outcomeUnknown: true });
    await expect(again.request(SetSmartFactoryLevelDocument, { memberId: 'cast', level: 3 })).rejects.toThrow(
      'cast: the outcome of this write is unknown; it is safe to retry',
    );
  });

  it('sends no key with a read and does not repeat a read whose connection dropped', async () => {
    const { url, seen } = await gateway((_n, _req, res) => drop(res));
    const client = createClusterGraphClient({ endpoint: url, persistedDocuments: false, writeRetry: { backoffMs: 10 } });
    await expect(client.request(MembersDocument, {})).rejects.toThrow(/cannot reach/);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.key).toBeUndefined();
  });
});

describe('write errors in words', () => {
  it('says an unknown outcome is safe to retry, and a two-firm document to send each write on its own', async () => {
    const { describeGraphQLError } = await import('../src/errors.ts');
    expect(describeGraphQLError(unknownOutcome.errors[0]!, (id) => (id === 'cast' ? 'Cast Partner Co.' : id))).toBe(
      'Cast Partner Co.: the outcome of this write is unknown; it is safe to retry',
    );
    expect(describeGraphQLError({ message: 'Nothing was written.', extensions: { code: 'MULTI_PART_WRITE', memberIds: ['cast', 'heat'] } })).toBe(
      "one write per request: send each firm's write on its own (Nothing was written.)",
    );
  });
});
