import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { UnauthenticatedError, ForbiddenError, type Purpose, type Viewer } from '@clustergraph/runtime';
import type { MemberDirectory } from './types.ts';
import { activeMemberRoles } from './memberStanding.ts';

/**
 * The cluster subgraph's service identity. Its planner reads members' capacity and proposes
 * allocations *through the gateway*, so the members' sharing policies and usage ledgers apply
 * to it as to anyone. It signs its own short-lived ES256 JWTs (key served at the cluster
 * subgraph's /.well-known/jwks.json, configured here as CLUSTER_SERVICE_JWKS_URL) and is
 * accepted as exactly one viewer:
 *
 *   { userId: 'service:planner', memberId: <the member the token names, which the registry
 *     must list as LEADER>, roles: ['planner'], memberRoles: <from the registry> }
 *
 * and only for purpose JOINT_PLANNING (the x-clustergraph-purpose header must say so). A
 * stolen cluster key therefore reads no more than the leader's planners could, for planning.
 * Constants mirror subgraphs/cluster/src/planning/serviceIdentity.ts.
 */
export const CLUSTER_SERVICE_ISSUER = 'clustergraph-cluster';
export const CLUSTER_SERVICE_AUDIENCE = 'clustergraph-gateway';
export const SERVICE_SUBJECTS: ReadonlySet<string> = new Set(['service:planner']);
export const SERVICE_PURPOSE: Purpose = 'JOINT_PLANNING';

export class ServiceIdentityVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(
    jwksUrl: string,
    private readonly directory: MemberDirectory,
  ) {
    // Fetched on first use and cached (jose refreshes on an unknown kid), so the cluster
    // subgraph may start after the gateway.
    this.keys = createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: 5_000 });
  }

  /** True when the token says it comes from the cluster service (unverified peek at `iss`). */
  static claims(token: string): boolean {
    try {
      return decodeJwt(token).iss === CLUSTER_SERVICE_ISSUER;
    } catch {
      return false;
    }
  }

  async authenticate(token: string, purpose: Purpose | undefined): Promise<Viewer> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: CLUSTER_SERVICE_ISSUER,
        audience: CLUSTER_SERVICE_AUDIENCE,
        algorithms: ['ES256'],
        requiredClaims: ['exp', 'sub'],
        maxTokenAge: '10m',
      }));
    } catch (error) {
      throw new UnauthenticatedError(`invalid service token: ${(error as Error).message}`);
    }
    const subject = payload.sub ?? '';
    if (!SERVICE_SUBJECTS.has(subject)) throw new UnauthenticatedError(`unknown service identity "${subject}"`);
    const memberId = payload['member_id'];
    const memberRoles = typeof memberId === 'string' ? this.directory.memberRoles(memberId) : undefined;
    if (typeof memberId !== 'string' || !memberRoles?.includes('LEADER')) {
      throw new UnauthenticatedError(`the cluster service acts for the cluster leader only, and ${String(memberId)} is not the leader`);
    }
    activeMemberRoles(this.directory, memberId);
    if (purpose !== SERVICE_PURPOSE) {
      throw new ForbiddenError(`the cluster service identity is for purpose ${SERVICE_PURPOSE} only`, { required: SERVICE_PURPOSE });
    }
    return { userId: subject, memberId, roles: ['planner'], memberRoles };
  }
}
