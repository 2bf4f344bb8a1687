import { execute, type DocumentNode, type GraphQLResolveInfo, type GraphQLSchema, Kind } from 'graphql';
import { PreparedEvent } from '@clustergraph/runtime';
import type { MemberAccess, ReadDecision } from '../sovereignty/access.ts';
import type { ForwardedAuth, Logger } from '@clustergraph/runtime';
import type { PolicyChanges } from '../sovereignty/policyChanges.ts';
import type { DeliveryGate } from './lineStatusGate.ts';
import { LineStatusGate } from './lineStatusGate.ts';
import type { LineEvent } from './types.ts';

/**
 * What a reader scope reads of a subscriber's request context (a MemberContext, passed on whole to
 * the shared execution); named here so this module does not import context.ts (an import cycle).
 */
export interface ReaderContext {
  auth: ForwardedAuth;
  access: MemberAccess;
  policyChanges: PolicyChanges;
  logger: Logger;
}

/** How many prepared responses a scope keeps (by seq) for subscribers that are a little behind. */
const PREPARED_KEEP = 2_000;

/** A read the shared execution made (field guards), to be counted once per subscriber it reached. */
interface CapturedRead {
  category: Parameters<MemberAccess['recordRead']>[0];
  decision: ReadDecision;
  records: number;
}

interface Prepared {
  event: PreparedEvent;
  reads: CapturedRead[];
}

/**
 * The subscribers of one reader scope: the same reader (firm, user, roles, purpose), the same
 * operation and the same variables (cursors aside), so they see the same fields under the same
 * policies. The scope decides LINE_STATUS once (one gate for all of them, redecided at policy
 * changes), executes the operation's selection once per event with one access object (policies
 * loaded once per 0.5 s for the scope, not per subscriber), serialises the response once, and
 * counts what each subscriber was served in the ledger per batch of events.
 */
export class ReaderScope {
  readonly gate: LineStatusGate;
  /** Settles when the scope's first LINE_STATUS decision is made (subscribers joining meanwhile wait for it). */
  ready: Promise<void> = Promise.resolve();
  private members = 0;
  private readonly prepared = new Map<number, Promise<Prepared>>();
  /** Ledger counts waiting for the end of the current batch: one entry per decision, records summed. */
  private readonly unrecorded = new Map<string, CapturedRead>();
  private flushQueued = false;
  private closed = false;

  constructor(
    readonly key: string,
    private readonly context: ReaderContext,
    private readonly schema: GraphQLSchema,
    private readonly document: DocumentNode,
    private readonly variableValues: Record<string, unknown>,
    private readonly operationName: string | undefined,
    private readonly onEmpty: (scope: ReaderScope) => void,
  ) {
    this.gate = new LineStatusGate(context.access, context.policyChanges, context.logger, () => Math.max(1, this.members));
  }

  /** A subscriber's view: the shared gate, whose close() only takes the subscriber out of the scope. */
  join(): DeliveryGate & { prepare(event: LineEvent): Promise<PreparedEvent> } {
    this.members += 1;
    // Joining a scope that is withheld is a refusal of this subscription (the gate records one when the scope starts).
    if (this.members > 1 && !this.gate.open && this.gate.refusal)
      this.context.access.recordRead('LINE_STATUS', { allowed: false, reason: this.gate.refusal }, 1);
    let left = false;
    const gate = this.gate;
    return {
      get open() {
        return gate.open;
      },
      get refusal() {
        return gate.refusal;
      },
      watch: (listener) => gate.watch(listener),
      delivered: () => {},
      prepare: async (event) => {
        const prepared = await this.prepare(event);
        this.count({ category: 'LINE_STATUS', decision: gate.currentDecision!, records: 1 });
        for (const read of prepared.reads) this.count(read);
        return prepared.event;
      },
      close: () => {
        if (left) return;
        left = true;
        this.members -= 1;
        if (this.members === 0) this.close();
      },
    };
  }

  private close(): void {
    this.closed = true;
    this.gate.close();
    this.flush();
    this.onEmpty(this);
  }

  /** The response to one event for this scope: executed once, whichever subscriber asks first. */
  private prepare(event: LineEvent): Promise<Prepared> {
    let prepared = this.prepared.get(event.seq);
    if (!prepared) {
      prepared = this.execute(event);
      this.prepared.set(event.seq, prepared);
      if (this.prepared.size > PREPARED_KEEP) this.prepared.delete(this.prepared.keys().next().value!);
    }
    return prepared;
  }

  private async execute(event: LineEvent): Promise<Prepared> {
    const reads: CapturedRead[] = [];
    const base = this.context.access;
    // The field guards record through this access: what they served is counted per subscriber on delivery, not here.
    const access: MemberAccess = Object.create(base, {
      recordRead: { value: (category: CapturedRead['category'], decision: ReadDecision, records: number) => void reads.push({ category, decision, records }) },
    });
    const result = await execute({
      schema: this.schema,
      document: this.document,
      rootValue: event,
      contextValue: { ...this.context, access },
      variableValues: this.variableValues,
      ...(this.operationName ? { operationName: this.operationName } : {}),
    });
    return { event: PreparedEvent.of(result), reads };
  }

  private count(read: CapturedRead): void {
    const d = read.decision;
    const key = `${read.category}|${d.allowed}|${d.allowed ? `${d.policyId}|${d.granularity}` : d.reason}`;
    const pending = this.unrecorded.get(key);
    if (pending) pending.records += read.records;
    else this.unrecorded.set(key, { ...read });
    if (!this.flushQueued) {
      this.flushQueued = true;
      setImmediate(() => this.flush());
    }
  }

  /** One ledger entry per decision for everything delivered in this batch (the ledger merges them further per flush). */
  private flush(): void {
    this.flushQueued = false;
    for (const read of this.unrecorded.values()) this.context.access.recordRead(read.category, read.decision, read.records);
    this.unrecorded.clear();
  }

  get isClosed(): boolean {
    return this.closed;
  }
}

/** The reader scopes of one member process, by key. */
export class ReaderScopes {
  private readonly scopes = new Map<string, ReaderScope>();

  get size(): number {
    return this.scopes.size;
  }

  /**
   * The scope of a subscription (created, and its LINE_STATUS decided, for the first subscriber).
   * `variables` are the subscription's coerced variables without its cursors.
   */
  async scopeOf(context: ReaderContext, info: GraphQLResolveInfo, variables: Record<string, unknown>): Promise<ReaderScope> {
    const viewer = context.auth.viewer;
    const source = info.operation.loc?.source.body ?? '';
    const key = JSON.stringify([
      viewer?.memberId ?? null,
      viewer?.userId ?? null,
      [...(viewer?.roles ?? [])].sort(),
      [...(viewer?.memberRoles ?? [])].sort(),
      context.auth.purpose,
      context.access.isOwner,
      info.operation.name?.value ?? null,
      source,
      variables,
    ]);
    const existing = this.scopes.get(key);
    if (existing && !existing.isClosed) {
      await existing.ready;
      return existing;
    }
    const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [info.operation, ...Object.values(info.fragments)] };
    const scope = new ReaderScope(key, context, info.schema, document, info.variableValues, info.operation.name?.value, (s) => {
      if (this.scopes.get(s.key) === s) this.scopes.delete(s.key);
    });
    this.scopes.set(key, scope);
    scope.ready = scope.gate.start();
    try {
      await scope.ready;
    } catch (error) {
      if (this.scopes.get(key) === scope) this.scopes.delete(key);
      scope.gate.close();
      throw error;
    }
    return scope;
  }
}
