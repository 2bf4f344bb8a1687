import type { Express, RequestHandler } from 'express';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Attributes } from '@opentelemetry/api';
import { graphqlObservabilityPlugin } from './graphqlObservability.ts';
import { mountObservabilityRoutes, type ReadinessCheck } from './health.ts';
import { OperationLabels } from './metrics.ts';
import type { ObservabilityConfig } from './observabilityConfig.ts';
import { traceRequests } from './tracing.ts';

export interface ServiceObservabilityOptions {
  config: Pick<ObservabilityConfig, 'metricsToken' | 'maxOperationLabels'>;
  /** What `/ready` checks (the database, …). */
  readiness: ReadinessCheck[];
  /** Put on every request span (`memberId` on a member). */
  spanAttributes?: Attributes;
}

/** The hooks createServiceApp mounts: /metrics and /ready, the request span, the operation metrics. */
export interface ServiceObservability<TContext extends BaseContext> {
  mount(app: Express): void;
  /** After authentication: only a request the gateway signed continues the trace its traceparent names. */
  traceRequests: RequestHandler;
  plugin: ApolloServerPlugin<TContext>;
}

export function serviceObservability<TContext extends BaseContext>(options: ServiceObservabilityOptions | undefined): ServiceObservability<TContext> {
  // Subgraph operation names are the gateway's (derived from its clients' names): capped like the gateway's.
  const labels = new OperationLabels(options?.config.maxOperationLabels ?? 100);
  return {
    mount(app) {
      if (options) mountObservabilityRoutes(app, { metricsToken: options.config.metricsToken, readiness: options.readiness });
    },
    // Subgraphs continue the gateway's trace; mounted after the token check, so nobody else can plant a trace id or force sampling.
    traceRequests: traceRequests({ trustParent: true, attributes: options?.spanAttributes ?? {} }),
    plugin: graphqlObservabilityPlugin<TContext>({ labels, mayAdmitName: () => true }),
  };
}
