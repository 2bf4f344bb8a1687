import type { GraphQLFormattedError } from 'graphql';
import { GatewayErrorCode } from '../errors.ts';

/** One member that withholds a subscription's data from this reader (by its sharing policy). */
export interface WithheldEntry {
  memberId: string;
  category: string | null;
  purpose: string | null;
  reason: string | null;
}

/** What a member sent on its upstream, when it was a notice rather than an event. */
interface MemberPayload {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
  extensions?: Record<string, unknown>;
}

/** Enum-like words only: what a member writes into a notice is shown to clients. */
const WORD = /^[A-Z][A-Z0-9_]{0,39}$/;
const word = (value: unknown): string | null => (typeof value === 'string' && WORD.test(value) ? value : null);

function entryFrom(memberId: string, source: Record<string, unknown> | undefined): WithheldEntry {
  // The member id is always the upstream's own: a member speaks for itself, never for another firm.
  return { memberId, category: word(source?.['category']), purpose: word(source?.['purpose']), reason: word(source?.['reason']) };
}

/**
 * Reads a member's payload as a withheld notice (README "Live line status"):
 * - `extensions.withheld: [{ category, purpose, reason }]` (with `data: null` and a FORBIDDEN
 *   error) → withheld; `extensions.withheld: []` → shared again;
 * - `data: null` with FORBIDDEN errors only (a member that refuses the way a query does, or
 *   refuses the subscription itself) → withheld.
 * Returns the entry, null for "shared again", undefined when the payload is not a notice.
 */
export function withheldNoticeOf(memberId: string, payload: MemberPayload): WithheldEntry | null | undefined {
  if (payload.data) return undefined;
  const listed = payload.extensions?.['withheld'];
  if (Array.isArray(listed)) {
    const first = listed.find((e): e is Record<string, unknown> => Boolean(e) && typeof e === 'object');
    return listed.length === 0 ? null : entryFrom(memberId, first);
  }
  return forbiddenOnly(memberId, payload.errors);
}

/** FORBIDDEN errors and nothing else (a refusal), as a withheld entry; undefined otherwise. */
export function forbiddenOnly(memberId: string, errors: readonly GraphQLFormattedError[] | undefined): WithheldEntry | undefined {
  if (!errors?.length || !errors.every((e) => e.extensions?.['code'] === GatewayErrorCode.FORBIDDEN)) return undefined;
  return entryFrom(memberId, errors[0]!.extensions as Record<string, unknown>);
}

export function sameEntry(a: WithheldEntry | null | undefined, b: WithheldEntry | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.memberId === b.memberId && a.category === b.category && a.purpose === b.purpose && a.reason === b.reason;
}

function errorOf(entry: WithheldEntry, responseKey: string): GraphQLFormattedError {
  const what = entry.category ?? 'this data';
  const purpose = entry.purpose ? ` for ${entry.purpose}` : '';
  return {
    message: `withheld by ${entry.memberId}: its sharing policy does not grant ${what}${purpose} to you; events from the other members keep coming`,
    path: [responseKey],
    extensions: {
      code: GatewayErrorCode.FORBIDDEN,
      withheld: true,
      memberId: entry.memberId,
      category: entry.category,
      purpose: entry.purpose,
      reason: entry.reason,
    },
  };
}

/**
 * The notice a subscriber gets (a `next` frame, GraphQL-response shaped): `data: null`, one
 * FORBIDDEN error per member that withholds the stream since the last notice (by member id), and the whole
 * current list in `extensions.withheld` (empty when the last one granted it).
 */
export function withheldPayload(newly: readonly WithheldEntry[], current: readonly WithheldEntry[], responseKey: string) {
  const byMember = (a: WithheldEntry, b: WithheldEntry) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0);
  const sorted = [...current].sort(byMember);
  return {
    data: null,
    ...(newly.length > 0 ? { errors: [...newly].sort(byMember).map((entry) => errorOf(entry, responseKey)) } : {}),
    extensions: { withheld: sorted },
  };
}
