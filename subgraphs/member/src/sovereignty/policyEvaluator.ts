import type { Purpose } from '@clustergraph/runtime';
import { MEMBER_ROLES } from '@clustergraph/schema/values';
import type { DataCategoryName, GranularityName, SharingPolicyRow } from '../db/sovereignty.ts';

/** Roles a policy may name instead of a member id. */
export const GRANTEE_ROLES = [...MEMBER_ROLES, 'ANY_MEMBER'] as const;
export type GranteeRole = (typeof GRANTEE_ROLES)[number];

/** The terms the evaluator needs from a policy (a stored row satisfies it). */
export type PolicyTerms = Pick<SharingPolicyRow, 'id' | 'category' | 'grantee' | 'purpose' | 'granularity' | 'validFrom' | 'validUntil' | 'revokedAt'>;

/** Who reads: null for an anonymous visitor. */
export interface Reader {
  memberId: string;
  /** Cluster roles of the reader's firm (LEADER, PARTNER, ANCHOR), from the registry via the gateway. */
  memberRoles: readonly string[];
}

export interface ReadRequest {
  ownerId: string;
  reader: Reader | null;
  category: DataCategoryName;
  purpose: Purpose;
  now: Date;
}

export type DenyReason = 'NO_POLICY' | 'ANONYMOUS';

export type AccessDecision = { allowed: true; owner: boolean; granularity: GranularityName; policyId: string | null } | { allowed: false; reason: DenyReason };

export const OWNER_DECISION: AccessDecision = { allowed: true, owner: true, granularity: 'RAW', policyId: null };

/** A policy in force at `now` (validFrom inclusive, validUntil exclusive), not revoked. */
export function inForce(policy: PolicyTerms, now: Date): boolean {
  if (policy.revokedAt) return false;
  if (policy.validFrom.getTime() > now.getTime()) return false;
  return policy.validUntil === null || now.getTime() < policy.validUntil.getTime();
}

/** How specifically a policy names the reader: its firm (3), a role of its firm (2), any member (1), not at all (0). */
export function granteeMatch(grantee: string, reader: Reader): number {
  if (grantee === reader.memberId) return 3;
  if (grantee === 'ANY_MEMBER') return 1;
  if ((GRANTEE_ROLES as readonly string[]).includes(grantee) && reader.memberRoles.includes(grantee)) return 2;
  return 0;
}

/**
 * Decides one read. The owner's own users see everything of their firm. Another firm
 * needs a policy in force for the category whose grantee names it (by id or by one of
 * its roles, or ANY_MEMBER) and whose purpose is the request's or ANY; a RAW grant wins
 * over an AGGREGATED one, then the most specific grantee. An anonymous visitor sees what
 * is granted to ANY_MEMBER in PROFILE (the public profile), nothing else. Default: deny.
 */
export function evaluateRead(policies: readonly PolicyTerms[], request: ReadRequest): AccessDecision {
  const { reader } = request;
  if (reader && reader.memberId === request.ownerId) return OWNER_DECISION;
  let best: { policy: PolicyTerms; score: number } | null = null;
  for (const policy of policies) {
    if (policy.category !== request.category) continue;
    if (policy.purpose !== 'ANY' && policy.purpose !== request.purpose) continue;
    if (!inForce(policy, request.now)) continue;
    const match = reader ? granteeMatch(policy.grantee, reader) : request.category === 'PROFILE' && policy.grantee === 'ANY_MEMBER' ? 1 : 0;
    if (match === 0) continue;
    const score = (policy.granularity === 'RAW' ? 10 : 0) + match;
    if (!best || score > best.score) best = { policy, score };
  }
  if (!best) return { allowed: false, reason: reader ? 'NO_POLICY' : 'ANONYMOUS' };
  return { allowed: true, owner: false, granularity: best.policy.granularity, policyId: best.policy.id };
}
