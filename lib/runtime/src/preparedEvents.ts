import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult, type FormattedExecutionResult, type GraphQLError } from 'graphql';
import type { WebSocket } from 'ws';

/**
 * A subscription event whose response was executed and serialised once for every subscriber of
 * one reader scope (same reader, same operation, same variables). A source stream yields it in
 * place of a raw event: graphql-ws then neither executes the selection again per subscriber nor
 * serialises the payload again — the frame is the shared bytes with the subscription id spliced in.
 */
export class PreparedEvent {
  constructor(
    readonly response: FormattedExecutionResult,
    readonly serialized: string,
  ) {}

  static of(result: ExecutionResult): PreparedEvent {
    const response: FormattedExecutionResult = {
      ...(result.errors ? { errors: result.errors.map((e: GraphQLError) => e.toJSON()) } : {}),
      data: result.data ?? null,
      ...(result.extensions ? { extensions: result.extensions } : {}),
    };
    return new PreparedEvent(response, JSON.stringify(response));
  }
}

/**
 * graphql's `subscribe`, except that source events which are PreparedEvents are passed on as
 * they are instead of being executed (every other event runs through `execute` as usual).
 */
export async function subscribeWithPreparedEvents(args: ExecutionArgs): Promise<AsyncGenerator<ExecutionResult | PreparedEvent> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source as ExecutionResult;
  const iterator = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  // A hand-written iterator, not an async generator: return() (the client unsubscribed) must reach the source
  // at once, while a generator would queue it behind the pending next() until the next event arrives.
  const mapped: AsyncGenerator<ExecutionResult | PreparedEvent> = {
    async next() {
      const { done, value } = await iterator.next();
      if (done) return { done: true, value: undefined };
      if (value instanceof PreparedEvent) return { done: false, value };
      return { done: false, value: (await execute({ ...args, rootValue: value })) as ExecutionResult };
    },
    async return() {
      await iterator.return?.();
      return { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      await iterator.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return mapped;
}

/** The payload graphql-ws serialises for a PreparedEvent; the socket swaps the frame for the prepared bytes. */
const PLACEHOLDER = { clustergraphPrepared: true } as const;
const PLACEHOLDER_TAIL = '"payload":{"clustergraphPrepared":true}}';
const pendingFrames = new WeakMap<object, Map<string, string>>();

/**
 * graphql-ws `onNext` part: for a PreparedEvent, remembers its bytes for this socket and
 * subscription id and answers with the placeholder (graphql-ws awaits the send of one event
 * before it takes the next of the same subscription, so one slot per id is enough).
 */
export function preparedEventPayload(socket: object, id: string, result: unknown): FormattedExecutionResult | undefined {
  if (!(result instanceof PreparedEvent)) return undefined;
  let frames = pendingFrames.get(socket);
  if (!frames) pendingFrames.set(socket, (frames = new Map()));
  frames.set(id, result.serialized);
  return PLACEHOLDER as unknown as FormattedExecutionResult;
}

/** Wraps a socket's `send` so that a placeholder frame goes out as the prepared payload with its id. */
export function sendPreparedFrames(socket: WebSocket): void {
  const send = socket.send.bind(socket) as (data: unknown, ...rest: unknown[]) => void;
  (socket as unknown as { send: typeof send }).send = (data, ...rest) => {
    if (typeof data === 'string' && data.endsWith(PLACEHOLDER_TAIL)) {
      const frames = pendingFrames.get(socket);
      const id = (JSON.parse(data) as { id: string }).id;
      const serialized = frames?.get(id);
      if (serialized !== undefined) {
        frames!.delete(id);
        return send(`{"id":${JSON.stringify(id)},"type":"next","payload":${serialized}}`, ...rest);
      }
    }
    return send(data, ...rest);
  };
}
