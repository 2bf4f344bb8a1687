import { apiEnums, apiRootFields } from './__generated__/api-catalog.ts';

export type RootOperation = keyof typeof apiRootFields;

/**
 * Whether the public API (schema/api.graphql at codegen time) has a root field, e.g.
 * `hasApiField('Subscription', 'lineStatusChanged')`. Clients show a page or register
 * a command only when the API behind it has landed.
 */
export function hasApiField(operation: RootOperation, field: string): boolean {
  return (apiRootFields[operation] as readonly string[]).includes(field);
}

export { apiEnums, apiRootFields };
