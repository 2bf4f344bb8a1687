import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { CloseCode, GRAPHQL_TRANSPORT_WS_PROTOCOL, MessageType, parseMessage, type Message } from 'graphql-ws';
import { WebSocket, WebSocketServer } from 'ws';
import { checkOperationLimits, isApplicant, metrics, type Logger } from '@clustergraph/runtime';
import type { GatewayContext } from '../context.ts';
import { GatewayErrorCode, applicantRefusedError } from '../errors.ts';
import type { GatewayLimits } from '../limits/gatewayLimits.ts';
import { RATE_LIMITED, rateLimitedMessage } from '../limits/rateLimits.ts';
import { GOING_AWAY_CLOSE_CODE, SLOW_CONSUMER_CLOSE_CODE, completeFrame, errorFrame, nextFrame, nextWebSocketFrame, type SerialisedPayload } from './frames.ts';
import type { SubscriptionHub } from './subscriptionHub.ts';
import type { SubscriptionPlanner } from './subscriptionPlanner.ts';

export interface SingleOperationRequest {
  query: string;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
}

export interface LiveSocketServerOptions {
  httpServer: Server;
  path: string;
  planner: SubscriptionPlanner;
  hub: SubscriptionHub;
  /** The same viewer/context as HTTP, from `connection_init` params (`authorization`, `purpose`). */
  createContext(params: { authorization?: string | undefined; purpose?: string | undefined }): Promise<GatewayContext>;
  /** Queries and mutations sent over the socket run through Apollo Server like HTTP ones. */
  executeSingle(request: SingleOperationRequest, context: GatewayContext): Promise<unknown>;
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  logger: Logger;
  /** Unsent bytes past which a client is closed as a slow consumer at once. */
  maxBufferedBytes: number;
  /**
   * Unsent bytes a client may hold only for a while: above this for `slowConsumerGraceMs`
   * (a client that stopped reading, or reads slower than its subscriptions produce) it is
   * closed too. A burst — the replay after a resume, a busy moment — passes.
   */
  slowConsumerBytes: number;
  slowConsumerGraceMs: number;
  connectionInitWaitMs: number;
  /** Frame size, subscriptions per socket, rates, operation limits and trusted documents (none when omitted). */
  limits?: GatewayLimits;
}

export const TOO_MANY_SUBSCRIPTIONS = GatewayErrorCode.TOO_MANY_SUBSCRIPTIONS;

/** Counts turns of the microtask queue (see LiveConnection.sendNext): bumped once after each turn that wrote a frame. */
let writeTurn = 0;
let turnEndScheduled = false;
function currentWriteTurn(): number {
  if (!turnEndScheduled) {
    turnEndScheduled = true;
    process.nextTick(() => {
      writeTurn++;
      turnEndScheduled = false;
    });
  }
  return writeTurn;
}

/**
 * graphql-ws (graphql-transport-ws protocol) on the gateway's HTTP server. Written out
 * rather than through graphql-ws's server so that a payload serialised once per group is
 * written to every subscriber as is (only the id is spliced in), and so that each socket's
 * unsent bytes are bounded.
 */
export class LiveSocketServer {
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<LiveConnection>();

