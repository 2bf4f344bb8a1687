import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '@clustergraph/schema/values';

/** The standard's error codes (generated from schema/src/errors.graphql), with what each means. */
export { ErrorCode, ERROR_CODES } from '@clustergraph/schema/values';

/** Error codes the ClusterGraph gateway puts in `extensions.code` that clients treat specially (by the names this SDK has always used). */
export const ErrorCodes = {
  memberUnavailable: ErrorCode.MEMBER_UNAVAILABLE,
  forbidden: ErrorCode.FORBIDDEN,
  unauthenticated: ErrorCode.UNAUTHENTICATED,
  badUserInput: ErrorCode.BAD_USER_INPUT,
  // HTTP-level refusals (JSON bodies from the gateway's error handler).
  badRequest: ErrorCode.BAD_REQUEST,
  notFound: ErrorCode.NOT_FOUND,
  methodNotAllowed: ErrorCode.METHOD_NOT_ALLOWED,
  payloadTooLarge: ErrorCode.PAYLOAD_TOO_LARGE,
  unsupportedMediaType: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  rateLimited: ErrorCode.RATE_LIMITED,
  persistedQueryHashMismatch: ErrorCode.PERSISTED_QUERY_HASH_MISMATCH,
  internal: ErrorCode.INTERNAL_SERVER_ERROR,
  // A write whose answer did not arrive (it may have happened; retrying with its key is safe).
  writeOutcomeUnknown: ErrorCode.WRITE_OUTCOME_UNKNOWN,
  // A document writing to more than one firm (or a firm and the cluster): refused before anything ran.
  multiPartWrite: ErrorCode.MULTI_PART_WRITE,
  // The gateway's: an applicant sign-in for a firm that is a member now (approved): sign in as its users.
  alreadyAMember: 'ALREADY_A_MEMBER',
} as const;

/**
 * A failed GraphQL request: HTTP or transport failure, or an answer with errors.
 * Carries the errors and whatever partial data came with them, so a UI can still
 * render the parts that did answer.
 */
