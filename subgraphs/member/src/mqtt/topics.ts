/** `clustergraph/<memberId>/lines/<lineId>/events`: where a machine gateway publishes a line's events. */
export function lineEventsTopic(memberId: string, lineId: string): string {
  return `clustergraph/${memberId}/lines/${lineId}/events`;
}

/** The filter a member subscribes with; `$share/<group>/…` spreads messages over replicas when a group is set. */
export function lineEventsTopicFilter(memberId: string, shareGroup?: string): string {
  const filter = `clustergraph/${memberId}/lines/+/events`;
  return shareGroup ? `$share/${shareGroup}/${filter}` : filter;
}

/** The line id a topic names, or null when the topic is not one of this member's line topics. */
export function lineIdOfTopic(topic: string, memberId: string): string | null {
  const parts = topic.split('/');
  if (parts.length !== 5 || parts[0] !== 'clustergraph' || parts[1] !== memberId || parts[2] !== 'lines' || parts[4] !== 'events') return null;
  return parts[3] || null;
}
