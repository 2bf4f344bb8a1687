import type { GatewayContext } from '../context.ts';

/**
 * What a member's policy checks depend on: subscribers with the same firm, roles, firm
 * roles and purpose see the same events, so they may share upstreams and results.
 */
export function readerScopeKey(context: GatewayContext): string {
  const viewer = context.viewer;
  return stableJson([viewer?.memberId ?? null, [...(viewer?.roles ?? [])].sort(), [...(viewer?.memberRoles ?? [])].sort(), context.purpose]);
}

/** JSON with object keys sorted, so that equal variables give equal keys. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
