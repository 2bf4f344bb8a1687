import { InputValidator } from '@clustergraph/runtime';
import { GRANTEE_ROLES } from '../sovereignty/policyEvaluator.ts';

/** Member ids as the cluster registry issues them. */
const MEMBER_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

export interface PolicyTermsInput {
  grantee: string;
  validFrom: Date;
  validUntil: Date | null;
}

/** A grantee is a role (LEADER, PARTNER, ANCHOR, ANY_MEMBER) or another firm's member id. */
export function validatePolicyTerms(terms: PolicyTermsInput, ownerId: string, prefix = 'input'): void {
  const v = new InputValidator();
  const isRole = (GRANTEE_ROLES as readonly string[]).includes(terms.grantee);
  v.check(isRole || MEMBER_ID_PATTERN.test(terms.grantee), `${prefix}.grantee`, `must be a member id or one of ${GRANTEE_ROLES.join(', ')}`);
  v.check(terms.grantee !== ownerId, `${prefix}.grantee`, 'your own users already see all of your data');
  v.check(!Number.isNaN(terms.validFrom.getTime()), `${prefix}.validFrom`, 'must be a valid instant');
  if (terms.validUntil) v.check(terms.validUntil.getTime() > terms.validFrom.getTime(), `${prefix}.validUntil`, 'must be after validFrom');
  v.throwIfInvalid();
}
