import { randomUUID } from 'node:crypto';
import { ForbiddenError, type ForwardedAuth, type Purpose } from '@clustergraph/runtime';
import type { DataCategoryName, GranularityName } from '../db/sovereignty.ts';
import { toDataCategory, type AggregatedForm, type CategoryName } from './categories.ts';
import { evaluateRead, OWNER_DECISION, type AccessDecision, type PolicyTerms } from './policyEvaluator.ts';
import type { UsageLedger } from './usageLedger.ts';

/** Data categories, in the SDL's spelling (LINE_STATUS) or the resolvers' (lineStatus). */
export type DataCategory = CategoryName;

/** How long one access object reuses the policies it loaded: a request, or ≤ 0.5 s of a subscription. */
export const POLICY_REFRESH_MS = 500;

/** How ledger entries name a visitor who did not sign in. */
export const ANONYMOUS_READER = '(anonymous)';

/** Why a read was refused (extensions.reason). */
export type RefusalReason = 'NO_POLICY' | 'ANONYMOUS' | 'AGGREGATED_ONLY' | 'OWNER_ONLY';

export type ReadDecision = AccessDecision | { allowed: false; reason: RefusalReason };

/**
 * The one place where resolvers ask whether a read or write is allowed (the firm's
 * sharing policies) and where reads by other firms are written to the usage ledger.
 * One instance per request (HTTP) or per subscription (graphql-ws).
 */
export interface MemberAccess {
  /** True when the viewer is one of the owner's own users (they see everything of their firm). */
  readonly isOwner: boolean;
  /** Throws FORBIDDEN (and records the refusal) unless the category may be read at row level. */
  assertCanRead(category: DataCategory): Promise<void>;
  /** Writes are the owner's; `leaderMay` lets the cluster leader's users write too (allocation proposals). */
  assertCanWrite(category: DataCategory, options?: { leaderMay?: boolean }): Promise<void>;
  /** The decision for a read of the category in the given form, without recording or throwing. */
  decide(category: DataCategory, form?: AggregatedForm, recordIsAggregate?: boolean): Promise<ReadDecision>;
  /**
   * For subscriptions and other pushes: decides, records the read (allowed: `records`
   * delivered; denied: one refusal) and returns the decision without throwing. Call it per
   * event; policy changes reach it within POLICY_REFRESH_MS.
   */
  canRead(category: DataCategory, read?: { records?: number; form?: AggregatedForm }): Promise<ReadDecision>;
  /** Forgets the policies loaded so far: the next decision reads them again (after a policy change). */
  refreshPolicies(): void;
  /** The next instant at which a policy of the category starts or ends (validity windows), or null. */
  nextValidityChange(category: DataCategory): Promise<Date | null>;
  /** Records a read decided earlier (the field guard does this with the number of records served). */
  recordRead(category: DataCategory, decision: ReadDecision, records: number): void;
  /** The FORBIDDEN error for a refused read (null + this error is what the reader gets). */
  forbidden(category: DataCategory, reason: RefusalReason): ForbiddenError;
  /** Owner's users only (policies, ledger); throws FORBIDDEN naming the field otherwise. */
  assertOwner(field: string): void;
  /** Owner's admins only (grant, change, revoke). */
  assertOwnerAdmin(field: string): void;
}

/** What categories mean under AGGREGATED when a resolver asks without naming a form. */
const DEFAULT_FORMS: Record<DataCategoryName, AggregatedForm> = {
  PROFILE: 'as-is',
  CAPABILITY: 'as-is',
  CAPACITY: 'as-is',
  ORDERS: 'per-row',
  PRODUCTION: 'aggregates',
  QUALITY: 'per-row',
  ENERGY: 'per-row',
  LINE_STATUS: 'per-row',
  AI_INSIGHTS: 'as-is',
};

/** Applies a grant's granularity to the form in which a field serves its data. */
export function applyGranularity(decision: AccessDecision, form: AggregatedForm, recordIsAggregate = false): ReadDecision {
  if (!decision.allowed || decision.granularity === 'RAW') return decision;
  switch (form) {
    case 'as-is':
    case 'aggregates':
      return decision;
    case 'per-row':
      return { allowed: false, reason: 'AGGREGATED_ONLY' };
    case 'follows-record':
      return recordIsAggregate ? decision : { allowed: false, reason: 'AGGREGATED_ONLY' };
    default: {
      const unreachable: never = form;
      throw new Error(`unknown aggregated form ${String(unreachable)}`);
    }
  }
}

/** Apollo Gateway names subgraph fetches `<Operation>__<subgraph>__<n>`; the ledger keeps the client's name. */
export function clientOperationName(name: string | null | undefined): string | null {
  if (!name) return null;
  return name.replace(/__[A-Za-z0-9_-]+__\d+$/, '') || null;
}

export interface MemberAccessDeps {
  ownerId: string;
  auth: ForwardedAuth;
  operationName: string | null;
  loadPolicies(): Promise<PolicyTerms[]>;
  ledger: Pick<UsageLedger, 'record'>;
  now?: () => Date;
}

