import { Kind, parse, type DocumentNode, type SelectionSetNode } from 'graphql';

/**
 * The one operation a probe token allows: `{ _service { sdl } }` (the gateway's SDL
 * compatibility check). Named or not, `__typename` aside, nothing else: no other field, no
 * fragment, no variables, no mutation or subscription.
 */
export function isSdlProbe(query: unknown): boolean {
  if (typeof query !== 'string' || query.length > 1000) return false;
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: true });
  } catch {
    return false;
  }
  if (document.definitions.length !== 1) return false;
  const [operation] = document.definitions;
  if (operation?.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'query') return false;
  if ((operation.variableDefinitions?.length ?? 0) > 0 || (operation.directives?.length ?? 0) > 0) return false;
  const service = onlyField(operation.selectionSet, '_service');
  return service?.selectionSet !== undefined && onlyField(service.selectionSet, 'sdl') !== null;
}

function onlyField(selectionSet: SelectionSetNode, name: string) {
  let found = null;
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || (selection.directives?.length ?? 0) > 0 || (selection.arguments?.length ?? 0) > 0 || selection.alias) return null;
    if (selection.name.value === '__typename') continue;
    if (selection.name.value !== name || found) return null;
    found = selection;
  }
  return found;
}
