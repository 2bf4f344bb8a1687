/**
 * @apollo/gateway 2.x starts, when it is constructed, an OpenTelemetry meter provider that
 * exports usage metrics to Apollo (`APOLLO_OTEL_METRICS_URL`) and, to label them, probes the
 * cloud metadata services (169.254.169.254 and others) on every start. A cluster's gateway
 * reports to no third party, so unless the operator set `APOLLO_TELEMETRY_DISABLED` explicitly,
 * it is turned off before the gateway is built. (The library reads it from the environment
 * itself, so this is the one place the gateway writes to `process.env`.)
 */
export function disableApolloTelemetry(env: Record<string, string | undefined> = process.env): void {
  env['APOLLO_TELEMETRY_DISABLED'] ??= 'true';
}