/** Enforces the owner's sharing policies for one request or subscription. */
export function createMemberAccess(deps: MemberAccessDeps): MemberAccess {
  const { ownerId, auth } = deps;
  const now = deps.now ?? (() => new Date());
  const viewer = auth.viewer;
  const isOwner = viewer !== null && viewer.memberId === ownerId;
  const operationName = clientOperationName(deps.operationName);
  const instanceId = randomUUID();
  let policies: { loadedAt: number; value: Promise<PolicyTerms[]> } | null = null;

  const currentPolicies = () => {
    const at = Date.now();
    if (!policies || at - policies.loadedAt > POLICY_REFRESH_MS) {
      const value = deps.loadPolicies();
      policies = { loadedAt: at, value };
      value.catch(() => (policies = null));
    }
    return policies.value;
  };

  const evaluate = async (category: DataCategoryName): Promise<AccessDecision> => {
    if (isOwner) return OWNER_DECISION;
    const reader = viewer ? { memberId: viewer.memberId, memberRoles: viewer.memberRoles } : null;
    return evaluateRead(await currentPolicies(), { ownerId, reader, category, purpose: auth.purpose, now: now() });
  };

  const forbidden = (category: DataCategory, reason: RefusalReason) => {
    const name = toDataCategory(category);
    const why =
      reason === 'AGGREGATED_ONLY'
        ? `only weekly aggregates of ${name} are shared with you`
        : reason === 'ANONYMOUS'
          ? `sign in: ${name} is not public`
          : `no sharing policy of ${ownerId} grants ${name} for ${auth.purpose}`;
    return new ForbiddenError(`${ownerId} does not share this: ${why}`, { category: name, purpose: auth.purpose as Purpose, memberId: ownerId, reason });
  };

  const recordRead = (category: DataCategory, decision: ReadDecision, records: number) => {
    // The gateway's system identity never reaches a member (its verifier refuses it), so every non-owner read is recorded.
    if (isOwner) return;
    const name = toDataCategory(category);
    const policyId = decision.allowed ? decision.policyId : null;
    const granularity: GranularityName | null = decision.allowed ? decision.granularity : null;
    deps.ledger.record(
      {
        at: now(),
        readerMemberId: viewer?.memberId ?? ANONYMOUS_READER,
        readerUserId: viewer?.userId ?? null,
        category: name,
        purpose: auth.purpose,
        operationName,
        records,
        allowed: decision.allowed,
        policyId,
        granularity,
      },
      `${instanceId}|${name}|${decision.allowed}|${policyId}|${granularity}`,
    );
  };

  const decide = async (category: DataCategory, form?: AggregatedForm, recordIsAggregate = false): Promise<ReadDecision> => {
    const name = toDataCategory(category);
    return applyGranularity(await evaluate(name), form ?? DEFAULT_FORMS[name], recordIsAggregate);
  };

  const assertOwner = (field: string) => {
    if (isOwner) return;
    throw new ForbiddenError(`${field} is for ${ownerId}'s own users only`, {
      required: 'OWNER',
      field,
      purpose: auth.purpose,
      memberId: ownerId,
      reason: 'OWNER_ONLY',
    });
  };

  return {
    isOwner,
    decide,
    refreshPolicies() {
      policies = null;
    },
    async nextValidityChange(category) {
      const name = toDataCategory(category);
      const at = now().getTime();
      let next: number | null = null;
      for (const policy of await currentPolicies()) {
        if (policy.category !== name || policy.revokedAt) continue;
        for (const edge of [policy.validFrom, policy.validUntil]) {
          const t = edge?.getTime();
          if (t !== undefined && t > at && (next === null || t < next)) next = t;
        }
      }
      return next === null ? null : new Date(next);
    },
    recordRead,
    forbidden,
    assertOwner,
    async assertCanRead(category) {
      const decision = await decide(category);
      if (decision.allowed) return;
      recordRead(category, decision, 1);
      throw forbidden(category, decision.reason);
    },
    async canRead(category, read = {}) {
      const decision = await decide(category, read.form);
      recordRead(category, decision, decision.allowed ? (read.records ?? 1) : 1);
      return decision;
    },
    async assertCanWrite(category, options = {}) {
      if (isOwner) return;
      if (options.leaderMay && viewer?.memberRoles.includes('LEADER')) return;
      throw new ForbiddenError(`only ${ownerId}'s own users may change its ${toDataCategory(category)} data`, {
        required: 'OWNER',
        category: toDataCategory(category),
        purpose: auth.purpose,
        memberId: ownerId,
      });
    },
    assertOwnerAdmin(field) {
      assertOwner(field);
      if (viewer!.roles.includes('admin')) return;
      throw new ForbiddenError(`${field} needs an admin of ${ownerId}`, { required: 'OWNER_ADMIN', field, purpose: auth.purpose, memberId: ownerId });
    },
  };
}
