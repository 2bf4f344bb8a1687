import { randomUUID } from 'node:crypto';
import { asc, eq, isNull } from 'drizzle-orm';
import { sharingPolicies, type SharingPolicyRow } from '../db/sovereignty.ts';
import type { MemberDatabase } from '../db/database.ts';
import type { PolicyTerms } from './policyEvaluator.ts';

export type NewPolicy = Pick<SharingPolicyRow, 'category' | 'grantee' | 'purpose' | 'granularity'> & {
  validFrom?: Date | undefined;
  validUntil?: Date | null | undefined;
};

/**
 * What every firm shares when it joins (ARCHITECTURE, data sovereignty): its profile and
 * capabilities with every cluster member, its capacity with the leader for joint
 * planning, and AI-transition insights with its anchor and the leader. Seeded once, into
 * an empty policy table; each is revocable like any other policy.
 */
export const DEFAULT_POLICIES: ReadonlyArray<NewPolicy & { id: string }> = [
  { id: 'default-profile', category: 'PROFILE', grantee: 'ANY_MEMBER', purpose: 'ANY', granularity: 'RAW' },
  { id: 'default-capability', category: 'CAPABILITY', grantee: 'ANY_MEMBER', purpose: 'ANY', granularity: 'RAW' },
  { id: 'default-capacity-leader', category: 'CAPACITY', grantee: 'LEADER', purpose: 'JOINT_PLANNING', granularity: 'RAW' },
  { id: 'default-ai-insights-anchor', category: 'AI_INSIGHTS', grantee: 'ANCHOR', purpose: 'AI_TRANSITION', granularity: 'RAW' },
  { id: 'default-ai-insights-leader', category: 'AI_INSIGHTS', grantee: 'LEADER', purpose: 'AI_TRANSITION', granularity: 'RAW' },
];

export const SYSTEM_AUTHOR = 'system';

/** Seeds the defaults when no policy was ever written (revoked rows stay, so this runs once). */
export async function seedDefaultPolicies(db: MemberDatabase, now = new Date()): Promise<boolean> {
  const [any] = await db.select({ id: sharingPolicies.id }).from(sharingPolicies).limit(1);
  if (any) return false;
  await db
    .insert(sharingPolicies)
    .values(
      DEFAULT_POLICIES.map((p) => ({ ...p, validFrom: now, validUntil: null, createdBy: SYSTEM_AUTHOR, isDefault: true, createdAt: now, updatedAt: now })),
    )
    .onConflictDoNothing();
  return true;
}

/** Seeds a demo profile's grants (deterministic ids, so a second start adds nothing). */
export async function seedPolicies(db: MemberDatabase, policies: readonly NewPolicy[], author: string, now = new Date()): Promise<number> {
  if (policies.length === 0) return 0;
  const rows = policies.map((p) => ({
    id: `seed-${p.category}-${p.grantee}-${p.purpose}-${p.granularity}`.toLowerCase().replace(/_/g, '-'),
    category: p.category,
    grantee: p.grantee,
    purpose: p.purpose,
    granularity: p.granularity,
    validFrom: p.validFrom ?? now,
    validUntil: p.validUntil ?? null,
    createdBy: author,
  }));
  const inserted = await db.insert(sharingPolicies).values(rows).onConflictDoNothing().returning({ id: sharingPolicies.id });
  return inserted.length;
}

/** The policies not revoked (validity windows are checked per read by the evaluator). */
/**
 * The active policies, read once: an async function, so callers get a settled-once promise. A
 * drizzle query builder is a thenable that runs its SQL again on every `then` — cached as it
 * was (PolicyCache), every request read the policies again, two or three times.
 */
export async function loadActivePolicies(db: MemberDatabase): Promise<PolicyTerms[]> {
  return await db.select().from(sharingPolicies).where(isNull(sharingPolicies.revokedAt));
}

export function listPolicies(db: MemberDatabase, includeRevoked: boolean): Promise<SharingPolicyRow[]> {
  return db
    .select()
    .from(sharingPolicies)
    .where(includeRevoked ? undefined : isNull(sharingPolicies.revokedAt))
    .orderBy(asc(sharingPolicies.createdAt), asc(sharingPolicies.id));
}

export async function findPolicy(db: MemberDatabase, id: string): Promise<SharingPolicyRow | null> {
  const [row] = await db.select().from(sharingPolicies).where(eq(sharingPolicies.id, id));
  return row ?? null;
}

export async function insertPolicy(db: MemberDatabase, policy: NewPolicy, author: string, now = new Date()): Promise<SharingPolicyRow> {
  const [row] = await db
    .insert(sharingPolicies)
    .values({
      id: `pol-${randomUUID()}`,
      category: policy.category,
      grantee: policy.grantee,
      purpose: policy.purpose,
      granularity: policy.granularity,
      validFrom: policy.validFrom ?? now,
      validUntil: policy.validUntil ?? null,
      createdBy: author,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}
