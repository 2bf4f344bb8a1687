import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import cors from 'cors';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { getOperationAST, parse, validate, type GraphQLSchema } from 'graphql';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { answerSubscriptionNotices } from './subscriptionNotice.ts';
import { preparedEventPayload, sendPreparedFrames, subscribeWithPreparedEvents } from './preparedEvents.ts';
import type { Logger } from 'pino';
import { ErrorCode, formatError } from './errors.ts';
import { jsonErrorHandler, jsonNotFound, requireJsonBody } from './httpErrors.ts';
import { apiSecurityHeaders } from './securityHeaders.ts';
import { bearerToken, type ForwardedAuth, type ServiceTokenVerifier } from './trust.ts';
import { isSdlProbe } from './probeScope.ts';
import { serviceObservability, type ServiceObservabilityOptions } from './serviceObservability.ts';
import { SocketTracker } from './socketTracker.ts';
import { keepIdleConnectionsOpen } from './keepAlive.ts';
import {
  DEADLINE_HEADER,
  DEFAULT_SERVICE_LIMITS,
  checkOperationLimits,
  deadlineExceededError,
  deadlinePlugin,
  limitParseOptions,
  operationLimitsPlugin,
  parseDeadline,
  tokenLimitErrorOf,
  withLimitErrors,
  type OperationLimits,
} from './limits/index.ts';

export interface ServiceAppOptions<TContext extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  logger: Logger;
  verifier: ServiceTokenVerifier;
  /** `idempotencyKey`: the Idempotency-Key header the gateway forwards with a write (null over graphql-ws). */
  createContext(auth: ForwardedAuth, request: { operationName: string | null; idempotencyKey?: string | null }): TContext | Promise<TContext>;
  /** Extra Apollo Server plugins (after the drain plugin). */
  plugins?: ApolloServerPlugin<TContext>[];
  /** Serve graphql-ws on the same path. */
  subscriptions?: boolean;
  exposeErrors?: boolean;
  /** Extra routes (health details, exports) before the GraphQL handler. */
  configure?(app: Express): void;
  /** Extra figures merged into the `/health` JSON (ingest counters, connections). */
  health?(): Record<string, unknown>;
  /** Depth, aliases, cost… enforced here too, whatever the gateway checked (default DEFAULT_SERVICE_LIMITS). */
  limits?: OperationLimits;
  /** Largest JSON body accepted (default 1 MiB). */
  maxBodyBytes?: number;
  /** /metrics, /ready, request spans and operation metrics (issue 17); without it, spans and metrics only. */
  observability?: ServiceObservabilityOptions;
  /** Called after the HTTP server stopped accepting, before stop() resolves. */
  onStop?(): Promise<void>;
}

export interface ServiceApp {
  start(port?: number, host?: string): Promise<{ url: string; port: number }>;
  stop(): Promise<void>;
}

/**
 * A service served by another process's HTTP server instead of its own port (the member host
 * serves many firms' member apps under `/firms/<id>/`): the caller strips its prefix from
 * `req.url` and hands the request or the WebSocket upgrade over.
 */
