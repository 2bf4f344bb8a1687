import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics, type LabelValues } from 'prom-client';

/**
 * Prometheus metrics (prom-client), one registry per process: in production each service is
 * its own process, so the figures of one registry are that service's. Components record into
 * the catalogue below directly (a counter increment costs well under a microsecond); figures
 * a component already keeps (ingest counters, subscription groups, the routing table) are read
 * at scrape time through sources, so the hot paths carry no extra work for them.
 *
 * Label values are bounded: operation names through OperationLabels, member ids only when the
 * routing table (or the service's own config) knows them, everything else from closed enums.
 */
export const metricsRegistry = new Registry();

let processMetricsStarted = false;
/** Node's process metrics (CPU, memory, event loop lag, GC, handles): once per process. */
export function startProcessMetrics(): void {
  if (processMetricsStarted) return;
  processMetricsStarted = true;
  collectDefaultMetrics({ register: metricsRegistry });
}

const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type Sample<L extends string> = [labels: Partial<Record<L, string>>, value: number];
type Source<L extends string> = () => Iterable<Sample<L>>;

/** A metric whose value is read from components at scrape time; several sources (apps in one process) add up. */
class Pulled<L extends string> {
  private readonly sources = new Set<Source<L>>();
  constructor(
    readonly name: string,
    help: string,
    labelNames: readonly L[],
    type: 'counter' | 'gauge' = 'gauge',
  ) {
    const sources = this.sources;
    const config = {
      name,
      help,
      labelNames,
      registers: [metricsRegistry],
      collect(this: Counter<L> | Gauge<L>) {
        this.reset();
        for (const source of sources) {
          for (const [labels, value] of source()) {
            if (this instanceof Gauge) this.inc(labels as LabelValues<L>, value);
            else if (value > 0) this.inc(labels as LabelValues<L>, value);
          }
        }
      },
    };
    if (type === 'counter') new Counter<L>(config);
    else new Gauge<L>(config);
  }

  /** Adds a source; returns what removes it (call it when the app stops). */
  addSource(source: Source<L>): () => void {
    this.sources.add(source);
    return () => this.sources.delete(source);
  }
}

const counter = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
  new Counter<L>({ name, help, labelNames, registers: [metricsRegistry] });
const histogram = <L extends string>(name: string, help: string, labelNames: readonly L[], buckets = LATENCY_BUCKETS) =>
  new Histogram<L>({ name, help, labelNames, buckets, registers: [metricsRegistry] });

