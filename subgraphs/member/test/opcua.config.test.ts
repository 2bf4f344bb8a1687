import { describe, expect, it } from 'vitest';
import { loadMemberConfig } from '../src/config.ts';

// The OPCUA_* settings: defaults, and the combinations refused before anything starts.
const base = { MEMBER_ID: 'daesung-casting', GATEWAY_PUBLIC_JWK_FILE: '/keys/gw.jwk.json', DATA_DIR: '/var/lib/cg' };
const endpoint = { OPCUA_ENDPOINT: 'opc.tcp://press-gw.plant.local:4840', OPCUA_MAPPING_FILE: '/etc/cg/opcua.json' };

describe('OPC UA configuration', () => {
  it('is off without an endpoint, and has safe defaults with one', () => {
    expect(loadMemberConfig(base).opcua).toBeUndefined();
    expect(loadMemberConfig({ ...base, ...endpoint }).opcua).toEqual({
      endpoint: 'opc.tcp://press-gw.plant.local:4840',
      mappingFile: '/etc/cg/opcua.json',
      securityMode: 'None',
      securityPolicy: 'None',
      user: null,
      pkiDir: '/var/lib/cg/opcua-pki',
      trustUnknownServer: false,
      publishingIntervalMs: 250,
      samplingIntervalMs: 0,
      queueSize: 100,
      startTimeoutMs: 15_000,
    });
  });

  it('takes security mode, policy and user', () => {
    const config = loadMemberConfig({
      ...base,
      ...endpoint,
      OPCUA_SECURITY_MODE: 'SignAndEncrypt',
      OPCUA_SECURITY_POLICY: 'Basic256Sha256',
      OPCUA_USERNAME: 'reader',
      OPCUA_PASSWORD: 's3cret',
    }).opcua;
    expect(config).toMatchObject({ securityMode: 'SignAndEncrypt', securityPolicy: 'Basic256Sha256', user: { userName: 'reader', password: 's3cret' } });
  });

  it.each([
    [{ OPCUA_ENDPOINT: 'opc.tcp://plc:4840' }, /OPCUA_MAPPING_FILE: OPCUA_ENDPOINT needs OPCUA_MAPPING_FILE/],
    [{ ...endpoint, OPCUA_ENDPOINT: 'http://plc:4840' }, /OPCUA_ENDPOINT: must be an opc\.tcp:\/\/ URL/],
    [{ ...endpoint, OPCUA_SECURITY_MODE: 'Sign' }, /OPCUA_SECURITY_POLICY: OPCUA_SECURITY_MODE None goes with/],
    [{ ...endpoint, OPCUA_SECURITY_POLICY: 'Basic256Sha256' }, /OPCUA_SECURITY_POLICY: OPCUA_SECURITY_MODE None goes with/],
    [{ ...endpoint, OPCUA_SECURITY_MODE: 'Sign', OPCUA_SECURITY_POLICY: 'Basic128Rsa15' }, /OPCUA_SECURITY_POLICY/],
    [{ ...endpoint, OPCUA_USERNAME: 'reader' }, /OPCUA_PASSWORD: set both OPCUA_USERNAME and OPCUA_PASSWORD/],
    [{ ...endpoint, OPCUA_QUEUE_SIZE: '0' }, /OPCUA_QUEUE_SIZE/],
  ])('refuses %j', (env, message) => {
    expect(() => loadMemberConfig({ ...base, ...env })).toThrow(message);
  });
});
