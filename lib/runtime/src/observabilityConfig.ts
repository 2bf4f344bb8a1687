import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** What every service reads about metrics and traces (each service's config.ts calls this once). */
export interface ObservabilityConfig {
  /**
   * Bearer token Prometheus sends to `/metrics` (METRICS_TOKEN or METRICS_TOKEN_FILE). Null:
   * `/metrics` answers 404 — the figures name firms (per-member labels) and their activity,
   * which is not for anonymous visitors.
   */
  metricsToken: string | null;
  /** Distinct operation names kept as label values before the rest count as `other`. */
  maxOperationLabels: number;
  tracing: TracingConfig;
}

export interface TracingConfig {
  /** `none` (default): no spans, no propagation; `otlp`: OTLP/HTTP (JSON) to `endpoint`. */
  exporter: 'none' | 'otlp';
  /** Full OTLP traces URL, e.g. http://otel-collector:4318/v1/traces. */
  endpoint: string;
  /** Share of root traces sampled at the gateway (0..1); subgraphs follow their caller's decision. */
  sampleRatio: number;
  /** How long spans wait for a batch (ms); tests shorten it. */
  batchDelayMs: number;
}

const schema = z.object({
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters (it guards per-firm figures)').optional(),
  METRICS_TOKEN_FILE: z.string().min(1).optional(),
  METRICS_MAX_OPERATIONS: z.coerce.number().int().min(0).max(1000).default(100),
  OTEL_TRACES_EXPORTER: z.enum(['none', 'otlp']).default('none'),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url().optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
  OTEL_BSP_SCHEDULE_DELAY: z.coerce.number().int().min(1).max(60_000).default(5000),
});

/** Parses METRICS_* and the standard OTEL_* variables; throws listing every problem. */
export function observabilityConfigFrom(env: Record<string, string | undefined>): ObservabilityConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid observability configuration:\n${parsed.error.issues.map((i) => `- ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const e = parsed.data;
  let metricsToken = e.METRICS_TOKEN ?? null;
  if (e.METRICS_TOKEN_FILE) {
    metricsToken = readFileSync(e.METRICS_TOKEN_FILE, 'utf8').trim();
    if (metricsToken.length < 16) throw new Error('invalid observability configuration:\n- METRICS_TOKEN_FILE: the token needs at least 16 characters');
  }
  const base = e.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, '');
  return {
    metricsToken,
    maxOperationLabels: e.METRICS_MAX_OPERATIONS,
    tracing: {
      exporter: e.OTEL_TRACES_EXPORTER,
      endpoint: e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (base ? `${base}/v1/traces` : 'http://127.0.0.1:4318/v1/traces'),
      sampleRatio: e.OTEL_TRACES_SAMPLER_ARG,
      batchDelayMs: e.OTEL_BSP_SCHEDULE_DELAY,
    },
  };
}
