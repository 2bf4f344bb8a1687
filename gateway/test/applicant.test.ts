import { describe, expect, it } from 'vitest';
import { APPLICANT_ROLE, isApplicant } from '@clustergraph/runtime';
import { AlreadyAMemberError, applicantViewer, applicationIsOpen, parseApplicantLogin, withoutApplicantRole } from '../src/auth/applicant.ts';
import type { MemberDirectory } from '../src/auth/types.ts';

const STATUSES: Record<string, string> = { lead: 'ACTIVE', susp: 'SUSPENDED', quar: 'QUARANTINED', pend: 'PENDING', rej: 'REJECTED' };
const directory: MemberDirectory = {
  memberStatus: (id) => STATUSES[id],
  memberRoles: (id) => (id in STATUSES ? [] : undefined),
  memberIds: () => Object.keys(STATUSES),
};

describe('applicant sign-in', () => {
  it('makes an applicant of a firm that is not registered, PENDING or REJECTED, with the one role applicant', () => {
    for (const id of ['newco', 'pend', 'rej']) {
      const viewer = applicantViewer(directory, `applicant@${id}`, id);
      expect(viewer).toEqual({ userId: `applicant@${id}`, memberId: id, roles: [APPLICANT_ROLE], memberRoles: [] });
      expect(isApplicant(viewer)).toBe(true);
      expect(applicationIsOpen(directory, id)).toBe(true);
    }
  });

  it('refuses a firm that is a member, whatever its standing', () => {
    for (const id of ['lead', 'susp', 'quar']) {
      expect(() => applicantViewer(directory, 'x', id), id).toThrow(AlreadyAMemberError);
      expect(applicationIsOpen(directory, id)).toBe(false);
    }
  });

  it('refuses a claim that is not a firm id the registry would take', () => {
    for (const claim of ['', 'A', 'Upper', 'with space', 'a'.repeat(41), 42, null, ['newco']]) {
      expect(() => applicantViewer(directory, 'x', claim), JSON.stringify(claim)).toThrow(/firm id/);
    }
  });

  it('reads applicant@<id> logins only', () => {
    expect(parseApplicantLogin('applicant@newco')).toBe('newco');
    expect(parseApplicantLogin('admin@newco')).toBeNull();
    expect(parseApplicantLogin('applicant@')).toBeNull();
    expect(parseApplicantLogin('xapplicant@newco')).toBeNull();
  });

  it('strips the applicant role from a member’s token roles', () => {
    expect(withoutApplicantRole(['admin', 'applicant', 'planner'])).toEqual(['admin', 'planner']);
    expect(isApplicant({ userId: 'a', memberId: 'cast', roles: withoutApplicantRole(['applicant']), memberRoles: ['PARTNER'] })).toBe(false);
  });
});
