import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace, type Attributes, type Span } from '@opentelemetry/api';
import {
  AlwaysOffSampler,
  NodeTracerProvider,
  BatchSpanProcessor,
  InMemorySpanExporter,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { TracingConfig } from './observabilityConfig.ts';

/**
 * OpenTelemetry traces: one provider per process (NodeTracerProvider: AsyncLocalStorage
 * context, W3C `traceparent` propagation), registered by main.ts when OTEL_TRACES_EXPORTER is
 * set. Without it every helper here is a pass-through: no span objects, no headers.
 */
export interface Tracing {
  /** Spans kept in memory (tests), when started with `exporter: 'memory'`. */
  memory: InMemorySpanExporter | null;
  /** Exports what is pending and unregisters the provider. */
  shutdown(): Promise<void>;
}

const TRACER_NAME = 'clustergraph';
let enabled = false;

export const tracingEnabled = (): boolean => enabled;

/**
 * Starts tracing for this process. `exporter: 'memory'` keeps spans in an InMemorySpanExporter
 * (tests, exported synchronously); `otlp` sends OTLP/HTTP JSON in batches to `config.endpoint`.
 */
export function startTracing(
  serviceName: string,
  config: Pick<TracingConfig, 'endpoint' | 'sampleRatio' | 'batchDelayMs'> & { exporter: TracingConfig['exporter'] | 'memory' },
  attributes: Attributes = {},
  /** false on subgraphs: trace only what a traced caller (the gateway) sent, not the gateway's own registry polls and probes. */
  startsTraces = true,
): Tracing | null {
  if (config.exporter === 'none') return null;
  const memory = config.exporter === 'memory' ? new InMemorySpanExporter() : null;
  const exporter: SpanExporter = memory ?? new OTLPTraceExporter({ url: config.endpoint });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName, ...attributes }),
    // A root decides by ratio; a span whose caller sent a sampled traceparent follows the caller.
    sampler: new ParentBasedSampler({ root: startsTraces ? new TraceIdRatioBasedSampler(config.sampleRatio) : new AlwaysOffSampler() }),
    spanProcessors: [memory ? new SimpleSpanProcessor(memory) : new BatchSpanProcessor(exporter, { scheduledDelayMillis: config.batchDelayMs })],
  });
  provider.register();
  enabled = true;
  return {
    memory,
    async shutdown() {
      enabled = false;
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

const tracer = () => trace.getTracer(TRACER_NAME);

/**
 * Express middleware: runs the rest of the request in a SERVER span. `trustParent`: continue
 * the caller's trace from its `traceparent` (subgraphs: the gateway signs their requests);
 * the gateway starts a new trace for every client, so a client can neither force sampling
 * nor plant its own trace ids in the cluster's traces. Mount it after the body parser:
 * what runs after it keeps the span's context (the parser's stream events would lose it).
 */
export function traceRequests(options: { trustParent: boolean; attributes?: Attributes }): RequestHandler {
  return (req, res, next) => {
    if (!enabled) return next();
    const parent = options.trustParent ? propagation.extract(ROOT_CONTEXT, req.headers as IncomingHttpHeaders) : ROOT_CONTEXT;
    const span = tracer().startSpan(
      `${req.method} ${req.baseUrl || req.path}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': req.baseUrl || req.path, ...options.attributes } },
      parent,
    );
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    res.once('finish', end);
    res.once('close', end);
    context.with(trace.setSpan(parent, span), next);
  };
}

/** The span of the request being handled (a no-op span when tracing is off). */
export const activeSpan = (): Span | undefined => (enabled ? trace.getActiveSpan() : undefined);

/** `traceId`/`spanId` of the active span for log lines (pino mixin); empty when tracing is off. */
export function traceLogFields(): Record<string, string> {
  if (!enabled) return {};
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}

/**
 * Runs `call` in a CLIENT span and hands it the headers that carry the span to the callee
 * (`traceparent`). Errors mark the span; `outcomeOf` may mark an answer as failed too.
 */
export async function withClientSpan<T>(name: string, attributes: Attributes, call: (headers: Record<string, string>) => Promise<T>): Promise<T> {
  if (!enabled) return call({});
  const span = tracer().startSpan(name, { kind: SpanKind.CLIENT, attributes });
  const spanContext = trace.setSpan(context.active(), span);
  const headers: Record<string, string> = {};
  propagation.inject(spanContext, headers);
  try {
    return await context.with(spanContext, () => call(headers));
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}

/** Writes the active span's `traceparent` with `set` (for clients that build their own headers). */
export function injectTraceHeaders(set: (name: string, value: string) => void): void {
  if (!enabled) return;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  for (const [name, value] of Object.entries(carrier)) set(name, value);
}
