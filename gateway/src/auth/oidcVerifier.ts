import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { UnauthenticatedError, bearerToken, type Viewer } from '@clustergraph/runtime';
import type { AuthOptions, MemberDirectory } from './types.ts';
import type { DemoIssuer } from './demoIssuer.ts';
import { activeMemberRoles } from './memberStanding.ts';
import { VerifiedTokenCache } from './verifiedTokenCache.ts';
import { applicantViewer, withoutApplicantRole } from './applicant.ts';

/** How far ahead of this server's clock a token's `iat` may be. */
export const MAX_CLOCK_SKEW_SECONDS = 60;

/** Asymmetric algorithms only: `none` and HS* (an attacker signing with the public key) are refused. */
export const ACCEPTED_ALGORITHMS = ['RS256', 'ES256'];

interface TrustedIssuer {
  issuer: string;
  keys: JWTVerifyGetKey;
}

/** Verifies people's bearer JWTs (OIDC) and maps their claims to a Viewer. */
export class OidcTokenVerifier {
  private readonly issuers: TrustedIssuer[] = [];
  private readonly verified = new VerifiedTokenCache();

  constructor(
    private readonly options: AuthOptions,
    private readonly directory: MemberDirectory,
    demo: DemoIssuer | null,
  ) {
    if (options.issuer && options.jwksUrl) {
      this.issuers.push({ issuer: options.issuer, keys: createRemoteJWKSet(new URL(options.jwksUrl)) });
    }
    if (demo) this.issuers.push({ issuer: demo.issuer, keys: demo.keySet });
  }

  async authenticate(header: string | undefined): Promise<Viewer | null> {
    if (!header) return null;
    const token = bearerToken(header);
    if (!token) throw new UnauthenticatedError('Authorization header must be "Bearer <JWT>"');
    const payload = await this.verify(token);
    const userId = typeof payload.sub === 'string' ? payload.sub : null;
    // An applicant's token: whatever else it claims, it is an applicant for that id and nothing more.
    if (userId && this.options.applicantClaim in payload) return applicantViewer(this.directory, userId, payload[this.options.applicantClaim]);
    const memberId = payload[this.options.memberClaim];
    if (!userId || typeof memberId !== 'string') {
      throw new UnauthenticatedError(`token lacks "sub" or "${this.options.memberClaim}"`);
    }
    const memberRoles = activeMemberRoles(this.directory, memberId);
    const rolesClaim = payload[this.options.rolesClaim];
    const roles = withoutApplicantRole(Array.isArray(rolesClaim) ? rolesClaim.filter((r): r is string => typeof r === 'string') : []);
    return { userId, memberId, roles, memberRoles };
  }

  private async verify(token: string): Promise<JWTPayload> {
    const known = this.verified.get(token);
    if (known) return known;
    let lastError: unknown = null;
    for (const trusted of this.issuers) {
      try {
        const { payload } = await jwtVerify(token, trusted.keys, {
          issuer: trusted.issuer,
          audience: this.options.audience,
          algorithms: ACCEPTED_ALGORITHMS,
          requiredClaims: ['exp', 'sub'],
        });
        // jose checks exp and nbf, not a future iat: a token "issued" a year ahead is a forgery or a broken clock.
        if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + MAX_CLOCK_SKEW_SECONDS) {
          throw new UnauthenticatedError(`invalid token: issued in the future ("iat" more than ${MAX_CLOCK_SKEW_SECONDS} s ahead of this server's clock)`);
        }
        this.verified.set(token, payload);
        return payload;
      } catch (error) {
        if (error instanceof UnauthenticatedError) throw error;
        lastError = error;
      }
    }
    const reason = lastError instanceof Error ? lastError.message : 'no trusted issuer configured';
    throw new UnauthenticatedError(`invalid token: ${reason}`);
  }
}
