import { print, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { PlanningUnavailableError } from '../errors.ts';
import type { ServiceIdentity } from './serviceIdentity.ts';
import { SERVICE_PURPOSE } from './serviceIdentity.ts';

export interface GatewayAnswer<TData> {
  data: TData | null;
  errors: GraphQLFormattedError[];
}

/**
 * GraphQL over HTTP to the gateway as the planner service (the leader, purpose JOINT_PLANNING).
 * Partial answers are normal — a member that is down yields null and a MEMBER_UNAVAILABLE
 * error — so the caller gets data and errors together and decides.
 */
export class GatewayClient {
  constructor(
    private readonly url: string,
    private readonly identity: ServiceIdentity,
    private readonly timeoutMs = 20_000,
  ) {}

  /** Sends a generated document (src/planning/operations/*.graphql) with its variables, typed by codegen. */
  async send<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
  ): Promise<GatewayAnswer<TData>> {
    return this.request<TData>(printed(document), variables, operationNameOf(document));
  }

  async request<TData>(query: string, variables: Record<string, unknown> = {}, operationName?: string): Promise<GatewayAnswer<TData>> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await this.identity.token()}`,
          'x-clustergraph-purpose': SERVICE_PURPOSE,
        },
        body: JSON.stringify({ query, variables, ...(operationName ? { operationName } : {}) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new PlanningUnavailableError(`the gateway at ${this.url} did not answer: ${(error as Error).message}`);
    }
    const text = await response.text();
    let body: { data?: TData | null; errors?: GraphQLFormattedError[] };
    try {
      body = JSON.parse(text);
    } catch {
      throw new PlanningUnavailableError(`the gateway answered HTTP ${response.status} without GraphQL: ${text.slice(0, 200)}`);
    }
    return { data: body.data ?? null, errors: body.errors ?? [] };
  }
}

const printedDocuments = new WeakMap<DocumentNode, string>();

/** A document's text, printed once. */
export function printed(document: DocumentNode): string {
  let text = printedDocuments.get(document);
  if (text === undefined) {
    text = print(document);
    printedDocuments.set(document, text);
  }
  return text;
}

function operationNameOf(document: DocumentNode): string | undefined {
  for (const definition of document.definitions) if (definition.kind === 'OperationDefinition' && definition.name) return definition.name.value;
  return undefined;
}

/** Member ids named by MEMBER_UNAVAILABLE (or other) errors of a partial answer. */
export function failedMemberIds(errors: readonly GraphQLFormattedError[]): Map<string, string> {
  const failed = new Map<string, string>();
  for (const error of errors) {
    const memberId = error.extensions?.['memberId'];
    if (typeof memberId === 'string' && !failed.has(memberId)) failed.set(memberId, error.message);
  }
  return failed;
}

export function describeErrors(errors: readonly GraphQLFormattedError[]): string {
  return errors.map((e) => `${e.message}${e.extensions?.['code'] ? ` (${String(e.extensions['code'])})` : ''}`).join('; ');
}
