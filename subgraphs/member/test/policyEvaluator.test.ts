import { describe, expect, it } from 'vitest';
import { evaluateRead, type PolicyTerms, type ReadRequest } from '../src/sovereignty/policyEvaluator.ts';
import { applyGranularity, clientOperationName } from '../src/sovereignty/access.ts';
import { DEFAULT_POLICIES } from '../src/sovereignty/policyStore.ts';

const NOW = new Date('2026-03-10T12:00:00Z');
const policy = (p: Partial<PolicyTerms> & Pick<PolicyTerms, 'id' | 'category' | 'grantee'>): PolicyTerms => ({
  purpose: 'ANY',
  granularity: 'RAW',
  validFrom: new Date('2026-01-01T00:00:00Z'),
  validUntil: null,
  revokedAt: null,
  ...p,
});
const defaults = DEFAULT_POLICIES.map((p) => policy({ ...p, validFrom: new Date('2026-01-01T00:00:00Z') }));
const leader = { memberId: 'lead', memberRoles: ['LEADER', 'PARTNER'] };
const partner = { memberId: 'cast', memberRoles: ['PARTNER'] };
const anchor = { memberId: 'anchor', memberRoles: ['ANCHOR'] };
const ask = (policies: PolicyTerms[], r: Partial<ReadRequest>) =>
  evaluateRead(policies, { ownerId: 'heat', reader: partner, category: 'PRODUCTION', purpose: 'MONITORING', now: NOW, ...r });

