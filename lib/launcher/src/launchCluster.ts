import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MemberRole } from '@clustergraph/schema/values';
import { loadOrCreateSigningKeys, preparePgliteDataDirs, signHostAdminToken, writePublicJwk } from '@clustergraph/runtime';
import { ServiceProcess } from './serviceProcess.ts';
import { checkPorts, freePort, type WantedPort } from './ports.ts';

export type MemberRoleName = MemberRole;

export interface MemberSpec {
  id: string;
  /** The romanised name (Member.name). */
  name: string;
  /** The firm's own name in its own script (Member.localName), e.g. 한빛EV시스템. */
  localName?: string;
  roles: MemberRoleName[];
  region: string;
  /** Demo profile the member seeds itself from on first start (see subgraphs/member seed). */
  seedProfile?: unknown;
  /** Registered ACTIVE in the registry at start (default true). */
  registered?: boolean;
  port?: number;
  env?: Record<string, string>;
  /**
   * Runs elsewhere (another process of the caller's, e.g. many members in one for a
   * benchmark): registered with this GraphQL endpoint, not started or stopped here.
   */
  endpoint?: string;
  /** Served by the cluster's member host (ClusterSpec.memberHost), provisioned through its admin API. */
  hosted?: boolean;
}

/** The member host process (issue 18): many firms' member subgraphs in one process. */
export interface MemberHostSpec {
  port?: number;
  env?: Record<string, string>;
}

export interface ClusterSpec {
  /** Data folders, keys and logs live below this folder. */
  rootDir: string;
  cluster: { id: string; name: string; region: string; industry: string; leaderId: string };
  members: MemberSpec[];
  host?: string;
  gatewayPort?: number;
  clusterPort?: number;
  /** Database URL for a service ('cluster' or a member id); undefined = embedded PGlite. */
  databaseUrl?(service: string): Promise<string | undefined> | string | undefined;
  demoAuth?: boolean;
  logPretty?: boolean;
  logLevel?: string;
  echo?: NodeJS.WritableStream;
  gatewayEnv?: Record<string, string>;
  clusterEnv?: Record<string, string>;
  /** How long each service may take to become healthy (default 90 s). */
  startTimeoutMs?: number;
  /** Built web console folder the gateway serves at /console. */
  consoleDir?: string;
  /** Joint orders the cluster subgraph seeds on first start (its SEED_ORDERS_FILE format). */
  seedOrders?: unknown[];
  /** Aborting it during start-up (Ctrl-C) stops what has started and rejects. */
  signal?: AbortSignal;
  /**
   * Start a member host beside the members (its base URL goes to the cluster subgraph as
   * MEMBER_HOST_URL); members with `hosted: true` are provisioned on it before the gateway starts.
   */
  memberHost?: MemberHostSpec;
}

