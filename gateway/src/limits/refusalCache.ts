import type { RequestHandler } from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { LimitErrorCode } from '@clustergraph/runtime';

/** Refusals that depend on the document alone (cost depends on variables too, and is not kept). */
const DOCUMENT_LIMITS: ReadonlySet<string> = new Set([
  LimitErrorCode.TOKEN_LIMIT_EXCEEDED,
  LimitErrorCode.DEPTH_LIMIT_EXCEEDED,
  LimitErrorCode.ALIAS_LIMIT_EXCEEDED,
  LimitErrorCode.ROOT_FIELD_LIMIT_EXCEEDED,
]);

/**
 * Documents already refused by a document-only limit, by their exact text: an attacker who
 * repeats one (the usual case) is answered from here, before token verification, parsing
 * and validation, so that refusing costs less than the requests of everyone else.
 */
export class RefusalCache {
  private readonly refused = new Map<string, GraphQLFormattedError>();

  /** At most `maxEntries` documents of at most `maxQueryLength` characters each (64 MiB in all by default). */
  constructor(
    private readonly maxEntries = 1000,
    private readonly maxQueryLength = 64 * 1024,
  ) {}

  /** Remembers the refusal of `query` when its code is a document-only limit. */
  remember(query: string, error: GraphQLFormattedError): void {
    if (!DOCUMENT_LIMITS.has(String(error.extensions?.['code'])) || query.length > this.maxQueryLength) return;
    if (this.refused.size >= this.maxEntries) this.refused.delete(this.refused.keys().next().value!);
    this.refused.set(query, { message: error.message, extensions: error.extensions });
  }

  get(query: string): GraphQLFormattedError | undefined {
    return this.refused.get(query);
  }

  /** Express: answers a known refused document at once (after the body parser). */
  middleware(): RequestHandler {
    return (req, res, next) => {
      const query = (req.body as { query?: unknown } | undefined)?.query;
      const known = typeof query === 'string' ? this.refused.get(query) : undefined;
      if (!known) return next();
      res.status(400).json({ errors: [known] });
    };
  }

  /** Apollo: remembers what the operation limits (and the parser's token limit) refused. */
  plugin<TContext extends object>(): ApolloServerPlugin<TContext> {
    return {
      requestDidStart: async () => ({
        willSendResponse: async ({ request, response }) => {
          if (typeof request.query !== 'string' || response.body.kind !== 'single') return;
          const first = response.body.singleResult.errors?.[0];
          if (first && response.body.singleResult.data === undefined) this.remember(request.query, first);
        },
      }),
    };
  }
}
