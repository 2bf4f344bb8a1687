import { ErrorCode } from '@clustergraph/schema/values';
import type { GraphQLFormattedError } from 'graphql';

/** A member that withholds a subscription's data from the viewer by its sharing policy (not an outage). */
export interface WithheldMember {
  memberId: string;
  category: string | null;
  purpose: string | null;
  reason: string | null;
}

/**
 * The gateway's withheld notice in one subscription payload (README "Live line status"):
 * `extensions.withheld` is the whole current list of members that withhold the stream (empty
 * once the last of them granted it); the payload's FORBIDDEN errors name the newly withheld.
 * Null when the payload is not a notice.
 */
export function withheldNoticeOf(payload: { extensions?: Record<string, unknown> | undefined | null }): WithheldMember[] | null {
  const listed = payload.extensions?.['withheld'];
  if (!Array.isArray(listed)) return null;
  return listed
    .filter(
      (entry): entry is Record<string, unknown> =>
        Boolean(entry) && typeof entry === 'object' && typeof (entry as Record<string, unknown>)['memberId'] === 'string',
    )
    .map((entry) => ({
      memberId: entry['memberId'] as string,
      category: typeof entry['category'] === 'string' ? entry['category'] : null,
      purpose: typeof entry['purpose'] === 'string' ? entry['purpose'] : null,
      reason: typeof entry['reason'] === 'string' ? entry['reason'] : null,
    }));
}

/** Whether a subscription error is a withheld notice's (it is told through `withheld`, not as a failure). */
export function isWithheldError(error: GraphQLFormattedError): boolean {
  return error.extensions?.['code'] === ErrorCode.FORBIDDEN && error.extensions?.['withheld'] === true;
}

/** "dongbang-mold (LINE_STATUS for MONITORING)" — for a one-line notice. */
export function describeWithheld(member: WithheldMember, nameOf: (memberId: string) => string = (id) => id): string {
  const what = [member.category, member.purpose && `for ${member.purpose}`].filter(Boolean).join(' ');
  return what ? `${nameOf(member.memberId)} (${what})` : nameOf(member.memberId);
}
