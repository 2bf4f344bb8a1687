import manifest from './__generated__/persisted-documents.json' with { type: 'json' };

/**
 * The SDK's operations by their persisted id ("sha256:<hex>"), written by graphql-codegen's
 * client preset at build time (`pnpm codegen`). The gateway trusts exactly these ids (plus
 * any in TRUSTED_DOCUMENTS_FILE). A subpath of its own, so the console's bundle does not carry it.
 */
export const persistedDocuments: Readonly<Record<string, string>> = manifest;
