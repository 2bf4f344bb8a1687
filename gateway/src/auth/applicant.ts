import { GraphQLError } from 'graphql';
import { APPLICANT_ROLE, UnauthenticatedError, type Viewer } from '@clustergraph/runtime';
import { GatewayErrorCode } from '../errors.ts';
import type { MemberDirectory } from './types.ts';

/**
 * Applicants: people of a firm that is not a member yet, signed in to apply. Their token names
 * the firm id they apply for (the demo issuer's `applicant@<id>`, or an OIDC token with the
 * applicant claim, AUTH_APPLICANT_CLAIM, default `applicant_for`). The viewer they become has
 * the one role `applicant`, no firm role and no cluster role; the cluster subgraph lets it apply
 * for that id and read its application, and the gateway never lets it reach a member subgraph.
 * It works while the firm is not registered, PENDING or REJECTED; once the firm is a member its
 * people sign in as members.
 */
export const APPLICANT_USER = 'applicant';

/** The firm ids the registry accepts (mirrors the cluster subgraph's registration rule). */
const FIRM_ID_PATTERN = /^[a-z0-9-]{2,40}$/;

/** The registry statuses under which a firm's applicants still sign in: none yet, PENDING, REJECTED. */
export function applicationIsOpen(directory: MemberDirectory, memberId: string): boolean {
  const status = directory.memberStatus(memberId);
  return status === undefined || status === 'PENDING' || status === 'REJECTED';
}

/** An applicant sign-in for a firm that is a member already. */
export class AlreadyAMemberError extends GraphQLError {
  constructor(
    readonly memberId: string,
    readonly status: string,
  ) {
    super(`${memberId} is a member of this cluster already (${status}): sign in as one of its users, not as an applicant`, {
      extensions: { code: GatewayErrorCode.ALREADY_A_MEMBER, memberId, status, http: { status: 403 } },
    });
  }
}

/** The viewer of an applicant's token, or why there is none. */
export function applicantViewer(directory: MemberDirectory, userId: string, memberId: unknown): Viewer {
  if (typeof memberId !== 'string' || !FIRM_ID_PATTERN.test(memberId)) {
    throw new UnauthenticatedError('an applicant token must name the firm id it applies for (2–40 lowercase letters, digits or hyphens)');
  }
  if (!applicationIsOpen(directory, memberId)) throw new AlreadyAMemberError(memberId, directory.memberStatus(memberId) ?? 'registered');
  return { userId, memberId, roles: [APPLICANT_ROLE], memberRoles: [] };
}

/** `applicant` is the gateway's to give: a member's token naming it among its roles does not become an applicant (nor loses anything). */
export function withoutApplicantRole(roles: readonly string[]): string[] {
  return roles.filter((role) => role !== APPLICANT_ROLE);
}

/** `applicant@<id>` → the id it applies for; null for any other login. */
export function parseApplicantLogin(login: string): string | null {
  const m = /^applicant@([a-z0-9-]+)$/.exec(login);
  return m ? m[1]! : null;
}