  constructor(private readonly options: LiveSocketServerOptions) {
    this.wss = new WebSocketServer({
      server: options.httpServer,
      path: options.path,
      handleProtocols: (protocols) => (protocols.has(GRAPHQL_TRANSPORT_WS_PROTOCOL) ? GRAPHQL_TRANSPORT_WS_PROTOCOL : false),
      // ws closes a socket whose frame announces more (1009) before reading the payload.
      ...(options.limits ? { maxPayload: options.limits.config.wsMaxPayloadBytes } : {}),
    });
    this.wss.on('connection', (socket, request) => {
      const peer = {
        address: options.limits ? options.limits.clientAddressOf(request) : request.socket.remoteAddress,
        fromBrowser: request.headers.origin !== undefined,
      };
      const connection = new LiveConnection(socket, options, peer);
      this.connections.add(connection);
      socket.once('close', () => this.connections.delete(connection));
    });
    this.wss.on('error', (error) => options.logger.error({ err: error }, 'websocket server error'));
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Open sockets per client address (the one the rate limit counts: behind a trusted proxy, the client's). */
  connectionsByAddress(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const connection of this.connections) {
      const address = connection.peer.address ?? 'unknown';
      counts[address] = (counts[address] ?? 0) + 1;
    }
    return counts;
  }

  /**
   * Closes (4403 Forbidden, ending every subscription on it) each socket whose viewer
   * `refusal` names a reason for — e.g. its firm was suspended. Returns how many.
   */
  closeRefused(refusal: (context: GatewayContext) => string | null): number {
    let closed = 0;
    for (const connection of this.connections) if (connection.refuseIf(refusal)) closed++;
    return closed;
  }

  /** Graceful stop: every socket closed with 1001, then a short wait for the close handshakes. */
  async close(graceMs = 2000): Promise<void> {
    const closed = [...this.connections].map((c) => c.goAway());
    await Promise.race([Promise.all(closed), new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
    for (const connection of this.connections) connection.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

class LiveConnection {
  private initReceived = false;
  private context: GatewayContext | null = null;
  /** Subscription id → what ends it (null while it is being set up). */
  private readonly operations = new Map<string, (() => void) | null>();
  private readonly initTimer: NodeJS.Timeout;
  private ended = false;
  /** performance.now() since when the client has held more than `slowConsumerBytes` unsent. */
  private backloggedSince: number | null = null;
  /**
   * The TCP socket under the WebSocket, for event frames built whole (nextWebSocketFrame); null
   * when an extension was negotiated (none is offered: ws's server has compression off) or `ws`
   * does not expose it, and then frames go through `ws.send`. Written to only synchronously, as
   * `ws` itself writes without compression, so the two never interleave.
   */
  private readonly tcp: Socket | null;
  /** The turn this socket last got an event frame in, and whether it is corked until that turn ends. */
  private lastWriteTurn = -1;
  private corked = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly options: LiveSocketServerOptions,
    /** The client's address (as the rate limit counts it) and whether it is a browser. */
    readonly peer: { address: string | undefined; fromBrowser: boolean },
  ) {
    const tcp = (socket as unknown as { _socket?: Socket })._socket;
    this.tcp = socket.extensions === '' && tcp && typeof tcp.write === 'function' ? tcp : null;
    socket.on('error', (error) => options.logger.debug({ err: error }, 'client socket error'));
    socket.on('close', () => this.end());
    socket.on('message', (data) => this.onMessage(String(data)));
    this.initTimer = setTimeout(() => {
      if (!this.context) this.close(CloseCode.ConnectionInitialisationTimeout, 'Connection initialisation timeout');
    }, options.connectionInitWaitMs);
    this.initTimer.unref();
    if (socket.protocol !== GRAPHQL_TRANSPORT_WS_PROTOCOL) this.close(CloseCode.SubprotocolNotAcceptable, 'Subprotocol not acceptable');
  }

  goAway(): Promise<void> {
    this.stopAll();
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    const closed = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
    this.close(GOING_AWAY_CLOSE_CODE, 'gateway shutting down');
    return closed;
  }

  terminate(): void {
    this.socket.terminate();
  }

  refuseIf(refusal: (context: GatewayContext) => string | null): boolean {
    const reason = this.context && !this.ended ? refusal(this.context) : null;
    if (reason === null) return false;
    this.close(CloseCode.Forbidden, `Forbidden: ${reason}`);
    return true;
  }

  private onMessage(text: string): void {
    let message: Message;
    try {
      message = parseMessage(text);
    } catch (error) {
      this.close(CloseCode.BadRequest, (error as Error).message);
      return;
    }
    switch (message.type) {
      case MessageType.ConnectionInit:
        if (this.initReceived) return this.close(CloseCode.TooManyInitialisationRequests, 'Too many initialisation requests');
        this.initReceived = true;
        void this.initialise(message.payload ?? {});
        return;
      case MessageType.Ping:
        this.send(JSON.stringify(message.payload ? { type: MessageType.Pong, payload: message.payload } : { type: MessageType.Pong }));
        return;
      case MessageType.Pong:
        return;
      case MessageType.Subscribe:
        if (!this.context) return this.close(CloseCode.Unauthorized, 'Unauthorized');
        if (this.operations.has(message.id)) return this.close(CloseCode.SubscriberAlreadyExists, `Subscriber for ${message.id} already exists`);
        if (this.options.limits && this.operations.size >= this.options.limits.config.maxSubscriptionsPerSocket) {
          const max = this.options.limits.config.maxSubscriptionsPerSocket;
          this.send(
            errorFrame(message.id, [{ message: `At most ${max} operations may run on one socket`, extensions: { code: TOO_MANY_SUBSCRIPTIONS, limit: max } }]),
          );
          return;
        }
        this.operations.set(message.id, null);
        void this.admitAndStart(message.id, message.payload).catch((error: unknown) => {
          if (error instanceof GraphQLError && typeof error.extensions['code'] === 'string') return this.fail(message.id, [this.format(error)]);
          this.options.logger.error({ err: error }, 'subscription could not start');
          this.fail(message.id, [this.format(new GraphQLError('The subscription could not start'))]);
        });
        return;
      case MessageType.Complete:
        this.stop(message.id);
        return;
      case MessageType.ConnectionAck:
      case MessageType.Next:
      case MessageType.Error:
        return this.close(CloseCode.BadRequest, `Unexpected message of type ${message.type} received`);
      default: {
        const unexpected: never = message;
        return this.close(CloseCode.BadRequest, `Unexpected message ${JSON.stringify(unexpected)}`);
      }
    }
  }

  private async initialise(params: Record<string, unknown>): Promise<void> {
    const text = (name: string) => (typeof params[name] === 'string' ? (params[name] as string) : undefined);
    try {
      this.context = await this.options.createContext({
        authorization: text('authorization') ?? text('Authorization'),
        purpose: text('purpose') ?? text('x-clustergraph-purpose'),
      });
    } catch (error) {
      this.close(CloseCode.Forbidden, `Forbidden: ${(error as Error).message}`);
      return;
    }
    clearTimeout(this.initTimer);
    this.send(JSON.stringify({ type: MessageType.ConnectionAck }));
  }

  /** Rate limits and trusted documents first: a refused subscribe costs no parsing or planning. */
  private async admitAndStart(
    id: string,
    payload: { query: string; variables?: Record<string, unknown> | null; operationName?: string | null; extensions?: Record<string, unknown> | null },
  ): Promise<void> {
    const viewer = this.context!.viewer;
    // Everything live is member data, which an applicant never reads.
    if (viewer && isApplicant(viewer)) return this.fail(id, [applicantRefusedError(viewer.memberId)]);
    const { limits } = this.options;
    if (!limits) return this.start(id, payload);
    const decision = await limits.admitSubscribe(this.context!.viewer, this.peer.address);
    if (!decision.allowed) {
      return this.fail(id, [
        { message: rateLimitedMessage(decision), extensions: { code: RATE_LIMITED, scope: decision.scope, retryAfterSeconds: decision.retryAfterSeconds } },
      ]);
    }
    const document = limits.documentOf(payload, this.peer.fromBrowser);
    if ('error' in document) return this.fail(id, [this.format(document.error)]);
    return this.start(id, { ...payload, query: document.query });
  }

  private async start(id: string, payload: { query: string; variables?: Record<string, unknown> | null; operationName?: string | null }): Promise<void> {
    const { planner, hub } = this.options;
    const prepared = planner.prepare(payload.query, payload.operationName);
    switch (prepared.kind) {
      case 'invalid':
        return this.fail(
          id,
          prepared.errors.map((e) => this.format(withCode(e))),
        );
      case 'single': {
        const result = await this.options.executeSingle(
          { query: payload.query, variables: payload.variables ?? undefined, operationName: payload.operationName ?? undefined },
          this.context!,
        );
        if (!this.operations.has(id)) return;
        this.operations.delete(id);
        this.send(nextFrame(JSON.stringify(id), JSON.stringify(result)));
        this.send(completeFrame(id));
        return;
      }
      case 'subscription': {
        const coerced = planner.coerceVariables(prepared.plan, payload.variables);
        if ('errors' in coerced)
          return this.fail(
            id,
            coerced.errors.map((e) => this.format(e)),
          );
        const limits = this.options.limits;
        const broken = limits
          ? checkOperationLimits(planner.apiGraphQLSchema, prepared.plan.document, prepared.plan.operation, coerced.variables, limits.operation)
          : null;
        if (broken) return this.fail(id, [this.format(broken)]);
        if (!this.operations.has(id) || this.ended) return; // completed by the client meanwhile
        const quotedId = JSON.stringify(id);
        const stop = hub.subscribe({ next: (payload) => this.sendNext(quotedId, payload) }, prepared.plan, coerced.variables, this.context!);
        this.operations.set(id, stop);
        return;
      }
      default: {
        const unexpected: never = prepared;
        throw new Error(`unexpected prepared operation ${JSON.stringify(unexpected)}`);
      }
    }
  }

  private fail(id: string, errors: GraphQLFormattedError[]): void {
    if (!this.operations.has(id)) return;
    this.operations.delete(id);
    this.send(errorFrame(id, errors));
  }

  private format(error: GraphQLError): GraphQLFormattedError {
    return this.options.formatError(error.toJSON(), error);
  }

  private stop(id: string): void {
    const stop = this.operations.get(id);
    this.operations.delete(id);
    stop?.();
  }

  private stopAll(): void {
    for (const id of [...this.operations.keys()]) this.stop(id);
  }

  /**
   * Writes a frame unless the client holds too many unsent bytes — more than
   * `maxBufferedBytes`, or more than `slowConsumerBytes` for longer than the grace time:
   * then it is closed, never buffered further.
   */
  private send(frame: string): void {
    if (this.admitsFrame()) this.socket.send(frame);
  }

  /** An event of a group: its payload's bytes with this subscription's id spliced in, one write to the socket. */
  private sendNext(quotedId: string, payload: SerialisedPayload): void {
    if (!this.admitsFrame()) return;
    const tcp = this.tcp;
    if (!tcp) return this.socket.send(nextFrame(quotedId, payload.text));
    // A gateway that fell behind delivers several events of a group in one turn (they arrived
    // together upstream): from a socket's second frame in a turn on, it is corked until the turn
    // ends, so the rest go out in one system call, not one each. One frame a turn goes out at once.
    const turn = currentWriteTurn();
    if (turn === this.lastWriteTurn && !this.corked) {
      this.corked = true;
      tcp.cork();
      process.nextTick(() => {
        this.corked = false;
        tcp.uncork();
      });
    }
    this.lastWriteTurn = turn;
    tcp.write(nextWebSocketFrame(quotedId, payload));
  }

  /** Whether a frame may be written now; closes a slow consumer (see send). */
  private admitsFrame(): boolean {
    if (this.socket.readyState !== WebSocket.OPEN) return false;
    const buffered = this.socket.bufferedAmount;
    const { maxBufferedBytes, slowConsumerBytes, slowConsumerGraceMs } = this.options;
    let reason: string | null = null;
    if (buffered > maxBufferedBytes) reason = `slow consumer: more than ${maxBufferedBytes} bytes unsent`;
    else if (buffered > slowConsumerBytes) {
      const now = performance.now();
      this.backloggedSince ??= now;
      if (now - this.backloggedSince > slowConsumerGraceMs) reason = `slow consumer: more than ${slowConsumerBytes} bytes unsent for ${slowConsumerGraceMs} ms`;
    } else this.backloggedSince = null;
    if (!reason) return true;
    this.options.logger.warn({ bufferedBytes: buffered }, 'closing a slow subscriber');
    metrics.slowConsumerCloses.inc();
    this.close(SLOW_CONSUMER_CLOSE_CODE, reason);
    // A client that reads nothing never completes the close handshake: cut it after a while.
    setTimeout(() => this.socket.terminate(), 5000).unref();
    return false;
  }

  private close(code: number, reason: string): void {
    this.end();
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) this.socket.close(code, limitReason(reason));
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.initTimer);
    this.stopAll();
  }
}

/** Parse and validation errors carry the codes Apollo Server gives them over HTTP (the token limit is mapped by formatError). */
function withCode(error: GraphQLError): GraphQLError {
  if (error.extensions['code']) return error;
  const code = error.message.startsWith('Syntax Error') ? GatewayErrorCode.GRAPHQL_PARSE_FAILED : GatewayErrorCode.GRAPHQL_VALIDATION_FAILED;
  return new GraphQLError(error.message, { nodes: error.nodes ?? null, extensions: { ...error.extensions, code } });
}

/** A close reason is at most 123 bytes of UTF-8. */
function limitReason(reason: string): string {
  let limited = reason;
  while (Buffer.byteLength(limited) > 123) limited = limited.slice(0, -1);
  return limited;
}
