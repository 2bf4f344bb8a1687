import type { Viewer } from './trust.ts';

/**
 * The one role an applicant's viewer carries: a person applying for a firm that is not (yet)
 * a member. The gateway gives it alone (no firm role, no cluster role) to a token of the demo
 * issuer's `applicant@<id>` or to an OIDC token with the applicant claim, and strips it from
 * every other token, so a subgraph can tell an applicant by it. An applicant may apply for its
 * own id and read its own application; it never reaches a member subgraph.
 */
export const APPLICANT_ROLE = 'applicant';

export function isApplicant(viewer: Viewer | null | undefined): boolean {
  return viewer?.roles.includes(APPLICANT_ROLE) ?? false;
}
