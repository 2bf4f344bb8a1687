/** Where the router may send a member's part of a request. */
export type MemberRoute =
  { kind: 'routable'; memberId: string; endpoint: string } | { kind: 'unavailable'; memberId: string; reason: string } | { kind: 'unknown'; memberId: string };

/** What the member shard router needs from the routing table. */
export interface MemberRoutes {
  route(memberId: string): MemberRoute;
  /** Every ACTIVE member, in registry order: the targets of a root field without `memberIds`. */
  activeMemberIds(): string[];
}

/** A fixed set of routes (tests, tools); the running gateway uses RoutingTable. */
export class StaticMemberRoutes implements MemberRoutes {
  constructor(private readonly endpoints: ReadonlyMap<string, string | { unavailable: string }>) {}

  route(memberId: string): MemberRoute {
    const entry = this.endpoints.get(memberId);
    if (entry === undefined) return { kind: 'unknown', memberId };
    if (typeof entry === 'string') return { kind: 'routable', memberId, endpoint: entry };
    return { kind: 'unavailable', memberId, reason: entry.unavailable };
  }

  activeMemberIds(): string[] {
    return [...this.endpoints.keys()];
  }
}
