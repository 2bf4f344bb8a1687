import {
  Kind,
  parse,
  parseType,
  print,
  valueFromASTUntyped,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLObjectType,
  type OperationDefinitionNode,
  type TypeNode,
  type VariableDefinitionNode,
} from 'graphql';
import { variableNamesIn } from '../variableNames.ts';

/** Variables the gateway owns in every primary fetch: which member, and from which cursor it resumes. */
export const MEMBER_IDS_VARIABLE = '_cgMemberIds';
export const RESUME_FROM_VARIABLE = '_cgResumeFrom';
/** Aliases the gateway adds to the event selection so it can resume and de-duplicate whatever the client selected. */
export const SEQ_ALIAS = '_cgSeq';
export const MEMBER_ID_ALIAS = '_cgMemberId';

export interface MemberCursor {
  memberId: string;
  seq: number;
}

/**
 * The primary fetch of a subscription plan, rewritten so that one member can be asked for
 * its own events: `memberIds` and `resumeFrom` become gateway-owned variables (set per member
 * upstream) and the event's `memberId`/`seq` are always selected (under gateway aliases).
 */
export interface PrimaryOperation {
  /** The operation sent to every member upstream. */
  query: string;
  operationName: string | undefined;
  /** Response key of the subscription field in the member's answer. */
  responseKey: string;
  /** Whether the event type carries `seq`/`memberId` (resume and de-duplication need both). */
  sequenced: boolean;
  /** Client variables the primary still uses (after `memberIds`/`resumeFrom` were taken over). */
  variableNames: string[];
  /** Values of the gateway-owned variables for one member's upstream, resuming after `seq` when given. */
  gatewayVariables(memberId: string, seq: number | undefined): Record<string, unknown>;
  /** `memberIds` the client asked for; null = every routable member (and those joining later). */
  memberIdsOf(variables: Readonly<Record<string, unknown>>): string[] | null;
  /** Cursors the client passed in `resumeFrom`, by member. */
  resumeFromOf(variables: Readonly<Record<string, unknown>>): Map<string, number>;
}

/**
 * Rewrites the planner's primary fetch (`subscription X($m: [ID!]) { lineStatusChanged(memberIds: $m …) { … } }`).
 * `subscriptionField` is the field's definition in the supergraph, used for argument types.
 */
export function rewritePrimaryOperation(operationText: string, subscriptionField: GraphQLField<unknown, unknown>): PrimaryOperation {
  const document = parse(operationText);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error('the primary fetch has no operation');
  const rootField = operation.selectionSet.selections.find((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value !== '__typename');
  if (!rootField) throw new Error('the primary fetch selects no subscription field');
  const memberIdsArg = rootField.arguments?.find((a) => a.name.value === 'memberIds');
  const resumeFromArg = rootField.arguments?.find((a) => a.name.value === 'resumeFrom');
  const argumentType = (name: string): TypeNode | null => {
    const definition = subscriptionField.args.find((a) => a.name === name);
    return definition ? parseType(String(definition.type)) : null;
  };
  const memberIdsType = argumentType('memberIds');
  const resumeFromType = argumentType('resumeFrom');
  const eventType = namedObjectType(subscriptionField);
  const sequenced = Boolean(eventType?.getFields()['seq'] && eventType.getFields()['memberId']);

  const gatewayArguments: ArgumentNode[] = [];
  const gatewayVariables: VariableDefinitionNode[] = [];
  const takeOver = (name: string, variable: string, type: TypeNode | null) => {
    if (!type) return;
    gatewayArguments.push({
      kind: Kind.ARGUMENT,
      name: { kind: Kind.NAME, value: name },
      value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: variable } },
    });
    gatewayVariables.push({ kind: Kind.VARIABLE_DEFINITION, variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: variable } }, type });
  };
  takeOver('memberIds', MEMBER_IDS_VARIABLE, memberIdsType);
  takeOver('resumeFrom', RESUME_FROM_VARIABLE, resumeFromType);

  const aliased = (alias: string, name: string): FieldNode => ({
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: alias },
    name: { kind: Kind.NAME, value: name },
  });
  const rewrittenField: FieldNode = {
    ...rootField,
    arguments: [...(rootField.arguments ?? []).filter((a) => a.name.value !== 'memberIds' && a.name.value !== 'resumeFrom'), ...gatewayArguments],
    selectionSet: rootField.selectionSet && {
      ...rootField.selectionSet,
      selections: [...(sequenced ? [aliased(MEMBER_ID_ALIAS, 'memberId'), aliased(SEQ_ALIAS, 'seq')] : []), ...rootField.selectionSet.selections],
    },
  };
  const withField: OperationDefinitionNode = {
    ...operation,
    selectionSet: { ...operation.selectionSet, selections: operation.selectionSet.selections.map((s) => (s === rootField ? rewrittenField : s)) },
  };
  // Client variables that only fed memberIds/resumeFrom are now unused: members reject those.
  const used = variableNamesIn({ ...document, definitions: document.definitions.map((d) => (d === operation ? withField : d)) });
  const rewritten: OperationDefinitionNode = {
    ...withField,
    variableDefinitions: [...(operation.variableDefinitions ?? []).filter((d) => used.has(d.variable.name.value)), ...gatewayVariables],
  };
  const finalDocument: DocumentNode = { ...document, definitions: document.definitions.map((d) => (d === operation ? rewritten : d)) };

  return {
    query: print(finalDocument),
    operationName: operation.name?.value,
    responseKey: rootField.alias?.value ?? rootField.name.value,
    sequenced,
    variableNames: [...used],
    gatewayVariables(memberId, seq) {
      const values: Record<string, unknown> = {};
      if (memberIdsType) values[MEMBER_IDS_VARIABLE] = [memberId];
      if (resumeFromType) values[RESUME_FROM_VARIABLE] = seq === undefined ? null : [{ memberId, seq }];
      return values;
    },
    memberIdsOf(variables) {
      if (!memberIdsArg) return null;
      const value: unknown = valueFromASTUntyped(memberIdsArg.value, variables);
      if (value == null) return null;
      return (Array.isArray(value) ? value : [value]).map(String);
    },
    resumeFromOf(variables) {
      const cursors = new Map<string, number>();
      if (!resumeFromArg) return cursors;
      const value: unknown = valueFromASTUntyped(resumeFromArg.value, variables);
      for (const cursor of Array.isArray(value) ? value : value == null ? [] : [value]) {
        const { memberId, seq } = (cursor ?? {}) as Partial<MemberCursor>;
        if (memberId == null || typeof seq !== 'number') continue;
        // Two cursors for one member: the later one wins (nothing before it is replayed twice).
        cursors.set(String(memberId), Math.max(seq, cursors.get(String(memberId)) ?? -Infinity));
      }
      return cursors;
    },
  };
}

function namedObjectType(field: GraphQLField<unknown, unknown>): GraphQLObjectType | null {
  let type: unknown = field.type;
  while (type && typeof type === 'object' && 'ofType' in type && (type as { ofType: unknown }).ofType) type = (type as { ofType: unknown }).ofType;
  return type && typeof type === 'object' && 'getFields' in type ? (type as GraphQLObjectType) : null;
}
