import type { DocumentNode } from 'graphql';

/** The persisted id ("sha256:<hex>") codegen embedded in a generated document (`__meta__.hash`), if any. */
export function persistedIdOf(document: DocumentNode): string | undefined {
  const hash = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  return typeof hash === 'string' ? hash : undefined;
}

/** The APQ-style extension that names a persisted document. */
export function persistedQueryExtension(id: string): { persistedQuery: { version: 1; sha256Hash: string } } {
  return { persistedQuery: { version: 1, sha256Hash: id } };
}
