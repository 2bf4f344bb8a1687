import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK, type JWTVerifyGetKey } from 'jose';
import type { Express } from 'express';
import type { AuthOptions, MemberDirectory } from './types.ts';
import { MemberNotActiveError, activeMemberRoles } from './memberStanding.ts';
import { AlreadyAMemberError, APPLICANT_USER, applicantViewer, applicationIsOpen, parseApplicantLogin } from './applicant.ts';

/** Demo users: `admin@<memberId>` (the firm's admins) and `planner@<memberId>`; `applicant@<new-id>` applies to join (auth/applicant.ts). */
export const DEMO_USER_ROLES: Record<string, string[]> = {
  admin: ['admin', 'planner'],
  planner: ['planner'],
};

export function parseDemoLogin(login: string): { user: string; memberId: string; roles: string[] } | null {
  const m = /^([a-z]+)@([a-z0-9-]+)$/.exec(login);
  const roles = m ? DEMO_USER_ROLES[m[1]!] : undefined;
  return m && roles ? { user: m[1]!, memberId: m[2]!, roles } : null;
}

const DEMO_TOKEN_TTL = '12h';

/** A local OIDC-style issuer for the demo; its key pair is generated at first start into the data folder. */
export class DemoIssuer {
  private constructor(
    readonly issuer: string,
    private readonly audience: string,
    private readonly memberClaim: string,
    private readonly rolesClaim: string,
    private readonly applicantClaim: string,
    private readonly privateKey: CryptoKey,
    private readonly publicJwk: JWK,
    private readonly directory: MemberDirectory,
  ) {}

  static async create(options: AuthOptions, directory: MemberDirectory): Promise<DemoIssuer> {
    let stored: { privateJwk: JWK; publicJwk: JWK };
    if (existsSync(options.demoKeyFile)) {
      stored = JSON.parse(readFileSync(options.demoKeyFile, 'utf8'));
    } else {
      const pair = await generateKeyPair('ES256', { extractable: true });
      const kid = `demo-${Date.now().toString(36)}`;
      stored = {
        privateJwk: { ...(await exportJWK(pair.privateKey)), kid, alg: 'ES256' },
        publicJwk: { ...(await exportJWK(pair.publicKey)), kid, alg: 'ES256', use: 'sig' },
      };
      mkdirSync(dirname(options.demoKeyFile), { recursive: true });
      writeFileSync(options.demoKeyFile, JSON.stringify(stored), { mode: 0o600 });
    }
    const privateKey = (await importJWK(stored.privateJwk, 'ES256')) as CryptoKey;
    const issuer = `${options.publicUrl.replace(/\/$/, '')}/auth`;
    return new DemoIssuer(issuer, options.audience, options.memberClaim, options.rolesClaim, options.applicantClaim, privateKey, stored.publicJwk, directory);
  }

  get keySet(): JWTVerifyGetKey {
    return createLocalJWKSet({ keys: [this.publicJwk] });
  }

  async issue(login: string): Promise<string> {
    const applyingFor = parseApplicantLogin(login);
    if (applyingFor !== null) {
      // Refused here as at verification: a firm that is a member already (AlreadyAMemberError), an id the registry would refuse.
      applicantViewer(this.directory, login, applyingFor);
      return this.sign(login, { [this.applicantClaim]: applyingFor, name: login });
    }
    const parsed = parseDemoLogin(login);
    if (!parsed) throw new Error(`unknown demo user "${login}": use admin@<memberId> or planner@<memberId>, or applicant@<new-id> to apply`);
    if (!this.directory.memberRoles(parsed.memberId)) throw new Error(`no member "${parsed.memberId}" in this cluster`);
    // Only an ACTIVE firm signs in (MemberNotActiveError otherwise).
    activeMemberRoles(this.directory, parsed.memberId);
    return this.sign(login, { [this.memberClaim]: parsed.memberId, [this.rolesClaim]: parsed.roles, name: login });
  }

  private sign(login: string, claims: Record<string, unknown>): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: this.publicJwk.kid ?? 'demo' })
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setSubject(login)
      .setIssuedAt()
      .setExpirationTime(DEMO_TOKEN_TTL)
      .sign(this.privateKey);
  }

  routes(app: Express): void {
    app.get('/auth/jwks.json', (_req, res) => {
      res.json({ keys: [this.publicJwk] });
    });
    app.get('/auth/demo-users', (_req, res) => {
      const ids = this.directory.memberIds();
      res.json({
        users: ids.filter((id) => this.directory.memberStatus(id) === 'ACTIVE').flatMap((id) => Object.keys(DEMO_USER_ROLES).map((u) => `${u}@${id}`)),
        // Firms whose application is open (PENDING or REJECTED): their applicants come back to read the answer.
        applicants: ids.filter((id) => applicationIsOpen(this.directory, id)).map((id) => `${APPLICANT_USER}@${id}`),
      });
    });
    app.get('/auth/demo-token', async (req, res) => {
      const user = typeof req.query['user'] === 'string' ? req.query['user'] : '';
      try {
        res.json({ token: await this.issue(user) });
      } catch (error) {
        if (error instanceof MemberNotActiveError || error instanceof AlreadyAMemberError) {
          res.status(403).json({ error: error.message, code: error.extensions['code'], memberId: error.memberId, status: error.status });
          return;
        }
        res.status(400).json({ error: (error as Error).message });
      }
    });
  }
}
