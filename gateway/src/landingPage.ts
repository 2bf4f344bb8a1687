import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';

/** Monday of the current ISO week and four weeks on, as YYYY-MM-DD. */
function exampleWeeks(now = new Date()): { from: string; to: string } {
  const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  const later = new Date(monday);
  later.setUTCDate(later.getUTCDate() + 28);
  return { from: monday.toISOString().slice(0, 10), to: later.toISOString().slice(0, 10) };
}

export function exampleQuery(): string {
  const { from, to } = exampleWeeks();
  return `# Every member's lines and free capacity, from the cluster registry and each firm's own subgraph.
query ClusterOverview {
  members {
    id
    name
    roles
    lines { id name status { state } }
    capacity(from: "${from}", to: "${to}") { process weekStart availableHours }
  }
}
`;
}

/** Apollo Sandbox on GET /graphql, opened on an example query. */
export function landingPagePlugin() {
  return ApolloServerPluginLandingPageLocalDefault({
    embed: true,
    footer: false,
    document: exampleQuery(),
    headers: { 'x-clustergraph-purpose': 'MONITORING' },
  });
}
