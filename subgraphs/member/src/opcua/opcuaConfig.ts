/** OPC UA message security modes, as named by the standard (and node-opcua's MessageSecurityMode). */
export const OPCUA_SECURITY_MODES = ['None', 'Sign', 'SignAndEncrypt'] as const;
export type OpcuaSecurityMode = (typeof OPCUA_SECURITY_MODES)[number];

/** Security policies a member may ask for; the deprecated Basic128Rsa15 and Basic256 are left out on purpose. */
export const OPCUA_SECURITY_POLICIES = ['None', 'Basic256Sha256', 'Aes128_Sha256_RsaOaep', 'Aes256_Sha256_RsaPss'] as const;
export type OpcuaSecurityPolicy = (typeof OPCUA_SECURITY_POLICIES)[number];

/** The OPCUA_* settings of a member (config.ts parses them). */
export interface OpcuaConfig {
  /** opc.tcp:// URL of the machine's (or the line's edge gateway's) OPC UA server. */
  endpoint: string;
  /** JSON file naming, per line, the state node and the good/scrap counter nodes (README "Feeding real machines over OPC UA"). */
  mappingFile: string;
  securityMode: OpcuaSecurityMode;
  securityPolicy: OpcuaSecurityPolicy;
  /** User name and password; null signs in anonymously. */
  user: { userName: string; password: string } | null;
  /** The client's certificate store: own certificate, trusted/ and rejected/ server certificates. */
  pkiDir: string;
  /** Accept a server certificate that is not in `<pkiDir>/trusted` (only for trying things out). */
  trustUnknownServer: boolean;
  publishingIntervalMs: number;
  /** 0: the server reports every change (exception-based), not a sampled value. */
  samplingIntervalMs: number;
  /** Changes the server keeps per node between two publishes. */
  queueSize: number;
  /** How long start-up waits for the server to check the mapping against it; after that the member starts anyway and keeps trying. */
  startTimeoutMs: number;
}
