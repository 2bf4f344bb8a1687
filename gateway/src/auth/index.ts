import type { Express } from 'express';
import { UnauthenticatedError, bearerToken, type Logger, type Purpose, type Viewer } from '@clustergraph/runtime';
import { OidcTokenVerifier } from './oidcVerifier.ts';
import { DemoIssuer } from './demoIssuer.ts';
import { ServiceIdentityVerifier } from './serviceIdentity.ts';

/** Cluster roles and status of a firm, from the registry (authoritative, never from a user's token). */
export interface MemberDirectory {
  /** The roles the leader granted. */
  memberRoles(memberId: string): string[] | undefined;
  /** PENDING, ACTIVE, SUSPENDED or QUARANTINED; undefined when not registered. */
  memberStatus(memberId: string): string | undefined;
  memberIds(): string[];
}

export interface AuthOptions {
  /** External OIDC issuer (iss claim) and its JWKS URL; optional when demo auth is on. */
  issuer?: string | undefined;
  jwksUrl?: string | undefined;
  audience: string;
  /** Claim holding the user's firm (member id) and the claim holding their roles. */
  memberClaim: string;
  rolesClaim: string;
  /** Serve GET /auth/demo-token and trust the local demo issuer. Never on by default. */
  demoAuth: boolean;
  /** Where the demo issuer keeps its key pair (generated at first start). */
  demoKeyFile: string;
  /** Public base URL of the gateway, used as the demo issuer's `iss`. */
  publicUrl: string;
  /** The cluster subgraph's JWKS: its planner calls the gateway as the leader (serviceIdentity.ts). Unset: no service identity is accepted. */
  clusterServiceJwksUrl?: string | undefined;
}

export interface Authenticator {
  /**
   * null = anonymous; throws UnauthenticatedError when a token is present but not valid.
   * `purpose` is the request's; the cluster service identity is refused for any but JOINT_PLANNING.
   */
  authenticate(authorizationHeader: string | undefined, purpose?: Purpose): Promise<Viewer | null>;
  /** Mounts the demo issuer's routes when demo auth is on. */
  routes(app: Express): void;
}

export async function createAuthenticator(options: AuthOptions, logger: Logger, directory: MemberDirectory): Promise<Authenticator> {
  const demo = options.demoAuth ? await DemoIssuer.create(options, directory) : null;
  const verifier = new OidcTokenVerifier(options, directory, demo);
  if (demo) logger.warn('demo auth is ON: GET /auth/demo-token?user=admin@<memberId> issues tokens to anyone');
  const service = options.clusterServiceJwksUrl ? new ServiceIdentityVerifier(options.clusterServiceJwksUrl, directory) : null;
  return {
    authenticate(header, purpose) {
      const token = header ? bearerToken(header) : null;
      if (token && ServiceIdentityVerifier.claims(token)) {
        if (!service) return Promise.reject(new UnauthenticatedError('service identities are not accepted here (CLUSTER_SERVICE_JWKS_URL is not set)'));
        return service.authenticate(token, purpose);
      }
      return verifier.authenticate(header);
    },
    routes(app) {
      demo?.routes(app);
    },
  };
}

export { DEMO_USER_ROLES, parseDemoLogin } from './demoIssuer.ts';
export { MemberNotActiveError, activeMemberRoles } from './memberStanding.ts';
