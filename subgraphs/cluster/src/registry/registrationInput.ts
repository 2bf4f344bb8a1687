import { InputValidator } from '@clustergraph/runtime';
import { MEMBER_HOSTINGS, MEMBER_ROLES, PROCESS_TYPES, type MemberHosting, type MemberRole, type ProcessType } from '@clustergraph/schema/values';

/** A registration as it arrives: from `registerMember(input:)` or a seed file. */
export interface RegistrationInput {
  id?: string | null | undefined;
  name: string;
  /** The firm's own name in its own script (한빛EV시스템), beside the romanised `name`. */
  localName?: string | null | undefined;
  roles: readonly string[];
  region?: string | null | undefined;
  /** SELF_HOSTED when omitted (as before hosting existed). */
  hosting?: string | null | undefined;
  endpoint?: string | null | undefined;
  processes?: readonly string[] | null | undefined;
}

/** A registration that passed validation, ready to be written. */
export interface MemberRegistration {
  id: string;
  name: string;
  localName: string | null;
  roles: MemberRole[];
  region: string | null;
  hosting: MemberHosting;
  /** Null for HOSTED: the member host gives the endpoint when the leader approves. */
  endpoint: string | null;
  appliedProcesses: ProcessType[];
}

const MEMBER_ID_PATTERN = /^[a-z0-9-]{2,40}$/;
const MAX_NAME_LENGTH = 200;
const MAX_ENDPOINT_LENGTH = 2000;

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

  const hosting = input.hosting ?? 'SELF_HOSTED';
  validator.check((MEMBER_HOSTINGS as readonly string[]).includes(hosting), `${at}.hosting`, `must be one of ${MEMBER_HOSTINGS.join(', ')}`);
  const endpoint = input.endpoint?.trim() ?? '';
  if (hosting === 'HOSTED') {
    // The host decides where a hosted firm lives; an applicant naming a URL could point the gateway anywhere.
    validator.check(endpoint === '', `${at}.endpoint`, 'must be left out for HOSTED: the member host gives the endpoint on approval');
  } else {
    validator.check(endpoint !== '', `${at}.endpoint`, "is required for SELF_HOSTED: the URL of the firm's member subgraph");
    if (endpoint !== '') checkEndpoint(validator, endpoint, `${at}.endpoint`);
  }

  // Anyone who signs in as an applicant writes these: bounded like the name.
  validator.check((input.region?.trim() ?? '').length <= MAX_NAME_LENGTH, `${at}.region`, `must be at most ${MAX_NAME_LENGTH} characters`);
  validator.check(endpoint.length <= MAX_ENDPOINT_LENGTH, `${at}.endpoint`, `must be at most ${MAX_ENDPOINT_LENGTH} characters`);

  const processes = [...new Set(input.processes ?? [])];
  const unknownProcess = processes.find((process) => !(PROCESS_TYPES as readonly string[]).includes(process));
  validator.check(unknownProcess === undefined, `${at}.processes`, `unknown process ${unknownProcess ?? ''}`);
  validator.throwIfInvalid();

  const region = input.region?.trim();
  return {
    id,
    name,
    localName,
    roles: roles as MemberRole[],
    region: region ? region : null,
    hosting: hosting as MemberHosting,
    endpoint: hosting === 'HOSTED' ? null : endpoint,
    appliedProcesses: processes as ProcessType[],
  };
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