describe('policy evaluator', () => {
  it('lets the owner’s own users see everything, with no policy at all', () => {
    for (const category of ['ORDERS', 'QUALITY', 'ENERGY', 'LINE_STATUS'] as const) {
      expect(ask([], { reader: { memberId: 'heat', memberRoles: ['PARTNER'] }, category })).toEqual({
        allowed: true,
        owner: true,
        granularity: 'RAW',
        policyId: null,
      });
    }
  });

  it('defaults: profile and capability to any member, capacity to the leader for joint planning only, AI insights to anchor and leader', () => {
    expect(ask(defaults, { category: 'PROFILE' })).toMatchObject({ allowed: true, policyId: 'default-profile' });
    expect(ask(defaults, { category: 'CAPABILITY', purpose: 'BENCHMARKING' })).toMatchObject({ allowed: true, policyId: 'default-capability' });
    expect(ask(defaults, { category: 'CAPACITY', reader: leader, purpose: 'JOINT_PLANNING' })).toMatchObject({
      allowed: true,
      policyId: 'default-capacity-leader',
    });
    expect(ask(defaults, { category: 'CAPACITY', reader: leader, purpose: 'MONITORING' })).toEqual({ allowed: false, reason: 'NO_POLICY' });
    expect(ask(defaults, { category: 'CAPACITY', reader: partner, purpose: 'JOINT_PLANNING' })).toEqual({ allowed: false, reason: 'NO_POLICY' });
    expect(ask(defaults, { category: 'AI_INSIGHTS', reader: anchor, purpose: 'AI_TRANSITION' })).toMatchObject({
      allowed: true,
      policyId: 'default-ai-insights-anchor',
    });
    expect(ask(defaults, { category: 'AI_INSIGHTS', reader: anchor, purpose: 'MONITORING' })).toMatchObject({ allowed: false });
    for (const category of ['ORDERS', 'PRODUCTION', 'QUALITY', 'ENERGY', 'LINE_STATUS'] as const) {
      for (const reader of [leader, partner, anchor]) expect(ask(defaults, { category, reader, purpose: 'JOINT_PLANNING' }).allowed).toBe(false);
    }
  });

  it('gives anonymous visitors the public profile only', () => {
    expect(ask(defaults, { reader: null, category: 'PROFILE' })).toMatchObject({ allowed: true });
    expect(ask(defaults, { reader: null, category: 'CAPABILITY' })).toEqual({ allowed: false, reason: 'ANONYMOUS' });
    // A grant to a role or a firm never reaches a visitor.
    expect(ask([policy({ id: 'p', category: 'PRODUCTION', grantee: 'PARTNER' })], { reader: null })).toEqual({ allowed: false, reason: 'ANONYMOUS' });
  });

  it('matches grantees by member id, by role of the reader’s firm, or ANY_MEMBER', () => {
    const byId = [policy({ id: 'p', category: 'PRODUCTION', grantee: 'cast' })];
    expect(ask(byId, {}).allowed).toBe(true);
    expect(ask(byId, { reader: { memberId: 'castle', memberRoles: ['PARTNER'] } }).allowed).toBe(false);
    const byRole = [policy({ id: 'p', category: 'PRODUCTION', grantee: 'LEADER' })];
    expect(ask(byRole, { reader: leader }).allowed).toBe(true);
    expect(ask(byRole, { reader: partner }).allowed).toBe(false);
    // A member id that looks like a role is still only that member's, and roles are never read from the id.
    expect(ask([policy({ id: 'p', category: 'PRODUCTION', grantee: 'leader' })], { reader: leader }).allowed).toBe(false);
  });

  it('matches the purpose exactly or ANY', () => {
    const monitoring = [policy({ id: 'p', category: 'LINE_STATUS', grantee: 'cast', purpose: 'MONITORING' })];
    expect(ask(monitoring, { category: 'LINE_STATUS', purpose: 'MONITORING' }).allowed).toBe(true);
    expect(ask(monitoring, { category: 'LINE_STATUS', purpose: 'BENCHMARKING' }).allowed).toBe(false);
  });

  it('honours validity windows and revocation', () => {
    const future = [policy({ id: 'p', category: 'PRODUCTION', grantee: 'cast', validFrom: new Date('2026-04-01T00:00:00Z') })];
    expect(ask(future, {}).allowed).toBe(false);
    const expired = [policy({ id: 'p', category: 'PRODUCTION', grantee: 'cast', validUntil: NOW })];
    expect(ask(expired, {}).allowed).toBe(false); // validUntil is exclusive
    const open = [policy({ id: 'p', category: 'PRODUCTION', grantee: 'cast', validUntil: new Date(NOW.getTime() + 1) })];
    expect(ask(open, {}).allowed).toBe(true);
    expect(ask([{ ...open[0]!, revokedAt: NOW }], {}).allowed).toBe(false);
  });

  it('prefers a RAW grant over an AGGREGATED one, then the most specific grantee', () => {
    const both = [
      policy({ id: 'agg-by-id', category: 'PRODUCTION', grantee: 'cast', granularity: 'AGGREGATED' }),
      policy({ id: 'raw-any', category: 'PRODUCTION', grantee: 'ANY_MEMBER' }),
      policy({ id: 'raw-role', category: 'PRODUCTION', grantee: 'PARTNER' }),
    ];
    expect(ask(both, {})).toMatchObject({ allowed: true, granularity: 'RAW', policyId: 'raw-role' });
    expect(ask(both.slice(0, 1), {})).toMatchObject({ allowed: true, granularity: 'AGGREGATED', policyId: 'agg-by-id' });
  });

  it('serves an AGGREGATED grant only where the data has an aggregate form', () => {
    const aggregated = { allowed: true as const, owner: false, granularity: 'AGGREGATED' as const, policyId: 'p' };
    expect(applyGranularity(aggregated, 'aggregates')).toBe(aggregated);
    expect(applyGranularity(aggregated, 'as-is')).toBe(aggregated);
    expect(applyGranularity(aggregated, 'per-row')).toEqual({ allowed: false, reason: 'AGGREGATED_ONLY' });
    expect(applyGranularity(aggregated, 'follows-record', false)).toEqual({ allowed: false, reason: 'AGGREGATED_ONLY' });
    expect(applyGranularity(aggregated, 'follows-record', true)).toBe(aggregated);
    const raw = { ...aggregated, granularity: 'RAW' as const };
    expect(applyGranularity(raw, 'per-row')).toBe(raw);
  });

  it('keeps the client’s operation name from the gateway’s fetch name', () => {
    expect(clientOperationName('ClusterOverview__member__0')).toBe('ClusterOverview');
    expect(clientOperationName('Plain')).toBe('Plain');
    expect(clientOperationName(null)).toBeNull();
  });
});