function writeJson(file: string, value: unknown): string {
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

export interface RunningCluster {
  gatewayUrl: string;
  gatewayOrigin: string;
  clusterUrl: string;
  gateway: ServiceProcess;
  cluster: ServiceProcess;
  members: Map<string, ServiceProcess>;
  /** The member host process and its base URL (ClusterSpec.memberHost), or null. */
  memberHost: ServiceProcess | null;
  memberHostUrl: string | null;
  /** A bearer token for the member host's /admin/firms, signed with the cluster subgraph's service key. */
  hostAdminToken(): Promise<string>;
  /** Provisions a firm on the member host (POST /admin/firms); its demo profile, if any, seeds it. */
  provisionHosted(spec: MemberSpec): Promise<{ memberId: string; endpoint: string }>;
  memberUrl(id: string): string;
  /** Starts a member process (not registered: register it through the API). */
  startMember(spec: MemberSpec): Promise<ServiceProcess>;
  stop(): Promise<void>;
}

/** Starts gateway, cluster subgraph and every member as separate processes. */
export async function launchCluster(spec: ClusterSpec): Promise<RunningCluster> {
  const host = spec.host ?? '127.0.0.1';
  // Every fixed port first, before any folder, key or process: a taken port (another demo,
  // another program) fails here, naming it, and leaves nothing running.
  const wanted: WantedPort[] = [
    ...(spec.gatewayPort ? [{ port: spec.gatewayPort, service: 'gateway' }] : []),
    ...(spec.clusterPort ? [{ port: spec.clusterPort, service: 'cluster' }] : []),
    ...spec.members.flatMap((m) => (m.port ? [{ port: m.port, service: `member ${m.id}` }] : [])),
    ...(spec.memberHost?.port ? [{ port: spec.memberHost.port, service: 'member host' }] : []),
  ];
  await checkPorts(wanted, host);
  mkdirSync(spec.rootDir, { recursive: true });
  const keyDir = join(spec.rootDir, 'keys');
  const keys = await loadOrCreateSigningKeys(join(keyDir, 'gateway-signing-key.json'));
  const publicKeyFile = join(keyDir, 'gateway-public.jwk.json');
  writePublicJwk(publicKeyFile, keys.publicJwk);

  const common = {
    HOST: host,
    GATEWAY_PUBLIC_JWK_FILE: publicKeyFile,
    LOG_LEVEL: spec.logLevel ?? 'info',
    LOG_PRETTY: spec.logPretty ? 'true' : 'false',
    // Production-like unless the caller says otherwise: errors masked, no stack traces (EXPOSE_ERRORS=1 shows them).
    NODE_ENV: process.env['NODE_ENV'] ?? 'production',
  };
  const logFile = (name: string) => join(spec.rootDir, 'logs', `${name}.log`);
  const databaseUrls = new Map<string, string | undefined>();
  const databaseUrl = async (service: string) => {
    if (!databaseUrls.has(service)) databaseUrls.set(service, await spec.databaseUrl?.(service));
    return databaseUrls.get(service);
  };
  const dbEnv = async (service: string): Promise<Record<string, string>> => {
    const url = await databaseUrl(service);
    return url ? { DATABASE_URL: url } : {};
  };
  const dataDirOf = (service: string) => join(spec.rootDir, 'data', service === 'cluster' ? 'cluster' : `member-${service}`);

  // Services without a database URL use PGlite: initialise their folders from one template.
  const pgliteDirs: string[] = [];
  const ownProcess = (m: MemberSpec) => !m.endpoint && !m.hosted;
  if (spec.members.some((m) => m.hosted) && !spec.memberHost) throw new Error('hosted members need ClusterSpec.memberHost');
  for (const service of ['cluster', ...spec.members.filter(ownProcess).map((m) => m.id)]) {
    if (!(await databaseUrl(service))) pgliteDirs.push(dataDirOf(service));
  }
  await preparePgliteDataDirs(pgliteDirs);

  const memberPorts = new Map<string, number>();
  const hostPort = spec.memberHost ? (spec.memberHost.port ?? (await freePort(host))) : null;
  const memberHostUrl = hostPort !== null ? `http://${host === '0.0.0.0' ? 'localhost' : host}:${hostPort}` : null;
  const hostedEndpoint = (id: string) => `${memberHostUrl}/firms/${id}/graphql`;
  const externalEndpoints = new Map(
    spec.members.flatMap((m) => (m.endpoint ? [[m.id, m.endpoint] as const] : m.hosted ? [[m.id, hostedEndpoint(m.id)] as const] : [])),
  );
  const memberUrl = (id: string) => {
    const external = externalEndpoints.get(id);
    if (external) return external;
    const port = memberPorts.get(id);
    if (port === undefined) throw new Error(`unknown member ${id}`);
    return `http://${host}:${port}/graphql`;
  };

  const members = new Map<string, ServiceProcess>();
  const createMember = async (member: MemberSpec): Promise<ServiceProcess> => {
    const port = member.port ?? (await freePort(host));
    memberPorts.set(member.id, port);
    const env: Record<string, string> = {
      ...common,
      ...(await dbEnv(member.id)),
      MEMBER_ID: member.id,
      PORT: String(port),
      DATA_DIR: dataDirOf(member.id),
      ...member.env,
    };
    if (member.seedProfile) {
      const file = join(spec.rootDir, 'profiles', `${member.id}.json`);
      mkdirSync(join(spec.rootDir, 'profiles'), { recursive: true });
      writeFileSync(file, JSON.stringify(member.seedProfile, null, 2));
      env['SEED_PROFILE'] = file;
    }
    const proc = new ServiceProcess({
      name: `member ${member.id}`,
      packageName: '@clustergraph/member-subgraph',
      env,
      healthUrl: `http://${host}:${port}/health`,
      logFile: logFile(`member-${member.id}`),
      echo: spec.echo,
    });
    members.set(member.id, proc);
    return proc;
  };

  for (const member of spec.members) if (ownProcess(member)) await createMember(member);

  const clusterPort = spec.clusterPort ?? (await freePort(host));
  // Chosen before the cluster subgraph starts: its planner calls the gateway (GATEWAY_URL),
  // and the gateway trusts the planner's service identity from the cluster's JWKS.
  const gatewayPort = spec.gatewayPort ?? (await freePort(host));
  const gatewayOrigin = `http://${host === '0.0.0.0' ? 'localhost' : host}:${gatewayPort}`;
  // The member host: the cluster's service key signs its admin calls (the cluster serves the
  // public half at /.well-known/jwks.json, which the host checks them against).
  const clusterServiceKeyFile = spec.clusterEnv?.['SERVICE_KEY_FILE'] ?? join(keyDir, 'cluster-service-key.json');
  const clusterKeys = spec.memberHost ? await loadOrCreateSigningKeys(clusterServiceKeyFile) : null;
  const seedProfilesDir = join(spec.rootDir, 'host-profiles');
  const memberHost =
    spec.memberHost && memberHostUrl
      ? new ServiceProcess({
          name: 'member host',
          packageName: '@clustergraph/member-subgraph',
          entry: 'src/hostMain.ts',
          env: {
            ...common,
            ...(await dbEnv('member-host')),
            PORT: String(hostPort),
            DATA_DIR: join(spec.rootDir, 'data', 'member-host'),
            HOST_PUBLIC_URL: memberHostUrl,
            CLUSTER_SERVICE_JWKS_URL: `http://${host}:${clusterPort}/.well-known/jwks.json`,
            HOST_SEED_PROFILES_DIR: seedProfilesDir,
            ...spec.memberHost.env,
          },
          healthUrl: `${memberHostUrl}/health`,
          logFile: logFile('member-host'),
          echo: spec.echo,
        })
      : null;
  const hostAdminToken = async () => {
    if (!clusterKeys) throw new Error('no member host in this cluster');
    return signHostAdminToken(clusterKeys);
  };
  const provisionHosted = async (member: MemberSpec) => {
    if (!memberHostUrl) throw new Error('no member host in this cluster');
    const profile = member.seedProfile as { capacity?: Record<string, unknown> } | undefined;
    if (profile) {
      mkdirSync(seedProfilesDir, { recursive: true });
      writeFileSync(join(seedProfilesDir, `${member.id}.json`), JSON.stringify(profile, null, 2));
    }
    const res = await fetch(`${memberHostUrl}/admin/firms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await hostAdminToken()}` },
      body: JSON.stringify({ memberId: member.id, name: member.name, processes: Object.keys(profile?.capacity ?? {}) }),
    });
    const body = (await res.json()) as { memberId: string; endpoint: string };
    if (res.status !== 200 && res.status !== 201) throw new Error(`member host refused to provision ${member.id}: ${res.status} ${JSON.stringify(body)}`);
    externalEndpoints.set(member.id, body.endpoint);
    return body;
  };

  // Subgraphs start in parallel; the gateway needs the registry, so it comes last.
  const startTimeoutMs = spec.startTimeoutMs ?? 90_000;
  const seedMembersFile = join(spec.rootDir, 'registry-seed.json');
  writeFileSync(
    seedMembersFile,
    JSON.stringify(
      spec.members
        .filter((m) => m.registered !== false)
        .map((m) => ({ id: m.id, name: m.name, localName: m.localName ?? null, roles: m.roles, region: m.region, endpoint: memberUrl(m.id) })),
      null,
      2,
    ),
  );
  const cluster = new ServiceProcess({
    name: 'cluster',
    packageName: '@clustergraph/cluster-subgraph',
    env: {
      ...common,
      ...(await dbEnv('cluster')),
      PORT: String(clusterPort),
      DATA_DIR: dataDirOf('cluster'),
      CLUSTER_ID: spec.cluster.id,
      CLUSTER_NAME: spec.cluster.name,
      CLUSTER_REGION: spec.cluster.region,
      CLUSTER_INDUSTRY: spec.cluster.industry,
      LEADER_ID: spec.cluster.leaderId,
      SEED_MEMBERS_FILE: seedMembersFile,
      GATEWAY_URL: `${gatewayOrigin}/graphql`,
      ...(memberHostUrl && clusterKeys ? { MEMBER_HOST_URL: memberHostUrl, SERVICE_KEY_FILE: clusterServiceKeyFile } : {}),
      ...(spec.seedOrders ? { SEED_ORDERS_FILE: writeJson(join(spec.rootDir, 'orders-seed.json'), spec.seedOrders) } : {}),
      ...spec.clusterEnv,
    },
    healthUrl: `http://${host}:${clusterPort}/health`,
    logFile: logFile('cluster'),
    echo: spec.echo,
  });
  const clusterUrl = `http://${host}:${clusterPort}/graphql`;

  const stopAll = () => Promise.all([gatewayProcess?.stop(), cluster.stop(), memberHost?.stop(), ...[...members.values()].map((m) => m.stop())]);
  // eslint-disable-next-line prefer-const -- stopAll (above) reads it before the gateway is started
  let gatewayProcess: ServiceProcess | undefined;
  try {
    // allSettled: every process must be up (or known failed) before a failure cleans up.
    const results = await Promise.allSettled([
      cluster.start(startTimeoutMs, spec.signal),
      ...(memberHost ? [memberHost.start(startTimeoutMs, spec.signal)] : []),
      ...[...members.values()].map((m) => m.start(startTimeoutMs, spec.signal)),
    ]);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    // Provisioned before the gateway routes to them (one after the other: PGlite opens are CPU-bound).
    for (const member of spec.members) if (member.hosted) await provisionHosted(member);
  } catch (error) {
    await stopAll();
    throw error;
  }

  const gateway = new ServiceProcess({
    name: 'gateway',
    packageName: '@clustergraph/gateway',
    env: {
      ...common,
      PORT: String(gatewayPort),
      CLUSTER_URL: clusterUrl,
      SIGNING_KEY_FILE: join(keyDir, 'gateway-signing-key.json'),
      DATA_DIR: join(spec.rootDir, 'data', 'gateway'),
      PUBLIC_URL: gatewayOrigin,
      DEMO_AUTH: spec.demoAuth ? 'true' : 'false',
      CLUSTER_SERVICE_JWKS_URL: `http://${host}:${clusterPort}/.well-known/jwks.json`,
      ...(spec.consoleDir ? { CONSOLE_DIR: spec.consoleDir } : {}),
      ...spec.gatewayEnv,
    },
    healthUrl: `${gatewayOrigin}/health`,
    logFile: logFile('gateway'),
    echo: spec.echo,
  });
  gatewayProcess = gateway;
  try {
    if (spec.signal?.aborted) throw new Error('start-up cancelled');
    await gateway.start(startTimeoutMs, spec.signal);
  } catch (error) {
    await stopAll();
    throw error;
  }

  return {
    gatewayUrl: `${gatewayOrigin}/graphql`,
    gatewayOrigin,
    clusterUrl,
    gateway,
    cluster,
    members,
    memberHost,
    memberHostUrl,
    hostAdminToken,
    provisionHosted,
    memberUrl,
    async startMember(member) {
      const proc = await createMember(member);
      await proc.start();
      return proc;
    },
    async stop() {
      await gateway.stop();
      await Promise.all([cluster.stop(), memberHost?.stop(), ...[...members.values()].map((m) => m.stop())]);
    },
  };
}
