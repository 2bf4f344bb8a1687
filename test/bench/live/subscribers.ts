import { createRequire } from 'node:module';

/** The slice of `ws` the bench uses (the test package carries no @types/ws). */
interface BenchSocket {
  readyState: number;
  send(data: string): void;
  terminate(): void;
  on(event: 'open', listener: () => void): void;
  on(event: 'message', listener: (data: Buffer) => void): void;
  on(event: 'close', listener: (code: number, reason: Buffer) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
}
const WebSocket = createRequire(import.meta.url)('ws') as new (url: string, protocol: string, options?: Record<string, unknown>) => BenchSocket;

export interface SubscriberSpec {
  /** The graphql-ws endpoint (http(s) URL; the gateway or a member). */
  url: string;
  memberId: string;
  /** null = every line of the member. */
  lineIds: string[] | null;
  connectionParams: Record<string, unknown>;
  query: string;
  variables: Record<string, unknown>;
}

export interface Subscriber {
  spec: SubscriberSpec;
  seqs: number[];
  latenciesMs: number[];
  errors: number;
  firstError?: unknown;
  closed: { code: number; reason: string } | null;
}

/** What the bench reads from one graphql-ws message. */
interface ReadMessage {
  type: string;
  seq: number | null;
  atMs: number;
  errors: unknown[] | null;
  payload: unknown;
}

/**
 * The messages of one event are the same bytes on every socket of a shared group (the gateway
 * serialises each payload once, and every subscriber's operation id is "1"), so a client process
 * parses each distinct message once and looks the rest up: JSON.parse for every one of its ~4,000
 * messages a second was the larger part of the bench's own CPU, on the cores the cluster uses.
 */
const recentlyRead = new Map<string, ReadMessage>();
const RECENT_LIMIT = 512;

function readMessage(text: string): ReadMessage {
  const known = recentlyRead.get(text);
  if (known) return known;
  const message = JSON.parse(text) as {
    type: string;
    payload?: { data?: { lineStatusChanged?: { seq: number; at: string } } | null; errors?: unknown[] };
  };
  const event = message.type === 'next' ? message.payload?.data?.lineStatusChanged : undefined;
  const read: ReadMessage = {
    type: message.type,
    seq: event ? event.seq : null,
    atMs: event ? Date.parse(event.at) : NaN,
    errors: message.payload?.errors?.length ? message.payload.errors : null,
    payload: message.payload,
  };
  recentlyRead.set(text, read);
  if (recentlyRead.size > RECENT_LIMIT) recentlyRead.delete(recentlyRead.keys().next().value!);
  return read;
}

/**
 * Opens one WebSocket per subscriber (graphql-transport-ws), subscribes, and records each
 * event's seq and the delay from the event's `at` (the member's commit time) to receipt.
 * The caller's event loop stamps receipt: see clientProcesses.ts for spreading the sockets
 * over several processes so that one lagging loop does not inflate the figures.
 */
export async function openSubscribers(specs: SubscriberSpec[], concurrency = 50): Promise<{ subscribers: Subscriber[]; close(): void }> {
  const sockets: BenchSocket[] = [];
  const subscribers: Subscriber[] = specs.map((spec) => ({ spec, seqs: [], latenciesMs: [], errors: 0, closed: null }));
  const open = (subscriber: Subscriber) =>
    new Promise<void>((resolve, reject) => {
      const socket = new WebSocket(subscriber.spec.url.replace(/^http/, 'ws'), 'graphql-transport-ws', { perMessageDeflate: false });
      sockets.push(socket);
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: subscriber.spec.connectionParams })));
      socket.on('error', reject);
      socket.on('close', (code, reason) => {
        subscriber.closed = { code, reason: String(reason) };
        reject(new Error(`closed ${code} ${String(reason)}`));
      });
      socket.on('message', (raw) => {
        const received = Date.now();
        const message = readMessage(raw.toString());
        switch (message.type) {
          case 'connection_ack':
            socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: subscriber.spec.query, variables: subscriber.spec.variables } }));
            resolve();
            return;
          case 'next': {
            if (message.errors) {
              subscriber.errors++;
              subscriber.firstError ??= message.errors;
            }
            if (message.seq !== null) {
              subscriber.seqs.push(message.seq);
              subscriber.latenciesMs.push(received - message.atMs);
            }
            return;
          }
          case 'error':
            subscriber.errors++;
            subscriber.firstError ??= message.payload;
            return;
          case 'ping':
            socket.send('{"type":"pong"}');
            return;
          default:
            return;
        }
      });
    });
  for (let i = 0; i < subscribers.length; i += concurrency) await Promise.all(subscribers.slice(i, i + concurrency).map(open));
  return {
    subscribers,
    close() {
      for (const socket of sockets) socket.terminate();
    },
  };
}