export interface MountedService {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** A graphql-ws upgrade; `req.url` must already be `/graphql`. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

export interface MountableServiceApp extends ServiceApp {
  /** Prepares everything start() does except listening; stop() as usual. */
  mount(): Promise<MountedService>;
}

const unauthenticatedBody = (message: string) => ({ errors: [{ message, extensions: { code: ErrorCode.UNAUTHENTICATED } }] });
const forbiddenBody = (message: string) => ({ errors: [{ message, extensions: { code: ErrorCode.FORBIDDEN, required: 'VIEWER_OR_SYSTEM' } }] });

/**
 * A subgraph service: Apollo Server over express on one HTTP server, graphql-ws on the
 * same path, every GraphQL request authenticated by the gateway-signed token.
 * `app.ts` builds it, `main.ts` listens; tests start the very same thing on port 0.
 */
export function createServiceApp<TContext extends BaseContext>(options: ServiceAppOptions<TContext>): MountableServiceApp {
  const { logger } = options;
  const limits = options.limits ?? DEFAULT_SERVICE_LIMITS;
  const observability = serviceObservability<TContext>(options.observability);
  const app = express();
  app.disable('x-powered-by');
  app.use(apiSecurityHeaders());
  const httpServer: Server = keepIdleConnectionsOpen(createServer(app));
  const sockets = new SocketTracker(httpServer);

  let wsServer: WebSocketServer | null = null;
  let wsCleanup: { dispose(): void | Promise<void> } | null = null;
  if (options.subscriptions) {
    wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
    // Before graphql-ws's own listener: frames of prepared events (shared per reader scope) are spliced, not re-serialised.
    wsServer.on('connection', (socket) => sendPreparedFrames(socket));
    wsCleanup = useServer<Record<string, unknown>, { auth?: ForwardedAuth; socket: import('ws').WebSocket }>(
      {
        schema: options.schema,
        subscribe: subscribeWithPreparedEvents as never,
        onNext: (ctx, id, payload, args, result) =>
          preparedEventPayload(ctx.extra.socket, id, result) ?? answerSubscriptionNotices(ctx, id, payload, args, result),
        // The same limits as over HTTP, before anything runs.
        onSubscribe: (_ctx, _id, payload) => {
          let document;
          try {
            document = parse(payload.query, limitParseOptions(limits));
          } catch (error) {
            const tokenError = tokenLimitErrorOf((error as Error).message, limits.maxTokens);
            return [tokenError ?? (error as Error as import('graphql').GraphQLError)];
          }
          const invalid = validate(options.schema, document);
          if (invalid.length > 0) return invalid;
          const operation = getOperationAST(document, payload.operationName);
          const broken = operation ? checkOperationLimits(options.schema, document, operation, payload.variables ?? {}, limits) : null;
          return broken ? [broken] : undefined;
        },
        onConnect: async (ctx) => {
          const raw = ctx.connectionParams?.['authorization'];
          const auth = await options.verifier.verify(bearerToken(typeof raw === 'string' ? raw : undefined));
          // A probe token is for the SDL check over HTTP only; subscriptions need a viewer's token.
          if (!auth || auth.probe) return false;
          ctx.extra.auth = auth;
          return true;
        },
        context: async (ctx, _id, payload) => options.createContext(ctx.extra.auth!, { operationName: payload.operationName ?? null }),
      },
      wsServer,
    );
  }

  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    introspection: true,
    // main.ts owns shutdown (close sockets, drain, close the database); Apollo's own
    // signal handlers would stop the server underneath it.
    stopOnTerminationSignals: false,
    formatError: withLimitErrors(formatError(options.exposeErrors ?? false, logger), limits),
    parseOptions: limitParseOptions(limits),
    // Stack traces are for the service's log; a client (and the gateway) gets them only when exposing errors.
    includeStacktraceInErrorResponses: options.exposeErrors ?? false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // No cache hints: nothing caches a subgraph's answers (the gateway sends no cache-control on),
      // and the default plugin's per-field hook was work on every field of every request.
      ApolloServerPluginCacheControlDisabled(),
      operationLimitsPlugin<TContext>(limits),
      deadlinePlugin<TContext>(),
      observability.plugin,
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup?.dispose();
            },
          };
        },
      },
      ...(options.plugins ?? []),
    ],
    logger,
  });

  let started = false;
  // Routes are added once, whether the service then listens or is mounted in another server.
  let preparing: Promise<void> | null = null;
  const prepare = () =>
    (preparing ??= (async () => {
      await apollo.start();
      started = true;
      app.get('/health', (_req, res) => {
        // pid: the launcher checks that its own process answers, not another one on the port.
        res.json({ status: 'ok', service: options.name, pid: process.pid, ...options.health?.() });
      });
      observability.mount(app);
      options.configure?.(app);
      app.use(
        '/graphql',
        cors<cors.CorsRequest>(),
        requireJsonBody(),
        express.json({ limit: options.maxBodyBytes ?? 1024 * 1024 }),
        (req, res, next) => {
          // Work for a caller that has given up is refused before it starts.
          const deadline = parseDeadline(req.header(DEADLINE_HEADER));
          if (deadline !== null && Date.now() > deadline) {
            const error = deadlineExceededError(deadline);
            res.status(504).json({ errors: [{ message: error.message, extensions: { code: error.extensions['code'] } }] });
            return;
          }
          next();
        },
        async (req, res, next) => {
          const checked = await options.verifier.check(bearerToken(req.headers.authorization));
          if (!checked.ok) {
            logger.debug({ reason: checked.reason }, 'gateway token refused');
            res
              .status(401)
              .json(
                unauthenticatedBody(
                  `a valid gateway token for this service is required (${checked.reason}); call this service through the ClusterGraph gateway`,
                ),
              );
            return;
          }
          const auth = checked.auth;
          if (auth.probe && !isSdlProbe(req.body?.query)) {
            res.status(403).json(forbiddenBody('a probe token allows only { _service { sdl } }'));
            return;
          }
          res.locals['auth'] = auth;
          next();
        },
        observability.traceRequests,
        expressMiddleware(apollo, {
          context: async ({ req, res }) =>
            options.createContext(res.locals['auth'] as ForwardedAuth, {
              operationName: typeof req.body?.operationName === 'string' ? req.body.operationName : null,
              idempotencyKey: req.header('idempotency-key') ?? null,
            }),
        }),
      );
      app.use(jsonNotFound(), jsonErrorHandler({ logger, exposeErrors: options.exposeErrors ?? false }));
    })());
  return {
    async mount() {
      await prepare();
      return {
        handle: (req, res) => void app(req, res),
        // The WebSocketServer listens for upgrades on the (never listening) httpServer.
        upgrade: (req, socket, head) => void httpServer.emit('upgrade', req, socket, head),
      };
    },
    async start(port = 0, host = '127.0.0.1') {
      await prepare();
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve());
      });
      const address = httpServer.address() as AddressInfo;
      const url = `http://${host}:${address.port}/graphql`;
      logger.info({ url }, `${options.name} listening`);
      return { url, port: address.port };
    },
    async stop() {
      if (wsServer) for (const client of wsServer.clients) client.close(1001, 'server shutting down');
      if (started) await apollo.stop();
      else httpServer.close();
      sockets.destroyAll();
      await options.onStop?.();
    },
  };
}
