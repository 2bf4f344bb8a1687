import { visit, type DocumentNode } from 'graphql';

/**
 * The variables a document uses (not the ones it only declares): what a part of an operation
 * sent on its own (a mutation's part for one member, a subscription's primary fetch) must
 * declare and be sent values for.
 */
export function variableNamesIn(document: DocumentNode): Set<string> {
  const names = new Set<string>();
  visit(document, {
    VariableDefinition: () => false,
    Variable(variable) {
      names.add(variable.name.value);
    },
  });
  return names;
}
