import pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { GraphQLError } from 'graphql';
import { HeaderMap } from '@apollo/server';
import type { Logger, Viewer } from '@clustergraph/runtime';
import { GatewayErrorCode } from '../errors.ts';

export const RATE_LIMITED = GatewayErrorCode.RATE_LIMITED;

export type RateScope = 'user' | 'firm' | 'address';

export interface RateLimitsConfig {
  userPerSecond: number;
  firmPerSecond: number;
  addressPerSecond: number;
  /** PostgreSQL shared by the gateway's replicas; in memory (one gateway) when unset. */
  databaseUrl: string | undefined;
}

export type RateDecision = { allowed: true } | { allowed: false; scope: RateScope; retryAfterSeconds: number };

/** Who a request counts against: the signed-in person, their firm and the address it came from. */
export interface RateSubject {
  viewer: Viewer | null;
  address: string | undefined;
}

/**
 * Requests per second per user, per firm and per address (rate-limiter-flexible): one
 * point per HTTP operation or graphql-ws subscribe. Counters live in memory for one
 * gateway, or in PostgreSQL (RateLimiterPostgres) when replicas must share them.
 */
export class RequestRateLimiter {
  private readonly limiters: Array<{ scope: RateScope; limiter: RateLimiterAbstract }> = [];
  private readonly pool: pg.Pool | null;
  /** Resolves once the shared table exists (or at once, in memory); requests wait for it. */
  private readonly ready: Promise<void>;

  constructor(config: RateLimitsConfig, logger: Logger) {
    this.pool = config.databaseUrl ? new pg.Pool({ connectionString: config.databaseUrl, max: 4, connectionTimeoutMillis: 5_000 }) : null;
    this.pool?.on('error', (error) => logger.warn({ err: error }, 'rate limit database error'));
    const make = (scope: RateScope, points: number, shared: boolean) => {
      if (points <= 0) return;
      const options = { keyPrefix: `cg_${scope}`, points, duration: 1 };
      // A rate limit store that is down must not take the gateway with it: fall back to memory.
      const limiter =
        shared && this.pool
          ? new RateLimiterPostgres({
              ...options,
              storeClient: this.pool,
              storeType: 'pool',
              tableName: RATE_LIMIT_TABLE,
              tableCreated: true,
              insuranceLimiter: new RateLimiterMemory(options),
            })
          : new RateLimiterMemory(options);
      this.limiters.push({ scope, limiter });
    };
    const makeAll = (shared: boolean) => {
      // Narrowest first: a user over their own limit does not use up their firm's (or address's) points.
      make('user', config.userPerSecond, shared);
      make('firm', config.firmPerSecond, shared);
      make('address', config.addressPerSecond, shared);
    };
    if (!this.pool) {
      makeAll(false);
      this.ready = Promise.resolve();
      return;
    }
    // The table is created here, once, under an advisory lock: the library's own CREATE TABLE IF
    // NOT EXISTS, run by each limiter and each replica at once, races in PostgreSQL ("type already
    // exists") and its rejection would be unhandled.
    this.ready = createRateLimitTable(this.pool).then(
      () => makeAll(true),
      (error: unknown) => {
        logger.warn({ err: error }, 'rate limit table could not be created; counting in memory for this gateway');
        makeAll(false);
      },
    );
  }

  /** Takes one point from each of the subject's buckets in `scopes`; the first one empty refuses. */
  async consume(subject: RateSubject, scopes: readonly RateScope[] = ['address', 'firm', 'user']): Promise<RateDecision> {
    await this.ready;
    for (const { scope, limiter } of this.limiters) {
      if (!scopes.includes(scope)) continue;
      const key = keyOf(scope, subject);
      if (key === null) continue;
      try {
        await limiter.consume(key);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        return { allowed: false, scope, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
      }
    }
    return { allowed: true };
  }

  async close(): Promise<void> {
    await this.ready;
    await this.pool?.end();
  }
}

const RATE_LIMIT_TABLE = 'clustergraph_rate_limits';
/** Any fixed number; the gateways that share a database agree on it. */
const RATE_LIMIT_TABLE_LOCK = 0x6367726c;

/** The table RateLimiterPostgres expects (its own schema), created by one gateway at a time. */
async function createRateLimitTable(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [RATE_LIMIT_TABLE_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${RATE_LIMIT_TABLE} (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

function keyOf(scope: RateScope, subject: RateSubject): string | null {
  switch (scope) {
    case 'user':
      return subject.viewer ? `${subject.viewer.memberId}/${subject.viewer.userId}` : null;
    case 'firm':
      return subject.viewer?.memberId ?? null;
    case 'address':
      return subject.address ?? null;
    default: {
      const unexpected: never = scope;
      throw new Error(`unexpected rate scope ${String(unexpected)}`);
    }
  }
}

export function rateLimitedMessage(decision: Extract<RateDecision, { allowed: false }>): string {
  return `Too many requests for this ${decision.scope}; retry after ${decision.retryAfterSeconds} s`;
}

/** The refusal as a GraphQL error: HTTP 429 with Retry-After (Apollo Server copies extensions.http to the response). */
export function rateLimitedError(decision: Extract<RateDecision, { allowed: false }>): GraphQLError {
  return new GraphQLError(rateLimitedMessage(decision), {
    extensions: {
      code: RATE_LIMITED,
      scope: decision.scope,
      retryAfterSeconds: decision.retryAfterSeconds,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(decision.retryAfterSeconds)]]) },
    },
  });
}
