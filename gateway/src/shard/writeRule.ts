import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  parse,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { memberSdl } from '@clustergraph/schema';
import type { GatewayContext } from '../context.ts';
import { GatewayErrorCode } from '../errors.ts';

/**
 * The multi-firm rule (issue 13: a mutation for two firms, one refused, wrote the other and
 * answered `data: null`). Root mutations run one after another and every one is non-null, so a
 * part refused after another part wrote would null the whole answer although something was
 * stored. The gateway cannot dry-run a member's write (only the member knows its policies and
 * data), so a request that writes to a firm carries that one write and nothing else; the
 * refusal comes before anything runs. Cluster-only mutation documents are not affected.
 */

/** Root Mutation fields of the member standard (`type Mutation` and every `extend type Mutation`). */
export function memberMutationFields(sdl: string = memberSdl): Set<string> {
  const names = new Set<string>();
  for (const definition of parse(sdl).definitions) {
    if ((definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) && definition.name.value === 'Mutation') {
      for (const field of definition.fields ?? []) names.add(field.name.value);
    }
  }
  return names;
}

export interface WritePart {
  responseKey: string;
  fieldName: string;
  /** The firm a member write names; null for a cluster mutation or a member write without memberId (the viewer's firm). */
  memberId: string | null;
  toMember: boolean;
}

/** The root fields of a mutation (through fragments), each with where it writes. */
export function writeParts(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>>,
  memberFields: ReadonlySet<string>,
): WritePart[] | null {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation || operation.operation !== OperationTypeNode.MUTATION) return null;
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const fields: FieldNode[] = [];
  const collect = (set: SelectionSetNode, seen: Set<string>) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet, seen);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet, seen);
      }
    }
  };
  collect(operation.selectionSet, new Set());
  return fields
    .filter((field) => field.name.value !== '__typename')
    .map((field) => {
      const toMember = memberFields.has(field.name.value);
      const argument = field.arguments?.find((a) => a.name.value === 'memberId');
      const value: unknown = toMember && argument ? valueFromASTUntyped(argument.value, variables) : null;
      return { responseKey: field.alias?.value ?? field.name.value, fieldName: field.name.value, memberId: typeof value === 'string' ? value : null, toMember };
    });
}

/** The refusal, or null when the mutation may run. */
export function checkWriteRule(parts: readonly WritePart[]): GraphQLError | null {
  if (parts.length <= 1 || !parts.some((p) => p.toMember)) return null;
  const firms = [...new Set(parts.filter((p) => p.toMember).map((p) => p.memberId ?? '(your firm)'))];
  const others = parts.filter((p) => !p.toMember).length;
  const where = [firms.length === 1 ? `firm ${firms[0]}` : `firms ${firms.join(', ')}`, ...(others > 0 ? ['the cluster'] : [])].join(' and ');
  return new GraphQLError(
    `A request that writes to a firm carries that one write only: send these ${parts.length} writes (to ${where}) as separate requests, each with its own Idempotency-Key. Nothing was written.`,
    {
      extensions: {
        code: GatewayErrorCode.MULTI_PART_WRITE,
        memberIds: firms,
        fields: parts.map((p) => p.responseKey),
        http: { status: 400 },
      },
    },
  );
}

/** Refuses multi-part writes after validation, before the query plan runs. */
export function writeRulePlugin(memberFields: ReadonlySet<string> = memberMutationFields()): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const parts = writeParts(document, request.operationName, request.variables ?? {}, memberFields);
          const refusal = parts ? checkWriteRule(parts) : null;
          if (refusal) throw refusal;
        },
      };
    },
  };
}
