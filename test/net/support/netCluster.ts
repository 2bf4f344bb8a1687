import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MemberSpec } from '@clustergraph/launcher';
import { loadOrCreateSigningKeys, writePublicJwk } from '@clustergraph/runtime';
import { createTestDatabase, type TestDatabase } from '@clustergraph/runtime/testing';
import { DelayingProxy, type LinkProfile } from '../../src/delayingProxy.ts';
import { createHosts, type HostNetwork, type NetHost } from './hosts.ts';
import { HostProcess } from './hostProcess.ts';
import { GatewayBalancer } from './haproxy.ts';
import { PortForward } from './portForward.ts';

/** Ports inside each host (every host has its own address, so every service keeps its usual port). */
export const HOST_PORTS = { gateway: 4000, cluster: 4001, member: 4101 } as const;

export interface NetMemberSpec extends MemberSpec {
  /** The wide-area link between the leader's site and this firm's host. */
  link: LinkProfile;
  /** Member processes on the firm's host sharing its database (default 1); the link goes to the first that accepts. */
  replicas?: number;
  /**
   * Subscribe the firm's member processes to the machine's Mosquitto, reached on the firm's
   * LAN: true for every replica, or the indexes of those that ingest (one MQTT share group).
   */
  mqtt?: boolean | number[];
}

export interface NetClusterOptions {
  /** Namespace and interface prefix (2–10 lower-case letters and digits). */
  prefix: string;
  /** Second octet of the hosts' 10.x.0.0/16. */
  octet: number;
  /** Keys, seed files and logs. */
  dir: string;
  cluster: { id: string; name: string; region: string; industry: string; leaderId: string };
  members: NetMemberSpec[];
  /** HAProxy's port on 127.0.0.1 (and on the leader's link, for the planner). */
  balancerPort: number;
  gatewayEnv?: Record<string, string>;
  clusterEnv?: Record<string, string>;
  memberEnv?: Record<string, string>;
  seedOrders?: unknown[];
  consoleDir?: string;
  logLevel?: string;
  startTimeoutMs?: number;
  /** The firms' MQTT broker (default: the machine's Mosquitto on 127.0.0.1:1883). */
  mqttBroker?: { host: string; port: number };
}

export interface NetCluster {
  /** http://127.0.0.1:<balancerPort>: HAProxy in front of both gateway replicas. */
  gatewayOrigin: string;
  gatewayUrl: string;
  network: HostNetwork;
  balancer: GatewayBalancer;
  gateways: Map<string, HostProcess>;
  clusterSubgraph: HostProcess;
  /** Member id → its processes (replicas) on its host. */
  members: Map<string, HostProcess[]>;
  /** Member id → the wide-area link from the leader's site to it. */
  links: Map<string, DelayingProxy>;
  /** Bearer token of every service's /metrics. */
  metricsToken: string;
  stop(): Promise<void>;
}

const MQTT_PORT = 1883;
const POSTGRES = { host: '127.0.0.1', port: 5432 };

/**
 * The cluster spread over test hosts: gateway replicas on hosts gw-a and gw-b, the cluster
 * subgraph on host leader, each firm's member(s) on a host of its own. From the leader's site
 * to each firm runs that firm's wide-area link (a DelayingProxy on the firm's link address);
 * within the leader's site (gateways ↔ cluster subgraph) and from each host to its own
 * database and broker the connections are forwarded undelayed. HAProxy on 127.0.0.1 balances
 * the gateways. Each service has its own database on the machine's PostgreSQL.
 */
