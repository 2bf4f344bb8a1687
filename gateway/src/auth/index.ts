import type { Express } from 'express';
import { UnauthenticatedError, bearerToken, type Logger, type Purpose, type Viewer } from '@clustergraph/runtime';
import { OidcTokenVerifier } from './oidcVerifier.ts';
import { DemoIssuer } from './demoIssuer.ts';
import { ServiceIdentityVerifier } from './serviceIdentity.ts';
import type { AuthOptions, MemberDirectory } from './types.ts';

export type { AuthOptions, MemberDirectory } from './types.ts';

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
