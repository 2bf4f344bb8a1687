import WebSocket from 'ws';

export interface NextPayload {
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

export interface LiveSubscription {
  id: string;
  payloads: NextPayload[];
  errors: unknown[];
  completed: boolean;
  /** Resolves once `count` payloads arrived (fails after `timeoutMs`). */
  waitForPayloads(count: number, timeoutMs?: number): Promise<NextPayload[]>;
  complete(): void;
}

export interface LiveClient {
  socket: WebSocket;
  closed: Promise<{ code: number; reason: string }>;
  subscribe(query: string, variables?: Record<string, unknown>): LiveSubscription;
  close(): void;
}

/**
 * A graphql-transport-ws client that queues every message, for asserting on messages and
 * close codes; no retries, and `socket.pause()` makes it a slow reader.
 */
export async function openLiveClient(url: string, connectionParams: Record<string, unknown> = {}): Promise<LiveClient> {
  const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const subscriptions = new Map<string, LiveSubscription & { wake(): void }>();
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  const acknowledged = new Promise<void>((resolve, reject) => {
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: connectionParams })));
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as { type: string; id?: string; payload?: unknown };
      if (message.type === 'connection_ack') resolve();
      if (message.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
      const subscription = message.id ? subscriptions.get(message.id) : undefined;
      if (!subscription) return;
      if (message.type === 'next') subscription.payloads.push(message.payload as NextPayload);
      if (message.type === 'error') subscription.errors.push(message.payload);
      if (message.type === 'complete') subscription.completed = true;
      subscription.wake();
    });
    socket.once('error', reject);
    void closed.then(({ code, reason }) => reject(new Error(`closed before ack: ${code} ${reason}`)));
  });
  await acknowledged;
  let nextId = 0;
  return {
    socket,
    closed,
    subscribe(query, variables = {}) {
      const id = String(++nextId);
      const waiters = new Set<() => void>();
      const subscription: LiveSubscription & { wake(): void } = {
        id,
        payloads: [],
        errors: [],
        completed: false,
        wake: () => waiters.forEach((w) => w()),
        waitForPayloads(count, timeoutMs = 10_000) {
          return new Promise((resolve, reject) => {
            const check = () => {
              if (subscription.payloads.length >= count) {
                waiters.delete(check);
                clearTimeout(timer);
                resolve(subscription.payloads);
              } else if (subscription.errors.length > 0 || subscription.completed) {
                waiters.delete(check);
                clearTimeout(timer);
                reject(new Error(`subscription ended: ${JSON.stringify(subscription.errors)}`));
              }
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              reject(
                new Error(
                  `timed out with ${subscription.payloads.length}/${count} payloads; last: ${JSON.stringify(subscription.payloads.at(-1) ?? null).slice(0, 300)}; socket ${socket.readyState === WebSocket.OPEN ? 'open' : 'closed'}`,
                ),
              );
            }, timeoutMs);
            waiters.add(check);
            check();
          });
        },
        complete() {
          socket.send(JSON.stringify({ id, type: 'complete' }));
          subscriptions.delete(id);
        },
      };
      subscriptions.set(id, subscription);
      socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
      return subscription;
    },
    close() {
      socket.terminate();
    },
  };
}