export async function startNetCluster(options: NetClusterOptions): Promise<NetCluster> {
  const hostNames = ['gw-a', 'gw-b', 'leader', ...options.members.map((m) => m.id)];
  const network = createHosts(options.prefix, options.octet, hostNames);
  const forwards: PortForward[] = [];
  const links = new Map<string, DelayingProxy>();
  const databases: TestDatabase[] = [];
  const processes: HostProcess[] = [];
  const gateways = new Map<string, HostProcess>();
  const members = new Map<string, HostProcess[]>();
  const metricsToken = randomBytes(24).toString('hex');
  const balancer = new GatewayBalancer({
    dir: options.dir,
    binds: [`127.0.0.1:${options.balancerPort}`, `${network.host('leader').linkAddress}:${options.balancerPort}`],
    servers: { 'gw-a': `${network.host('gw-a').address}:${HOST_PORTS.gateway}`, 'gw-b': `${network.host('gw-b').address}:${HOST_PORTS.gateway}` },
  });

  const stop = async () => {
    await balancer.stop();
    await Promise.all(processes.map((p) => p.stop()));
    await Promise.all([...links.values()].map((l) => l.stop()));
    await Promise.all(forwards.map((f) => f.stop()));
    network.remove();
    await Promise.all(databases.map((d) => d.drop().catch(() => {})));
  };

  try {
    mkdirSync(options.dir, { recursive: true });
    const keyDir = join(options.dir, 'keys');
    mkdirSync(keyDir, { recursive: true });
    const keys = await loadOrCreateSigningKeys(join(keyDir, 'gateway-signing-key.json'));
    const publicKeyFile = join(keyDir, 'gateway-public.jwk.json');
    writePublicJwk(publicKeyFile, keys.publicJwk);

    /** A forward from the host's link address to a service of this machine (its LAN's database or broker). */
    const forward = async (host: NetHost, to: { host: string; port: number }, port = to.port) => {
      const f = new PortForward(to);
      forwards.push(f);
      await f.start(host.linkAddress, port);
    };
    /** A fresh database on the machine's PostgreSQL, reached from `host` on its own link address. */
    const database = async (label: string, host: NetHost) => {
      const db = await createTestDatabase(`net_${label}`, 'postgres');
      databases.push(db);
      const url = new URL(db.url!);
      url.hostname = host.linkAddress;
      return url.toString();
    };
    for (const host of network.hosts.values()) await forward(host, POSTGRES);

    const common = {
      GATEWAY_PUBLIC_JWK_FILE: publicKeyFile,
      LOG_LEVEL: options.logLevel ?? 'info',
      LOG_PRETTY: 'false',
      NODE_ENV: 'production',
      METRICS_TOKEN: metricsToken,
    };
    const logFile = (name: string) => join(options.dir, 'logs', `${name}.log`);
    const timeout = options.startTimeoutMs ?? 180_000;

    // Each firm: its member process(es) on its host, and its wide-area link on its link address.
    const memberStarts: Array<Promise<void>> = [];
    for (const spec of options.members) {
      const host = network.host(spec.id);
      if (spec.mqtt) await forward(host, options.mqttBroker ?? { host: '127.0.0.1', port: MQTT_PORT }, MQTT_PORT);
      const env: Record<string, string> = { ...common, MEMBER_ID: spec.id, DATABASE_URL: await database(spec.id, host), ...options.memberEnv, ...spec.env };
      if (spec.seedProfile) {
        const file = join(options.dir, 'profiles', `${spec.id}.json`);
        mkdirSync(join(options.dir, 'profiles'), { recursive: true });
        writeFileSync(file, JSON.stringify(spec.seedProfile, null, 2));
        env['SEED_PROFILE'] = file;
      }
      const replicas: HostProcess[] = [];
      for (let r = 0; r < (spec.replicas ?? 1); r++) {
        const name = r === 0 ? spec.id : `${spec.id}-${r + 1}`;
        const ingests = spec.mqtt === true || (Array.isArray(spec.mqtt) && spec.mqtt.includes(r));
        const mqttEnv = {
          MQTT_URL: `mqtt://${host.linkAddress}:${MQTT_PORT}`,
          MQTT_SHARE_GROUP: `${options.prefix}-${spec.id}`,
          MQTT_CLIENT_ID: `${options.prefix}-${name}`,
        };
        replicas.push(
          new HostProcess({
            name: `member ${name}`,
            packageName: '@clustergraph/member-subgraph',
            host,
            port: HOST_PORTS.member + r,
            env: { ...env, DATA_DIR: join(options.dir, 'data', `member-${name}`), ...(ingests ? mqttEnv : {}) },
            logFile: logFile(`member-${name}`),
          }),
        );
      }
      members.set(spec.id, replicas);
      processes.push(...replicas);
      const link = new DelayingProxy(
        replicas.map((p) => ({ host: host.address, port: p.options.port })),
        spec.link,
      );
      links.set(spec.id, link);
      await link.start(host.linkAddress, HOST_PORTS.member);
      // The first replica migrates the database; the others start after it.
      const started = replicas.reduce((previous, p) => previous.then(() => p.start(timeout)), Promise.resolve());
      started.catch(() => {}); // reported below, once every service is up or failed
      memberStarts.push(started);
    }

    // The leader's site: the cluster subgraph, reached by the gateways on the leader's LAN.
    const leader = network.host('leader');
    const seedMembersFile = join(options.dir, 'registry-seed.json');
    writeFileSync(
      seedMembersFile,
      JSON.stringify(
        options.members
          .filter((m) => m.registered !== false)
          .map((m) => ({
            id: m.id,
            name: m.name,
            roles: m.roles,
            region: m.region,
            endpoint: `http://${network.host(m.id).linkAddress}:${HOST_PORTS.member}/graphql`,
          })),
        null,
        2,
      ),
    );
    const clusterSubgraph = new HostProcess({
      name: 'cluster',
      packageName: '@clustergraph/cluster-subgraph',
      host: leader,
      port: HOST_PORTS.cluster,
      env: {
        ...common,
        DATABASE_URL: await database('cluster', leader),
        DATA_DIR: join(options.dir, 'data', 'cluster'),
        CLUSTER_ID: options.cluster.id,
        CLUSTER_NAME: options.cluster.name,
        CLUSTER_REGION: options.cluster.region,
        CLUSTER_INDUSTRY: options.cluster.industry,
        LEADER_ID: options.cluster.leaderId,
        SEED_MEMBERS_FILE: seedMembersFile,
        // The planner calls the gateway through HAProxy, on the leader's LAN.
        GATEWAY_URL: `http://${leader.linkAddress}:${options.balancerPort}/graphql`,
        ...(options.seedOrders ? { SEED_ORDERS_FILE: writeJson(join(options.dir, 'orders-seed.json'), options.seedOrders) } : {}),
        ...options.clusterEnv,
      },
      logFile: logFile('cluster'),
    });
    processes.push(clusterSubgraph);
    await forward(leader, { host: leader.address, port: HOST_PORTS.cluster });
    const results = await Promise.allSettled([clusterSubgraph.start(timeout), ...memberStarts]);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;

    // Two gateway replicas, one per host, sharing the signing key, the demo issuer's key and rate counters.
    const gatewayOrigin = `http://127.0.0.1:${options.balancerPort}`;
    const rateLimitDatabase = await database('gateway_rates', network.host('gw-a'));
    for (const name of ['gw-a', 'gw-b']) {
      const host = network.host(name);
      const gateway = new HostProcess({
        name: `gateway ${name}`,
        packageName: '@clustergraph/gateway',
        host,
        port: HOST_PORTS.gateway,
        env: {
          ...common,
          CLUSTER_URL: `http://${leader.linkAddress}:${HOST_PORTS.cluster}/graphql`,
          CLUSTER_SERVICE_JWKS_URL: `http://${leader.linkAddress}:${HOST_PORTS.cluster}/.well-known/jwks.json`,
          SIGNING_KEY_FILE: join(keyDir, 'gateway-signing-key.json'),
          DEMO_AUTH_KEY_FILE: join(keyDir, 'demo-issuer-key.json'),
          DATA_DIR: join(options.dir, 'data', name),
          PUBLIC_URL: gatewayOrigin,
          DEMO_AUTH: 'true',
          RATE_LIMIT_DATABASE_URL: rateLimitDatabase.replace(network.host('gw-a').linkAddress, host.linkAddress),
          // HAProxy reaches this host from the machine's side of its link: the client is the one it names.
          TRUSTED_PROXIES: host.linkAddress,
          ...(options.consoleDir ? { CONSOLE_DIR: options.consoleDir } : {}),
          ...options.gatewayEnv,
        },
        logFile: logFile(`gateway-${name}`),
      });
      gateways.set(name, gateway);
      processes.push(gateway);
      // One after the other: the first writes the demo issuer's key, the second reads it.
      await gateway.start(timeout);
    }
    await balancer.start();
    return {
      gatewayOrigin,
      gatewayUrl: `${gatewayOrigin}/graphql`,
      network,
      balancer,
      gateways,
      clusterSubgraph,
      members,
      links,
      metricsToken,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function writeJson(file: string, value: unknown): string {
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}