/** The catalogue: every metric a ClusterGraph service serves (README "Observability" lists them). */
export const metrics = {
  // Every service.
  graphqlRequests: counter('clustergraph_graphql_requests_total', 'GraphQL operations answered, by operation name, type and outcome', [
    'operation',
    'type',
    'outcome',
  ]),
  graphqlDuration: histogram('clustergraph_graphql_request_duration_seconds', 'Time to answer a GraphQL operation', ['operation', 'type']),
  openSubscriptions: new Pulled('clustergraph_subscriptions_open', 'Subscriptions open now (gateway: client subscriptions; member: event streams)', []),
  slowConsumerCloses: counter(
    'clustergraph_slow_consumer_closes_total',
    'Subscribers closed because they did not keep up (gateway 1013, member SUBSCRIBER_TOO_SLOW)',
  ),

  // Gateway → subgraphs.
  subgraphRequests: counter('clustergraph_subgraph_requests_total', 'Fetches from the gateway to a subgraph, by outcome', ['subgraph', 'outcome']),
  subgraphDuration: histogram('clustergraph_subgraph_request_duration_seconds', 'Time of one fetch from the gateway to a subgraph', ['subgraph']),
  memberRequests: counter(
    'clustergraph_member_requests_total',
    'Fetches from the gateway to one member, by outcome (ok, error, timeout, unreachable, unavailable)',
    ['member', 'outcome'],
  ),
  memberDuration: histogram('clustergraph_member_request_duration_seconds', 'Time of one fetch from the gateway to one member', ['member']),
  memberUp: new Pulled('clustergraph_member_up', '1 when the gateway routes to the member (registered ACTIVE, SDL compatible, circuit closed)', ['member']),
  routingMembers: new Pulled('clustergraph_routing_members', 'Members in the routing table by status', ['status']),
  sharedUpstreams: new Pulled('clustergraph_member_upstreams_open', 'Member subscription upstreams open at the gateway (shared between clients)', ['member']),
  subscriptionGroups: new Pulled('clustergraph_subscription_groups', 'Distinct subscriptions (operation + variables + reader scope) sharing upstreams', []),
  liveSockets: new Pulled('clustergraph_subscription_sockets', 'graphql-ws sockets open at the gateway', []),
  upstreamEvents: counter('clustergraph_upstream_events_total', 'Events the gateway received from member upstreams'),

  // Member.
  lineEvents: new Pulled(
    'clustergraph_line_events_total',
    'Line events by ingest source and result (stored, duplicate, rejected, failed)',
    ['source', 'result'],
    'counter',
  ),
  lastEventSeq: new Pulled('clustergraph_line_events_last_seq', 'Sequence number of the last line event delivered to subscribers', []),
  ledgerRecords: counter(
    'clustergraph_ledger_records_total',
    'Reads by other firms recorded in the usage ledger, by data category and decision (allowed, refused)',
    ['category', 'decision'],
  ),
  ledgerWrites: counter('clustergraph_ledger_writes_total', 'Usage-ledger rows written to the database, by outcome (ok, failed)', ['outcome']),
  ledgerPending: new Pulled('clustergraph_ledger_pending', 'Usage-ledger entries waiting to be written', []),

  // Cluster subgraph.
  plannerRuns: counter('clustergraph_planner_runs_total', 'Planner runs by solver status', ['status']),
  plannerDuration: histogram(
    'clustergraph_planner_run_duration_seconds',
    'Time of one planner run (capacity read + solve)',
    [],
    [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
  ),
  plannerGap: histogram(
    'clustergraph_planner_gap_ratio',
    'Relative optimality gap of each planner run (0 = proven optimal)',
    [],
    [0, 0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25],
  ),
  plannerLastGap: new Gauge({
    name: 'clustergraph_planner_last_gap_ratio',
    help: 'Relative optimality gap of the last planner run',
    registers: [metricsRegistry],
  }),

  // Readiness, for alerts on services that answer /health but cannot serve.
  ready: new Gauge({
    name: 'clustergraph_ready',
    help: '1 when the service can serve (its /ready checks passed at this scrape)',
    registers: [metricsRegistry],
  }),
};

/** A metric read at scrape time. */
export type PulledMetric<L extends string> = Pulled<L>;

/** Prometheus text exposition of this process's registry. */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  return { contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
}

const SANE_OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;

/**
 * Operation names as label values. Client-chosen names are untrusted: a label value each
 * would let anyone grow the registry without bound. Known names (the clients' persisted
 * operations) always count under their own name; other sane names are admitted only from
 * authenticated callers and only until `max` distinct ones are held; the rest is `other`.
 */
export class OperationLabels {
  private readonly known: Set<string>;
  private readonly admitted = new Set<string>();

  constructor(
    private readonly max: number,
    known: Iterable<string> = [],
  ) {
    this.known = new Set(known);
  }

  label(name: string | null | undefined, mayAdmit: boolean): string {
    if (!name) return 'anonymous';
    if (this.known.has(name) || this.admitted.has(name)) return name;
    if (mayAdmit && this.admitted.size < this.max && SANE_OPERATION_NAME.test(name)) {
      this.admitted.add(name);
      return name;
    }
    return 'other';
  }

  get size(): number {
    return this.admitted.size;
  }
}

const SANE_MEMBER_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** A member id as a label value: only ids the caller knows are registered, and only sane ones. */
export function memberLabel(memberId: string, known: boolean): string {
  return known && SANE_MEMBER_ID.test(memberId) ? memberId : 'unknown';
}
