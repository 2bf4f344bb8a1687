import { readFileSync } from 'node:fs';
import { GraphQLError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { GatewayErrorCode } from '../errors.ts';

export const PERSISTED_QUERY_NOT_TRUSTED = GatewayErrorCode.PERSISTED_QUERY_NOT_TRUSTED;

/** Document id (sha256 of the document as generated) → document, as graphql-codegen's client preset writes it. */
export type TrustedDocumentManifest = ReadonlyMap<string, string>;

export function loadTrustedDocuments(file: string): TrustedDocumentManifest {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error(`${file}: a trusted document manifest is a JSON object of id → document`);
  const manifest = new Map<string, string>();
  for (const [id, document] of Object.entries(parsed)) {
    if (typeof document !== 'string') throw new Error(`${file}: document ${id} is not a string`);
    manifest.set(id, document);
  }
  return manifest;
}

/**
 * Trusted documents (persisted queries from a manifest built with the clients). A request that
 * names a manifest id by `extensions.persistedQuery.sha256Hash` and sends no query runs that
 * document; with `onlyFromBrowsers`, a browser (a request with an Origin header) may send
 * nothing else — a page that runs a script cannot send free-form operations any more.
 */
export function trustedDocumentsPlugin<TContext extends Record<string, unknown> | object>(
  manifest: TrustedDocumentManifest,
  onlyFromBrowsers: boolean,
): ApolloServerPlugin<TContext & object> {
  return {
    async requestDidStart({ request }) {
      const id =
        request.extensions?.['persistedQuery'] && typeof request.extensions['persistedQuery'] === 'object'
          ? (request.extensions['persistedQuery'] as { sha256Hash?: unknown }).sha256Hash
          : undefined;
      const trusted = typeof id === 'string' ? manifest.get(id) : undefined;
      if (trusted !== undefined) {
        // Answered from the manifest, whatever text came along: Apollo's APQ cache is not consulted (nor filled).
        request.query = trusted;
        delete request.extensions!['persistedQuery'];
      } else if (typeof id === 'string' && id.startsWith('sha256:') && request.query !== undefined) {
        // A manifest-style id this gateway does not know, resent with its text (a client newer
        // than the gateway, urql's retry after PersistedQueryNotFound): run the text as any other.
        delete request.extensions!['persistedQuery'];
      }
      const fromBrowser = request.http?.headers.get('origin') !== undefined || request.http?.headers.get('apollo-require-preflight') !== undefined;
      if (!onlyFromBrowsers || !fromBrowser || trusted !== undefined) return {};
      return {
        async didResolveOperation() {
          throw new GraphQLError('This gateway accepts only trusted documents (persisted ids from the ClusterGraph clients) from browsers', {
            extensions: { code: PERSISTED_QUERY_NOT_TRUSTED, http: { status: 400 } },
          });
        },
      };
    },
  };
}
