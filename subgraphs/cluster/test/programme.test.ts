import { describe, expect, it } from 'vitest';
import type { ForwardedAuth } from '@clustergraph/runtime';
import { baselinePeriod, currentPeriod, plantMonday } from '../src/programmes/periods.ts';
import { checkPeriod, checkSuppliers, requireAnchorAdmin } from '../src/programmes/programmeAccess.ts';
import type { MemberRow } from '../src/db/schema.ts';

const member = (id: string, roles: MemberRow['roles'], status: MemberRow['status'] = 'ACTIVE'): MemberRow =>
  ({ id, name: id, roles, status, region: null, endpoint: 'http://x', statusReason: null, joinedAt: new Date(), updatedAt: new Date() }) as MemberRow;
const auth = (memberId: string, roles: string[]): ForwardedAuth =>
  ({ system: false, purpose: 'AI_TRANSITION', viewer: { userId: `${roles[0]}@${memberId}`, memberId, roles, memberRoles: [] } }) as unknown as ForwardedAuth;

describe('support programme periods', () => {
  it('uses the weeks before the start as baseline and the last complete weeks as current (KST weeks)', () => {
    expect(baselinePeriod('2026-03-02', 4)).toEqual({ from: '2026-02-02', to: '2026-03-01', weeks: 4 });
    // Sunday 2026-03-22 20:00 UTC is Monday 05:00 KST: the week of 23 March has begun.
    const now = new Date('2026-03-22T20:00:00Z');
    expect(plantMonday(now)).toBe('2026-03-23');
    expect(currentPeriod('2026-03-02', 3, now)).toEqual({ from: '2026-03-02', to: '2026-03-22', weeks: 3 });
    // Not started yet: nothing to compare, the current period is the baseline.
    expect(currentPeriod('2026-04-06', 3, now)).toEqual(baselinePeriod('2026-04-06', 3));
  });
});

describe('support programme rules', () => {
  const anchor = member('kmobility', ['ANCHOR']);
  it('lets only admins of an ANCHOR member start its programme', () => {
    expect(() => requireAnchorAdmin(auth('kmobility', ['admin']), anchor, 'kmobility')).not.toThrow();
    expect(() => requireAnchorAdmin(auth('kmobility', ['planner']), anchor, 'kmobility')).toThrow(/only an admin of kmobility/);
    expect(() => requireAnchorAdmin(auth('mirae-cnc', ['admin']), anchor, 'kmobility')).toThrow(/only an admin/);
    expect(() => requireAnchorAdmin(auth('mirae-cnc', ['admin']), member('mirae-cnc', ['PARTNER']), 'mirae-cnc')).toThrow(/not an ANCHOR/);
  });

  it('needs an ACTIVE anchor whose ANCHOR role the leader granted', () => {
    // An applicant that asked for ANCHOR has been granted nothing yet.
    expect(() => requireAnchorAdmin(auth('newco', ['admin']), member('newco', [], 'PENDING'), 'newco')).toThrow(/not an ANCHOR/);
    for (const status of ['PENDING', 'SUSPENDED', 'QUARANTINED'] as const) {
      expect(() => requireAnchorAdmin(auth('kmobility', ['admin']), member('kmobility', ['ANCHOR'], status), 'kmobility')).toThrow(
        new RegExp(`kmobility is ${status}`),
      );
    }
  });

  it('checks suppliers and periods', () => {
    const found = new Map([
      ['mirae-cnc', member('mirae-cnc', ['PARTNER'])],
      ['sejin-heat', member('sejin-heat', ['PARTNER'], 'SUSPENDED')],
    ]);
    expect(() => checkSuppliers(['mirae-cnc'], 'kmobility', found)).not.toThrow();
    expect(() => checkSuppliers([], 'kmobility', found)).toThrow(/at least one/);
    expect(() => checkSuppliers(['mirae-cnc', 'mirae-cnc'], 'kmobility', found)).toThrow(/listed twice/);
    expect(() => checkSuppliers(['kmobility'], 'kmobility', found)).toThrow(/own supplier/);
    expect(() => checkSuppliers(['ghost'], 'kmobility', found)).toThrow(/not a member/);
    expect(() => checkSuppliers(['sejin-heat'], 'kmobility', found)).toThrow(/SUSPENDED/);
    expect(() => checkPeriod('2026-03-03', 4)).toThrow(/Monday/);
    expect(() => checkPeriod('2026-03-02', 0)).toThrow(/1–26/);
    expect(() => checkPeriod('2026-03-02', 4)).not.toThrow();
  });
});
