import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../src/config.ts';

describe('loadGatewayConfig', () => {
  it('has working defaults', () => {
    const config = loadGatewayConfig({});
    expect(config).toMatchObject({
      port: 4000,
      clusterUrl: 'http://127.0.0.1:4001/graphql',
      signingKeyFile: '.data/gateway/signing-key.json',
      memberTimeoutMs: 5000,
      routingRefreshMs: 2000,
      publicUrl: 'http://localhost:4000',
      exposeErrors: false,
      auth: { demoAuth: false, audience: 'clustergraph', demoKeyFile: '.data/gateway/demo-issuer-key.json' },
      live: { maxBufferedBytes: 4 * 1024 * 1024, slowConsumerBytes: 256 * 1024, slowConsumerGraceMs: 5000 },
    });
  });

  it('reads the environment and fails fast naming every bad variable', () => {
    const config = loadGatewayConfig({ PORT: '0', DATA_DIR: '/tmp/gw', DEMO_AUTH: 'true', MEMBER_TIMEOUT_MS: '750' });
    expect(config).toMatchObject({ port: 0, signingKeyFile: '/tmp/gw/signing-key.json', memberTimeoutMs: 750, auth: { demoAuth: true } });
    expect(() => loadGatewayConfig({ PORT: 'eighty', CLUSTER_URL: 'not a url' })).toThrow(/PORT[\s\S]*CLUSTER_URL|CLUSTER_URL[\s\S]*PORT/);
    expect(() => loadGatewayConfig({ AUTH_ISSUER: 'https://id.example.kr' })).toThrow(/AUTH_JWKS_URL/);
    expect(() => loadGatewayConfig({ LIVE_SLOW_CONSUMER_BYTES: '2000', LIVE_MAX_BUFFERED_BYTES: '1000' })).toThrow(/LIVE_SLOW_CONSUMER_BYTES/);
    expect(() => loadGatewayConfig({ LIVE_SLOW_CONSUMER_GRACE_MS: '-1' })).toThrow(/LIVE_SLOW_CONSUMER_GRACE_MS/);
  });
});

describe('gateway limits configuration', () => {
  it('has defaults and reads every limit from the environment', () => {
    const defaults = loadGatewayConfig({}).limits;
    expect(defaults).toMatchObject({
      operation: { maxTokens: 5000, maxDepth: 10, maxAliases: 30, maxRootFields: 20, maxCost: 50_000, defaultListSize: 10 },
      maxBodyBytes: 1024 * 1024,
      wsMaxPayloadBytes: 1024 * 1024,
      maxSubscriptionsPerSocket: 25,
      maxUpstreamsPerReader: 200,
      rate: { userPerSecond: 50, firmPerSecond: 200, addressPerSecond: 200, databaseUrl: undefined },
      breaker: { failures: 3, openMs: 5000 },
      trustedDocuments: { file: undefined, onlyFromBrowsers: false },
    });
    const set = loadGatewayConfig({
      LIMIT_MAX_DEPTH: '6',
      MAX_BODY_BYTES: '65536',
      RATE_LIMIT_USER_PER_SECOND: '0',
      RATE_LIMIT_DATABASE_URL: 'postgres://db/rl',
      TRUSTED_DOCUMENTS_ONLY_FROM_BROWSERS: 'true',
    }).limits;
    expect(set).toMatchObject({
      operation: { maxDepth: 6 },
      maxBodyBytes: 65536,
      rate: { userPerSecond: 0, databaseUrl: 'postgres://db/rl' },
      trustedDocuments: { onlyFromBrowsers: true },
    });
    expect(() => loadGatewayConfig({ LIMIT_MAX_COST: '-1' })).toThrow(/LIMIT_MAX_COST/);
    expect(() => loadGatewayConfig({ RATE_LIMIT_DATABASE_URL: 'mysql://x' })).toThrow(/RATE_LIMIT_DATABASE_URL/);
  });
});
