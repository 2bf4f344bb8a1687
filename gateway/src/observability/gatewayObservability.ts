import type { Express } from 'express';
import { parse, type OperationDefinitionNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { persistedDocuments } from '@clustergraph/sdk/persisted-documents';
import { OperationLabels, graphqlObservabilityPlugin, metrics, mountObservabilityRoutes, traceRequests, type ObservabilityConfig } from '@clustergraph/runtime';
import type { GatewayContext } from '../context.ts';
import type { MemberCircuitBreakers } from '../limits/circuitBreaker.ts';
import type { RoutingTable } from '../routing/routingTable.ts';
import type { LiveSubscriptions } from '../subscriptions/index.ts';

export interface GatewayFigures {
  routingTable: RoutingTable;
  breakers: MemberCircuitBreakers;
  live: LiveSubscriptions;
}

/**
 * The gateway's /metrics and /ready, its request spans and operation metrics. Ready once the
 * routing table has been loaded from the cluster registry (before that no member can be routed).
 */
export function gatewayObservability(observabilityConfig: Pick<ObservabilityConfig, 'metricsToken' | 'maxOperationLabels'> | undefined) {
  const config = observabilityConfig ?? { metricsToken: null, maxOperationLabels: 100 };
  // The SDK's persisted operations (console, CLI) are always labelled by name; others only from signed-in viewers, capped.
  const labels = new OperationLabels(config.maxOperationLabels, knownOperationNames(Object.values(persistedDocuments)));
  let removers: Array<() => void> = [];
  /** Figures the gateway already keeps, read at scrape time: routing, circuits, subscriptions, upstreams. */
  const watch = ({ routingTable, breakers, live }: GatewayFigures) => [
    metrics.memberUp.addSource(() =>
      routingTable.memberIds().map((id) => [{ member: id }, routingTable.route(id).kind === 'routable' && breakers.state(id) !== 'open' ? 1 : 0]),
    ),
    metrics.routingMembers.addSource(() => {
      const byStatus = new Map<string, number>();
      for (const entry of routingTable.members()) byStatus.set(entry.status, (byStatus.get(entry.status) ?? 0) + 1);
      return [...byStatus].map(([status, count]) => [{ status }, count]);
    }),
    metrics.openSubscriptions.addSource(() => [[{}, live.stats().subscribers]]),
    metrics.subscriptionGroups.addSource(() => [[{}, live.stats().groups]]),
    metrics.sharedUpstreams.addSource(() => Object.entries(live.stats().upstreamsByMember).map(([member, count]) => [{ member }, count])),
    metrics.liveSockets.addSource(() => [[{}, Number(live.debugStats()['connections'] ?? 0)]]),
  ];
  return {
    /** /metrics and /ready (ready once the routing table was loaded), and the figures above. */
    mount(app: Express, figures: GatewayFigures): void {
      removers = watch(figures);
      mountObservabilityRoutes(app, { metricsToken: config.metricsToken, readiness: [{ name: 'routing', check: () => figures.routingTable.loaded }] });
    },
    /** A new trace per client request: a client's own traceparent is not continued (see tracing.ts). */
    traceRequests: traceRequests({ trustParent: false }),
    plugin: graphqlObservabilityPlugin<GatewayContext>({ labels, mayAdmitName: (context) => context.viewer !== null }) as ApolloServerPlugin<GatewayContext>,
    close(): void {
      for (const remove of removers) remove();
    },
  };
}

function knownOperationNames(documents: Iterable<string>): string[] {
  const names: string[] = [];
  for (const document of documents) {
    try {
      for (const definition of parse(document).definitions) {
        if (definition.kind === 'OperationDefinition' && (definition as OperationDefinitionNode).name)
          names.push((definition as OperationDefinitionNode).name!.value);
      }
    } catch {
      // a document the gateway cannot parse is refused when sent; it needs no label
    }
  }
  return names;
}
