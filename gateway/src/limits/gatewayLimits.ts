import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { limitParseOptions, operationLimitsPlugin, withLimitErrors, type Logger, type OperationLimits, type Viewer } from '@clustergraph/runtime';
import { persistedDocuments } from '@clustergraph/sdk/persisted-documents';
import type { GatewayLimitsConfig } from '../config.ts';
import { GatewayErrorCode } from '../errors.ts';
import { MemberCircuitBreakers } from './circuitBreaker.ts';
import { clientAddressResolver, type ClientAddressOf } from './clientAddress.ts';
import { gatewayOperationLimits } from './operationLimits.ts';
import { RefusalCache } from './refusalCache.ts';
import { RequestRateLimiter, rateLimitedError, type RateDecision } from './rateLimits.ts';
import { PERSISTED_QUERY_NOT_TRUSTED, loadTrustedDocuments, trustedDocumentsPlugin } from './trustedDocuments.ts';

export const PERSISTED_QUERY_HASH_MISMATCH = GatewayErrorCode.PERSISTED_QUERY_HASH_MISMATCH;

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** Everything that bounds what one client can make the gateway and the members do. */
export interface GatewayLimits {
  config: GatewayLimitsConfig;
  operation: OperationLimits;
  rate: RequestRateLimiter;
  breakers: MemberCircuitBreakers;
  refusals: RefusalCache;
  /** The address a request counts against: the peer's, or the client's behind a trusted proxy. */
  clientAddressOf: ClientAddressOf;
  /** Apollo Server plugins: trusted documents first, then the operation limits. */
  plugins<TContext extends object>(): ApolloServerPlugin<TContext>[];
  parseOptions: { maxTokens: number };
  formatError(inner: FormatError): FormatError;
  /** Counts one request of a signed-in viewer against its user and firm; throws RATE_LIMITED (429). */
  consumeViewer(viewer: Viewer | null): Promise<void>;
  /** One graphql-ws subscribe against the viewer's user, firm and the socket's address. */
  admitSubscribe(viewer: Viewer | null, address: string | undefined): Promise<RateDecision>;
  /** The document a graphql-ws subscribe runs: its query, or the trusted document its id names. */
  documentOf(payload: { query?: unknown; extensions?: unknown }, fromBrowser: boolean): { query: string } | { error: GraphQLError };
  close(): Promise<void>;
}

export function createGatewayLimits(config: GatewayLimitsConfig, options: { memberTimeoutMs: number; logger: Logger }): GatewayLimits {
  const operation = gatewayOperationLimits(config.operation);
  const rate = new RequestRateLimiter(config.rate, options.logger);
  const breakers = new MemberCircuitBreakers({
    ...config.breaker,
    probeTimeoutMs: Math.min(options.memberTimeoutMs, 2000),
    logger: options.logger.child({ component: 'circuit-breaker' }),
  });
  const refusals = new RefusalCache();
  // The SDK's own operations (console, CLI) are always trusted; a file adds other clients' ids.
  const manifest = new Map([
    ...Object.entries(persistedDocuments),
    ...(config.trustedDocuments.file ? loadTrustedDocuments(config.trustedDocuments.file) : []),
  ]);
  return {
    config,
    operation,
    rate,
    breakers,
    refusals,
    clientAddressOf: clientAddressResolver(config.trustedProxies ?? []),
    plugins: <TContext extends object>() => [
      trustedDocumentsPlugin<TContext>(manifest, config.trustedDocuments.onlyFromBrowsers),
      operationLimitsPlugin<TContext>(operation),
      refusals.plugin<TContext>(),
    ],
    parseOptions: limitParseOptions(operation),
    formatError(inner) {
      const limited = withLimitErrors(inner, operation);
      return (formatted, error) => {
        // Apollo's own check gives this error no code (it would be masked as INTERNAL_SERVER_ERROR).
        if (formatted.message === 'provided sha does not match query') {
          return inner(
            {
              message: 'extensions.persistedQuery.sha256Hash: the hash does not match the query sent',
              extensions: { code: PERSISTED_QUERY_HASH_MISMATCH, field: 'extensions.persistedQuery.sha256Hash' },
            },
            error,
          );
        }
        return limited(formatted, error);
      };
    },
    async consumeViewer(viewer) {
      if (!viewer) return;
      const decision = await rate.consume({ viewer, address: undefined }, ['firm', 'user']);
      if (!decision.allowed) throw rateLimitedError(decision);
    },
    admitSubscribe: (viewer, address) => rate.consume({ viewer, address }),
    documentOf(payload, fromBrowser) {
      const persisted =
        typeof payload.extensions === 'object' && payload.extensions !== null
          ? (payload.extensions as { persistedQuery?: { sha256Hash?: unknown } }).persistedQuery
          : undefined;
      const trusted = typeof persisted?.sha256Hash === 'string' ? manifest.get(persisted.sha256Hash) : undefined;
      // A trusted id wins over any text sent with it (graphql-ws clients must send a query): the manifest's copy runs.
      if (trusted !== undefined) return { query: trusted };
      if (fromBrowser && config.trustedDocuments.onlyFromBrowsers) {
        return {
          error: new GraphQLError('This gateway accepts only trusted documents (persisted ids from the ClusterGraph clients) from browsers', {
            extensions: { code: PERSISTED_QUERY_NOT_TRUSTED },
          }),
        };
      }
      if (typeof payload.query !== 'string')
        return {
          error: new GraphQLError(persisted ? 'PersistedQueryNotFound' : 'a subscribe message needs a query', {
            extensions: { code: persisted ? GatewayErrorCode.PERSISTED_QUERY_NOT_FOUND : GatewayErrorCode.BAD_REQUEST },
          }),
        };
      return { query: payload.query };
    },
    async close() {
      breakers.close();
      await rate.close();
    },
  };
}
