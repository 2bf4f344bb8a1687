import { describe, expect, it } from 'vitest';
import { loadMemberConfig } from '../src/config.ts';

const base = { MEMBER_ID: 'mirae-cnc', GATEWAY_PUBLIC_JWK_FILE: '/keys/gw.jwk.json' };

describe('loadMemberConfig', () => {
  it('applies defaults', () => {
    expect(loadMemberConfig(base)).toEqual({
      memberId: 'mirae-cnc',
      port: 4101,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: '.data/member-mirae-cnc',
      gatewayKey: { file: '/keys/gw.jwk.json' },
      logLevel: 'info',
      logPretty: false,
      seedProfile: undefined,
      exposeErrors: false,
      lineDownConflictMs: 4 * 3_600_000,
      lineDownCheckMs: 60_000,
      writeBounds: { maxRowsPerCall: 500, horizonWeeksBack: 4, horizonWeeksAhead: 104 },
      idempotencyTtlMs: 24 * 3_600_000,
      limits: { maxTokens: 20_000, maxDepth: 15, maxAliases: 100, maxRootFields: 100, maxCost: 100_000, cost: { defaultListSize: 20 } },
      maxBodyBytes: 1024 * 1024,
      exportMaxBytes: 64 * 1024 * 1024,
      importMaxBytes: 512 * 1024 * 1024,
      observability: {
        metricsToken: null,
        maxOperationLabels: 100,
        tracing: { exporter: 'none', endpoint: 'http://127.0.0.1:4318/v1/traces', sampleRatio: 1, batchDelayMs: 5000 },
      },
    });
  });

  it('reads the metrics token and the trace exporter (issue 17)', () => {
    const config = loadMemberConfig({
      ...base,
      METRICS_TOKEN: 'a-metrics-token-of-some-length',
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
    });
    expect(config.observability).toEqual({
      metricsToken: 'a-metrics-token-of-some-length',
      maxOperationLabels: 100,
      tracing: { exporter: 'otlp', endpoint: 'http://collector:4318/v1/traces', sampleRatio: 0.25, batchDelayMs: 5000 },
    });
    // A short token would guard per-firm figures with a guessable secret.
    expect(() => loadMemberConfig({ ...base, METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(() => loadMemberConfig({ ...base, OTEL_TRACES_EXPORTER: 'jaeger' })).toThrow(/OTEL_TRACES_EXPORTER/);
  });

  it('reads the write bounds and the idempotency key lifetime', () => {
    const config = loadMemberConfig({
      ...base,
      WRITE_MAX_ROWS: '50',
      WRITE_HORIZON_WEEKS_BACK: '0',
      WRITE_HORIZON_WEEKS_AHEAD: '26',
      IDEMPOTENCY_KEY_TTL_HOURS: '2',
    });
    expect(config.writeBounds).toEqual({ maxRowsPerCall: 50, horizonWeeksBack: 0, horizonWeeksAhead: 26 });
    expect(config.idempotencyTtlMs).toBe(7_200_000);
    expect(() => loadMemberConfig({ ...base, WRITE_MAX_ROWS: '0' })).toThrow(/WRITE_MAX_ROWS/);
    expect(() => loadMemberConfig({ ...base, WRITE_HORIZON_WEEKS_AHEAD: 'forever' })).toThrow(/WRITE_HORIZON_WEEKS_AHEAD/);
  });

  it("reads the member's own operation limits", () => {
    expect(loadMemberConfig({ ...base, SUBGRAPH_MAX_DEPTH: '8', SUBGRAPH_MAX_COST: '500' }).limits).toMatchObject({ maxDepth: 8, maxCost: 500 });
    expect(() => loadMemberConfig({ ...base, SUBGRAPH_MAX_DEPTH: '0' })).toThrow(/SUBGRAPH_MAX_DEPTH/);
  });

  it('reads the line-DOWN conflict threshold (0 turns it off)', () => {
    expect(loadMemberConfig({ ...base, LINE_DOWN_CONFLICT_MINUTES: '30', LINE_DOWN_CHECK_MS: '500' })).toMatchObject({
      lineDownConflictMs: 1_800_000,
      lineDownCheckMs: 500,
    });
    expect(loadMemberConfig({ ...base, LINE_DOWN_CONFLICT_MINUTES: '0' }).lineDownConflictMs).toBeNull();
    expect(() => loadMemberConfig({ ...base, LINE_DOWN_CONFLICT_MINUTES: '-5' })).toThrow(/LINE_DOWN_CONFLICT_MINUTES/);
  });

  it('reads every variable', () => {
    const config = loadMemberConfig({
      MEMBER_ID: 'a1',
      PORT: '4200',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u@db/a1',
      DATA_DIR: '/var/a1',
      GATEWAY_JWKS_URL: 'http://gw:4000/.well-known/jwks.json',
      LOG_LEVEL: 'debug',
      LOG_PRETTY: 'true',
      SEED_PROFILE: '/p.json',
      EXPOSE_ERRORS: '1',
    });
    expect(config).toMatchObject({
      port: 4200,
      host: '0.0.0.0',
      databaseUrl: 'postgres://u@db/a1',
      dataDir: '/var/a1',
      logPretty: true,
      seedProfile: '/p.json',
      exposeErrors: true,
    });
    expect(config.gatewayKey).toEqual({ jwksUrl: 'http://gw:4000/.well-known/jwks.json' });
  });

  it('exposes errors in development unless told otherwise', () => {
    expect(loadMemberConfig({ ...base, NODE_ENV: 'development' }).exposeErrors).toBe(true);
    expect(loadMemberConfig({ ...base, NODE_ENV: 'development', EXPOSE_ERRORS: 'false' }).exposeErrors).toBe(false);
  });

  it.each([
    [{ GATEWAY_PUBLIC_JWK_FILE: 'x' }, /MEMBER_ID/],
    [{ ...base, MEMBER_ID: 'Mirae CNC' }, /MEMBER_ID/],
    [{ MEMBER_ID: 'a' }, /GATEWAY_PUBLIC_JWK_FILE or GATEWAY_JWKS_URL/],
    [{ ...base, PORT: 'http' }, /PORT/],
    [{ ...base, DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
  ])('fails fast on %j', (env, message) => {
    expect(() => loadMemberConfig(env)).toThrow(message);
  });
});
