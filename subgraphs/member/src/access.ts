import type { ForwardedAuth } from '@clustergraph/runtime';

/** Data categories a firm's sharing policies speak about (see ARCHITECTURE, data sovereignty). */
export type DataCategory = 'profile' | 'capability' | 'capacity' | 'orders' | 'production' | 'quality' | 'energy' | 'lineStatus';

/**
 * The one place where resolvers ask whether a read or write is allowed. Every resolver
 * calls it before touching data, so the sharing policies (and the usage ledger) can be
 * enforced here alone, without editing resolvers.
 */
export interface MemberAccess {
  assertCanRead(category: DataCategory): Promise<void>;
  assertCanWrite(category: DataCategory): Promise<void>;
}

/**
 * Allows everything the gateway forwarded. Policies are not built yet (the data-sovereignty
 * work replaces this); the gateway's signed token is already required for every request.
 */
export function allowAllAccess(_auth: ForwardedAuth): MemberAccess {
  return {
    async assertCanRead() {},
    async assertCanWrite() {},
  };
}
