import { InputValidator } from '@clustergraph/runtime';
import { GRANTEE_ROLES } from '../sovereignty/policyEvaluator.ts';

/** Member ids as the cluster registry issues them. */
const MEMBER_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** A policy's window lies in this century: earlier or later is a typo (0026 for 2026). */
const EARLIEST_INSTANT = Date.UTC(2000, 0, 1);
const LATEST_INSTANT = Date.UTC(2100, 0, 1);

export interface PolicyTermsInput {
  grantee: string;
  validFrom: Date;
  validUntil: Date | null;
}

const inCentury = (d: Date) => !Number.isNaN(d.getTime()) && d.getTime() >= EARLIEST_INSTANT && d.getTime() < LATEST_INSTANT;

/** A grantee is a role (LEADER, PARTNER, ANCHOR, ANY_MEMBER) or another firm's member id. */
export function validatePolicyTerms(terms: PolicyTermsInput, ownerId: string, prefix = 'input'): void {
  const v = new InputValidator();
  const isRole = (GRANTEE_ROLES as readonly string[]).includes(terms.grantee);
  v.check(isRole || MEMBER_ID_PATTERN.test(terms.grantee), `${prefix}.grantee`, `must be a member id or one of ${GRANTEE_ROLES.join(', ')}`);
  v.check(terms.grantee !== ownerId, `${prefix}.grantee`, 'your own users already see all of your data');
  v.check(inCentury(terms.validFrom), `${prefix}.validFrom`, 'must be a valid instant from 2000 to 2099');
  if (terms.validUntil) {
    v.check(inCentury(terms.validUntil), `${prefix}.validUntil`, 'must be a valid instant from 2000 to 2099');
    v.check(terms.validUntil.getTime() > terms.validFrom.getTime(), `${prefix}.validUntil`, 'must be after validFrom');
  }
  v.throwIfInvalid();
}
