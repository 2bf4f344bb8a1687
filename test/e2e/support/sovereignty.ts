import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { GraphQLFormattedError } from 'graphql';
import { testMember, withPolicies, type SeedPolicy } from '../../src/index.ts';

// Helpers for the sovereignty matrix: the members, an independent statement of what
// each reader may see, and tokens made the way an attacker (or the gateway) would.

export const PURPOSES = ['JOINT_PLANNING', 'MONITORING', 'AI_TRANSITION', 'BENCHMARKING'] as const;
export type Purpose = (typeof PURPOSES)[number];
export type Category = 'PROFILE' | 'CAPABILITY' | 'CAPACITY' | 'ORDERS' | 'PRODUCTION' | 'QUALITY' | 'ENERGY' | 'LINE_STATUS';

/** cast is the data owner of the matrix; its grants beyond the defaults. */
export const CAST_POLICIES: SeedPolicy[] = [
  { category: 'LINE_STATUS', grantee: 'LEADER', purpose: 'MONITORING' },
  { category: 'PRODUCTION', grantee: 'LEADER', purpose: 'MONITORING', granularity: 'AGGREGATED' },
  { category: 'PRODUCTION', grantee: 'LEADER', purpose: 'JOINT_PLANNING', granularity: 'AGGREGATED' },
  { category: 'PRODUCTION', grantee: 'heat', purpose: 'BENCHMARKING' },
  { category: 'QUALITY', grantee: 'heat', purpose: 'BENCHMARKING' },
  { category: 'ORDERS', grantee: 'heat', purpose: 'JOINT_PLANNING' },
  { category: 'PRODUCTION', grantee: 'ANCHOR', purpose: 'AI_TRANSITION', granularity: 'AGGREGATED' },
  { category: 'ENERGY', grantee: 'ANCHOR', purpose: 'AI_TRANSITION', granularity: 'AGGREGATED' },
  { category: 'CAPACITY', grantee: 'ANY_MEMBER', purpose: 'BENCHMARKING', granularity: 'AGGREGATED' },
];

/** The defaults every firm gets (ARCHITECTURE: profile and capability to members; capacity to the leader for planning). */
const DEFAULTS: SeedPolicy[] = [
  { category: 'PROFILE', grantee: 'ANY_MEMBER', purpose: 'ANY' },
  { category: 'CAPABILITY', grantee: 'ANY_MEMBER', purpose: 'ANY' },
  { category: 'CAPACITY', grantee: 'LEADER', purpose: 'JOINT_PLANNING' },
];

export function sovereigntyMembers() {
  return [
    testMember('lead', 'Lead Assembly Co.', ['LEADER'], 'Busan', { ASSEMBLY: { actual: 80, maximum: 100, price: 60_000 } }),
    withPolicies(testMember('cast', 'Cast Partner Co.', ['PARTNER'], 'Gimhae', { CASTING: { actual: 120, maximum: 150, price: 70_000 } }), CAST_POLICIES),
    testMember('heat', 'Heat Partner Co.', ['PARTNER'], 'Busan', { HEAT_TREATMENT: { actual: 100, maximum: 140, price: 50_000 } }),
    testMember('coat', 'Coat Partner Co.', ['PARTNER'], 'Yangsan', { SURFACE_TREATMENT: { actual: 50, maximum: 70, price: 40_000 } }),
    testMember('anchor', 'Anchor Motors', ['ANCHOR'], 'Ulsan', { ASSEMBLY: { actual: 400, maximum: 480, price: 90_000 } }),
  ];
}

export interface MatrixReader {
  label: string;
  /** Demo login, or null for anonymous. */
  login: string | null;
  memberId: string | null;
  memberRoles: string[];
}

export const READERS: MatrixReader[] = [
  { label: 'owner', login: 'planner@cast', memberId: 'cast', memberRoles: ['PARTNER'] },
  { label: 'leader', login: 'planner@lead', memberId: 'lead', memberRoles: ['LEADER'] },
  { label: 'partner with a policy', login: 'planner@heat', memberId: 'heat', memberRoles: ['PARTNER'] },
  { label: 'partner without', login: 'planner@coat', memberId: 'coat', memberRoles: ['PARTNER'] },
  { label: 'anchor', login: 'planner@anchor', memberId: 'anchor', memberRoles: ['ANCHOR'] },
  { label: 'anonymous', login: null, memberId: null, memberRoles: [] },
];

/**
 * What cast's policies grant a reader, stated independently of the member's evaluator:
 * 'RAW', 'AGGREGATED' or null (denied). The owner gets RAW; visitors get PROFILE only.
 */
export function expectedGrant(reader: MatrixReader, purpose: Purpose, category: Category): 'RAW' | 'AGGREGATED' | null {
  if (reader.memberId === 'cast') return 'RAW';
  if (reader.memberId === null) return category === 'PROFILE' ? 'RAW' : null;
  const grants = [...DEFAULTS, ...CAST_POLICIES].filter(
    (p) =>
      p.category === category &&
      (p.purpose === 'ANY' || p.purpose === purpose) &&
      (p.grantee === reader.memberId || p.grantee === 'ANY_MEMBER' || reader.memberRoles.includes(p.grantee)),
  );
  if (grants.some((g) => (g.granularity ?? 'RAW') === 'RAW')) return 'RAW';
  return grants.length ? 'AGGREGATED' : null;
}

