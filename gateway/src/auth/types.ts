// The authenticator's options and the registry view it needs: a leaf module, so the verifiers
// (oidcVerifier, demoIssuer, serviceIdentity, memberStanding) do not import index.ts, which imports them.
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
  /** Claim of an applicant's token naming the firm id it applies for (auth/applicant.ts). */
  applicantClaim: string;
  /** Serve GET /auth/demo-token and trust the local demo issuer. Never on by default. */
  demoAuth: boolean;
  /** Where the demo issuer keeps its key pair (generated at first start). */
  demoKeyFile: string;
  /** Public base URL of the gateway, used as the demo issuer's `iss`. */
  publicUrl: string;
  /** The cluster subgraph's JWKS: its planner calls the gateway as the leader (serviceIdentity.ts). Unset: no service identity is accepted. */
  clusterServiceJwksUrl?: string | undefined;
}
