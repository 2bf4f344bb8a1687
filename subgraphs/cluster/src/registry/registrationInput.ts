import { InputValidator } from '@clustergraph/runtime';
import { MEMBER_ROLES, type MemberRole } from '@clustergraph/schema/values';

/** A registration as it arrives: from `registerMember(input:)` or a seed file. */
export interface RegistrationInput {
  id?: string | null | undefined;
  name: string;
  /** The firm's own name in its own script (한빛EV시스템), beside the romanised `name`. */
  localName?: string | null | undefined;
  roles: readonly string[];
  region?: string | null | undefined;
  endpoint: string;
}

/** A registration that passed validation, ready to be written. */
export interface MemberRegistration {
  id: string;
  name: string;
  localName: string | null;
  roles: MemberRole[];
  region: string | null;
  endpoint: string;
}

const MEMBER_ID_PATTERN = /^[a-z0-9-]{2,40}$/;
const MAX_NAME_LENGTH = 200;

/**
 * "Hanbit EV Systems" → "hanbit-ev-systems". Only ASCII letters and digits survive, so a
 * name in Hangul alone derives nothing and the applicant is asked for an id.
 */
export function deriveMemberId(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/** True for an absolute http(s) URL; members are called over HTTP by the gateway. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export function checkEndpoint(validator: InputValidator, endpoint: string, field: string): void {
  validator.check(isHttpUrl(endpoint.trim()), field, 'must be an absolute http(s) URL of the member subgraph, e.g. https://mes.example.kr/graphql');
}

/**
 * Validates every field before anything is written and throws BAD_USER_INPUT naming the
 * first bad one (all are in extensions.problems). `at` prefixes field paths: "input",
 * or "seed[2]" for a seed file entry.
 */
export function validateRegistration(input: RegistrationInput, leaderId: string | null, at = 'input'): MemberRegistration {
  const validator = new InputValidator();
  const name = input.name.trim();
  validator.check(name.length > 0, `${at}.name`, 'must not be empty');
  validator.check(name.length <= MAX_NAME_LENGTH, `${at}.name`, `must be at most ${MAX_NAME_LENGTH} characters`);
  const localName = input.localName?.trim() || null;
  validator.check((localName?.length ?? 0) <= MAX_NAME_LENGTH, `${at}.localName`, `must be at most ${MAX_NAME_LENGTH} characters`);

  const givenId = input.id?.trim();
  const id = givenId ? givenId : deriveMemberId(name);
  if (givenId) {
    validator.check(MEMBER_ID_PATTERN.test(id), `${at}.id`, 'must be 2–40 lowercase letters, digits or hyphens');
  } else if (name.length > 0) {
    validator.check(
      MEMBER_ID_PATTERN.test(id),
      `${at}.id`,
      `cannot derive an id from the name "${name}"; give one (2–40 lowercase letters, digits or hyphens)`,
    );
  }

  const roles = [...new Set(input.roles)];
  validator.check(roles.length > 0, `${at}.roles`, 'name at least one role');
  const unknownRole = roles.find((role) => !(MEMBER_ROLES as readonly string[]).includes(role));
  validator.check(unknownRole === undefined, `${at}.roles`, `unknown role ${unknownRole ?? ''}`);
  // A cluster has one leader, named in its configuration; nobody else can claim the role.
  validator.check(
    !roles.includes('LEADER') || id === leaderId,
    `${at}.roles`,
    `only the cluster leader (${leaderId ?? 'none configured'}) may have the LEADER role`,
  );

  checkEndpoint(validator, input.endpoint, `${at}.endpoint`);
  validator.throwIfInvalid();

  const region = input.region?.trim();
  return { id, name, localName, roles: roles as MemberRole[], region: region ? region : null, endpoint: input.endpoint.trim() };
}

/** Roles the leader grants on approval: known ones, at least one, LEADER for the configured leader alone. */
export function validateGrantedRoles(roles: readonly string[], id: string, leaderId: string | null, field = 'roles'): MemberRole[] {
  const validator = new InputValidator();
  const unique = [...new Set(roles)];
  validator.check(unique.length > 0, field, 'grant at least one role');
  const unknownRole = unique.find((role) => !(MEMBER_ROLES as readonly string[]).includes(role));
  validator.check(unknownRole === undefined, field, `unknown role ${unknownRole ?? ''}`);
  validator.check(!unique.includes('LEADER') || id === leaderId, field, `only the cluster leader (${leaderId ?? 'none configured'}) may have the LEADER role`);
  validator.throwIfInvalid();
  return unique as MemberRole[];
}