export class ClusterGraphError<TData = unknown> extends Error {
  override readonly name = 'ClusterGraphError';
  constructor(
    message: string,
    readonly errors: readonly GraphQLFormattedError[] = [],
    readonly data: TData | null | undefined = undefined,
    readonly status: number | undefined = undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  static fromErrors<TData>(errors: readonly GraphQLFormattedError[], data?: TData | null, status?: number): ClusterGraphError<TData> {
    const message = errors.map((e) => describeGraphQLError(e)).join('; ') || `request failed (HTTP ${status ?? '?'})`;
    return new ClusterGraphError(message, errors, data, status);
  }
}

export type MemberProblemKind = 'unreachable' | 'withheld' | 'error';

export interface MemberProblem {
  memberId: string;
  kind: MemberProblemKind;
  message: string;
}

function extensionString(error: GraphQLFormattedError, key: string): string | undefined {
  const value = error.extensions?.[key];
  return typeof value === 'string' ? value : undefined;
}

export function errorCode(error: GraphQLFormattedError): string | undefined {
  return extensionString(error, 'code');
}

/**
 * The member an error is about: `extensions.memberId` when the gateway set it,
 * else the member whose object the error path points into (when data is given).
 */
export function errorMemberId(error: GraphQLFormattedError, data?: unknown): string | undefined {
  const fromExtensions = extensionString(error, 'memberId') ?? extensionString(error, 'ownerId');
  if (fromExtensions) return fromExtensions;
  if (!error.path || data == null) return undefined;
  return memberIdAlongPath(data, error.path);
}

/** Walks `path` through `data` and returns the last member id seen on the way. */
export function memberIdAlongPath(data: unknown, path: readonly (string | number)[]): string | undefined {
  let current: unknown = data;
  let parentKey: string | number | undefined;
  let found: string | undefined;
  for (const key of path) {
    if (current == null || typeof current !== 'object') break;
    const record = current as Record<string, unknown>;
    if (typeof record['memberId'] === 'string') found = record['memberId'];
    else if ((parentKey === 'members' || parentKey === 'member') && typeof record['id'] === 'string') found = record['id'];
    if (typeof key === 'string') parentKey = key;
    current = (record as Record<string | number, unknown>)[key];
  }
  if (current != null && typeof current === 'object') {
    const record = current as Record<string, unknown>;
    if (typeof record['memberId'] === 'string') found = record['memberId'];
    else if ((parentKey === 'members' || parentKey === 'member') && typeof record['id'] === 'string') found = record['id'];
  }
  return found;
}

/** FORBIDDEN for who the viewer is (a role the firm requires), not for what a firm's policy withholds. */
function isRoleRefusal(error: GraphQLFormattedError): boolean {
  return typeof error.extensions?.['required'] === 'string';
}

/**
 * Puts an API error in words for people. `memberName` turns member ids into firm
 * names ("Cast Partner Co. unreachable").
 */
export function describeGraphQLError(error: GraphQLFormattedError, memberName: (id: string) => string = (id) => id, data?: unknown): string {
  const memberId = errorMemberId(error, data);
  const who = memberId ? memberName(memberId) : undefined;
  switch (errorCode(error)) {
    case ErrorCodes.memberUnavailable:
      return `${who ?? 'a member'} unreachable`;
    case ErrorCodes.forbidden:
      // A refusal of the viewer's role (`required`: OWNER, OWNER_ADMIN…) is not a sharing policy: its message says what is needed.
      if (isRoleRefusal(error)) return error.message;
      return who ? `withheld by ${who}'s sharing policy` : `withheld by the owner's sharing policy: ${error.message}`;
    case ErrorCodes.writeOutcomeUnknown:
      return `${who ? `${who}: ` : ''}the outcome of this write is unknown; it is safe to retry`;
    case ErrorCodes.multiPartWrite:
      return `one write per request: send each firm's write on its own (${error.message})`;
    case ErrorCodes.unauthenticated:
      return `not signed in or session expired: ${error.message}`;
    default:
      return error.message;
  }
}

/** Per member, the first problem that blanked part of its data (unreachable, withheld, other). */
export function memberProblems(errors: readonly GraphQLFormattedError[] | undefined, data?: unknown): Map<string, MemberProblem> {
  const problems = new Map<string, MemberProblem>();
  for (const error of errors ?? []) {
    const memberId = errorMemberId(error, data);
    if (!memberId || problems.has(memberId)) continue;
    const code = errorCode(error);
    const kind: MemberProblemKind = code === ErrorCodes.memberUnavailable ? 'unreachable' : code === ErrorCodes.forbidden ? 'withheld' : 'error';
    problems.set(memberId, { memberId, kind, message: error.message });
  }
  return problems;
}

/** What to show in place of a member's missing data. */
export function describeMemberProblem(problem: MemberProblem, memberName: string): string {
  switch (problem.kind) {
    case 'unreachable':
      return `${memberName} unreachable`;
    case 'withheld':
      return `withheld by ${memberName}'s sharing policy`;
    case 'error':
      return `${memberName}: ${problem.message}`;
    default: {
      const unreachable: never = problem.kind;
      throw new Error(`unknown problem kind ${String(unreachable)}`);
    }
  }
}

/**
 * The errors of a partial answer, by what they mean for the reader: data a firm withholds by
 * its sharing policy (normal: the answer is complete as far as the reader may see), firms that
 * did not answer (down, timed out: an alarm), and anything else.
 */
export interface PartialAnswer {
  withheld: GraphQLFormattedError[];
  unreachable: GraphQLFormattedError[];
  other: GraphQLFormattedError[];
}

export function classifyErrors(errors: readonly GraphQLFormattedError[] | undefined, data?: unknown): PartialAnswer {
  const answer: PartialAnswer = { withheld: [], unreachable: [], other: [] };
  for (const error of errors ?? []) {
    const code = errorCode(error);
    // A refusal that names no firm is the API refusing the viewer (e.g. a leader-only field), not a firm's policy.
    if (code === ErrorCodes.forbidden && errorMemberId(error, data) && !isRoleRefusal(error)) answer.withheld.push(error);
    else if (code === ErrorCodes.memberUnavailable) answer.unreachable.push(error);
    else answer.other.push(error);
  }
  return answer;
}

/** What a withheld error names besides the firm: the data category and the purpose it was asked for. */
export function withheldDetail(error: GraphQLFormattedError): string {
  const category = extensionString(error, 'category');
  const purpose = extensionString(error, 'purpose');
  return [category, purpose ? `for ${purpose}` : undefined].filter(Boolean).join(' ');
}