export function forbiddenErrors(errors: readonly GraphQLFormattedError[] | undefined, category: Category): GraphQLFormattedError[] {
  return (errors ?? []).filter((e) => e.extensions?.['code'] === 'FORBIDDEN' && e.extensions?.['category'] === category);
}

// ── tokens ──

interface StoredKeys {
  privateJwk: JWK;
  publicJwk: JWK;
}

function readKeys(file: string): StoredKeys {
  return JSON.parse(readFileSync(file, 'utf8')) as StoredKeys;
}

export interface ServiceClaims {
  userId: string;
  memberId: string;
  roles?: string[];
  memberRoles?: string[];
  purpose?: Purpose;
}

/** As the gateway signs them (lib/runtime/src/trust.ts): one member's audience, a fresh jti, 15 s. */
async function signServiceToken(privateKey: CryptoKey, kid: string, claims: ServiceClaims, to: string, exp: number | string): Promise<string> {
  return new SignJWT({
    mid: claims.memberId,
    roles: claims.roles ?? ['planner'],
    mroles: claims.memberRoles ?? [],
    purpose: claims.purpose ?? 'MONITORING',
    sys: false,
  })
    .setProtectedHeader({ alg: 'ES256', kid })
    .setIssuer('clustergraph-gateway')
    .setAudience(`urn:clustergraph:member:${to}`)
    .setJti(randomUUID())
    .setSubject(claims.userId)
    .setIssuedAt(typeof exp === 'number' ? exp - 15 : undefined)
    .setExpirationTime(exp)
    .sign(privateKey);
}

/**
 * A token for member `to`, signed with the gateway's real key (what only the gateway can
 * make); single-use, like the gateway's. `expired` puts exp in the past.
 */
export async function gatewaySignedToken(rootDir: string, claims: ServiceClaims, options: { to: string; expired?: boolean }): Promise<string> {
  const keys = readKeys(join(rootDir, 'keys', 'gateway-signing-key.json'));
  const key = (await importJWK(keys.privateJwk, 'ES256')) as CryptoKey;
  const exp = options.expired ? Math.floor(Date.now() / 1000) - 120 : '15s';
  return signServiceToken(key, keys.publicJwk.kid ?? 'gw', claims, options.to, exp);
}

/** The same claims signed with a key of the attacker's own, under the gateway's key id. */
export async function forgedGatewayToken(rootDir: string, claims: ServiceClaims, to: string): Promise<string> {
  const kid = readKeys(join(rootDir, 'keys', 'gateway-signing-key.json')).publicJwk.kid ?? 'gw';
  const { privateKey } = await generateKeyPair('ES256');
  return signServiceToken(privateKey, kid, claims, to, '15s');
}

export interface UserTokenOptions {
  issuer: string;
  audience?: string;
  expired?: boolean;
  /** Sign with a fresh key instead of the demo issuer's. */
  wrongKey?: boolean;
}

/** A sign-in JWT like the demo issuer's, with one thing wrong. */
export async function userToken(rootDir: string, login: string, options: UserTokenOptions): Promise<string> {
  const [, memberId] = login.split('@');
  const demo = readKeys(join(rootDir, 'data', 'gateway', 'demo-issuer-key.json'));
  const key = options.wrongKey ? (await generateKeyPair('ES256')).privateKey : ((await importJWK(demo.privateJwk, 'ES256')) as CryptoKey);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ member_id: memberId, roles: ['admin', 'planner'] })
    .setProtectedHeader({ alg: 'ES256', kid: demo.publicJwk.kid ?? 'demo' })
    .setIssuer(options.issuer)
    .setAudience(options.audience ?? 'clustergraph')
    .setSubject(login)
    .setIssuedAt(options.expired ? now - 7200 : now)
    .setExpirationTime(options.expired ? now - 3600 : now + 3600)
    .sign(key);
}

/** `alg: none`: a token with no signature at all. */
export function unsignedUserToken(login: string, issuer: string): string {
  const [, memberId] = login.split('@');
  const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: issuer, aud: 'clustergraph', sub: login, member_id: memberId, roles: ['admin'], iat: now, exp: now + 3600 })}.`;
}

/** HS256 signed with the demo issuer's *public* key as the HMAC secret (the classic key-confusion attack). */
export async function publicKeyHmacToken(rootDir: string, login: string, issuer: string): Promise<string> {
  const [, memberId] = login.split('@');
  const demo = readKeys(join(rootDir, 'data', 'gateway', 'demo-issuer-key.json'));
  const secret = new TextEncoder().encode(JSON.stringify(demo.publicJwk));
  return new SignJWT({ member_id: memberId, roles: ['admin'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(issuer)
    .setAudience('clustergraph')
    .setSubject(login)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(secret);
}
