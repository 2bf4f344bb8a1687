import type * as NodeOpcuaClient from 'node-opcua-client';
import type { ClientMonitoredItemGroup, ClientSession, ClientSubscription, DataValue, OPCUAClient, UserIdentityInfo } from 'node-opcua-client';
import type { Logger } from '@clustergraph/runtime';
import type { LineEventService } from '../events/lineEventService.ts';
import { checkLineEvent } from '../events/validation.ts';
import type { NewLineEvent } from '../events/types.ts';
import type { OpcuaConfig } from './opcuaConfig.ts';
import { OpcuaMappingError, type MappedNode, type OpcuaMapping } from './mapping.ts';
import { OpcuaLineTracker, type NodeChange, type TrackerOutcome } from './lineTracker.ts';
import { opcuaEventId } from './eventIds.ts';

export interface OpcuaSourceOptions {
  config: OpcuaConfig;
  mapping: OpcuaMapping;
  service: LineEventService;
  logger: Logger;
}

/** Server_ServerArray: its first entry is the server's own URI (OPC 10000-5). */
const SERVER_ARRAY_NODE = 'ns=0;i=2254';
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;
/** After a failed store, the subscription is renewed this much later (its initial values bring the states back). */
const RESUBSCRIBE_AFTER_FAILURE_MS = 2_000;
const REJECT_LOG_INTERVAL_MS = 1_000;

interface Received {
  node: MappedNode;
  dataValue: DataValue;
  receivedAt: Date;
}

/**
 * Line states and good/scrap counters from an OPC UA server (node-opcua client). One session,
 * one subscription with a monitored item per mapped node (exception-based sampling, a queue
 * per item, so every change between two publishes is kept). node-opcua reconnects the secure
 * channel with backoff and reactivates the session; when the server lost the session (it was
 * restarted) node-opcua creates a new one, and this source then renews its subscription, whose
 * initial values bring the current states and counters back. Each change becomes an event
 * with an id made from the server, the node and the source timestamp, so a change delivered
 * twice is stored once; events go through the same validation and batched writer as MQTT's.
 */
export class OpcuaLineEventSource {
  /** node-opcua, loaded by start() (see opcuaNodeIdParser: only a member fed over OPC UA pays for it). */
  private ua!: typeof NodeOpcuaClient;
  private client: OPCUAClient | null = null;
  private session: ClientSession | null = null;
  private subscription: ClientSubscription | null = null;
  private serverUri: string;
  private readonly trackers = new Map<string, OpcuaLineTracker>();
  private buffer: Received[] = [];
  private flushScheduled = false;
  private renewing: Promise<void> | null = null;
  private renewTimer: NodeJS.Timeout | null = null;
  private connected = false;
  private stopping = false;
  private sessionsCreated = 0;
  private subscriptionsCreated = 0;
  private lastError: string | null = null;
  /** Mapped nodes the server did not have at the last check (not monitored), with the problem. */
  private missingNodes = new Map<MappedNode, string>();
  /** True while start() still waits: a mapping problem found meanwhile fails the start, later ones are logged. */
  private starting = true;
  private lastRejectLog = 0;
  private suppressedRejects = 0;

  constructor(private readonly options: OpcuaSourceOptions) {
    this.serverUri = options.config.endpoint;
  }

  /**
   * Connects, checks every mapped node exists, and subscribes. Waits at most the configured
   * start timeout: a server that is not there yet does not keep the member from starting (it
   * keeps trying, and checks the mapping once it gets through), but a server that answers and
   * lacks a mapped node, or refuses the user, fails the start.
   */
  async start(): Promise<void> {
    const { config, mapping, service, logger } = this.options;
    await service.lines.ensure(mapping.lines.map((l) => l.lineId));
    const unknown = mapping.lines.filter((l) => !service.lines.has(l.lineId));
    if (unknown.length > 0) {
      throw new OpcuaMappingError(unknown.map((l) => `${l.entry}.lineId: this member has no line "${l.lineId}" (create it first: upsertLine)`));
    }
    for (const line of mapping.lines) {
      // The line's stored status (seq 0: no event yet), so that an unchanged machine state is no new event after a restart.
      const status = service.statuses.read(service.lines.get(line.lineId)!);
      this.trackers.set(line.lineId, new OpcuaLineTracker(line, status.seq > 0 ? { state: status.state, reasonCode: status.reasonCode } : null));
    }
    const ua = await import('node-opcua-client');
    const { OPCUACertificateManager } = await import('node-opcua-certificate-manager');
    this.ua = ua;
    const client = ua.OPCUAClient.create({
      applicationName: `ClusterGraph member ${service.memberId}`,
      endpointMustExist: false,
      securityMode: ua.MessageSecurityMode[config.securityMode],
      securityPolicy: ua.SecurityPolicy[config.securityPolicy],
      connectionStrategy: { initialDelay: FIRST_RETRY_MS, maxDelay: MAX_RETRY_MS, maxRetry: -1, randomisationFactor: 0.2 },
      keepSessionAlive: true,
      requestedSessionTimeout: 60_000,
      clientCertificateManager: new OPCUACertificateManager({ rootFolder: config.pkiDir, automaticallyAcceptUnknownCertificate: config.trustUnknownServer }),
    });
    this.client = client;
    client.on('connection_lost', () => {
      this.connected = false;
      if (!this.stopping) logger.warn({ endpoint: config.endpoint }, 'OPC UA connection lost; reconnecting');
    });
    client.on('connection_reestablished', () => {
      this.connected = true;
      logger.info({ endpoint: config.endpoint }, 'OPC UA connection re-established');
    });
    client.on('backoff', (retry: number, delayMs: number) =>
      logger.debug({ endpoint: config.endpoint, retry, delayMs }, 'OPC UA connection attempt failed; retrying'),
    );

    const ready = this.connect(client);
    let timer: NodeJS.Timeout | undefined;
    const waited = await Promise.race([
      ready.then(() => 'ready' as const),
      new Promise<'pending'>((resolve) => (timer = setTimeout(() => resolve('pending'), config.startTimeoutMs))),
    ]).finally(() => {
      clearTimeout(timer);
      this.starting = false;
    });
    if (waited === 'pending') {
      logger.warn(
        { endpoint: config.endpoint, waitedMs: config.startTimeoutMs },
        'OPC UA server not reachable yet; starting without it (the mapping is checked against the server when it answers)',
      );
      ready.catch((error: unknown) => {
        if (this.stopping) return;
        this.lastError = (error as Error).message;
        logger.error({ err: error, endpoint: config.endpoint }, 'OPC UA source could not start; its lines get no events from OPC UA');
      });
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.renewTimer) clearTimeout(this.renewTimer);
    const client = this.client;
    this.client = null;
    await this.renewing?.catch(() => {});
    await this.subscription?.terminate().catch(() => {});
    await this.session?.close().catch(() => {});
    await client?.disconnect().catch(() => {});
    this.flush();
  }

  health() {
    return {
      endpoint: this.options.config.endpoint,
      connected: this.connected,
      sessionsCreated: this.sessionsCreated,
      subscriptionsCreated: this.subscriptionsCreated,
      ...(this.missingNodes.size > 0 ? { missingNodes: [...this.missingNodes.values()] } : {}),
      ...(this.lastError ? { lastError: this.lastError } : {}),
      ...this.options.service.counters.bySource.opcua,
    };
  }

  private async connect(client: OPCUAClient): Promise<void> {
    const { config, logger } = this.options;
    await client.connect(config.endpoint);
    if (this.stopping) return;
    this.connected = true;
    const session = await client.createSession(this.identity());
    if (this.stopping) return void (await session.close().catch(() => {}));
    this.session = session;
    this.sessionsCreated += 1;
    // node-opcua repaired the session after a reconnection: either it reactivated ours (the
    // subscription lives on, and the server republishes what we missed) or, when the server had
    // lost it (a restart), it created a new one under the same object, with a new id: then we
    // renew the subscription ourselves rather than rely on node-opcua's best-effort recreation.
    let sessionId = session.sessionId.toString();
    session.on('session_restored', () => {
      const current = session.sessionId.toString();
      if (current === sessionId) return void logger.info({ endpoint: config.endpoint }, 'OPC UA session reactivated; subscription kept');
      sessionId = current;
      this.sessionsCreated += 1;
      logger.info({ endpoint: config.endpoint }, 'OPC UA session recreated; renewing the subscription');
      this.renew();
    });
    this.serverUri = await this.readServerUri(session);
    await this.checkNodes(session);
    await this.subscribe(session);
    logger.info({ endpoint: config.endpoint, serverUri: this.serverUri, nodes: this.options.mapping.nodes.length }, 'listening for line events on OPC UA');
  }

  private identity(): UserIdentityInfo {
    const user = this.options.config.user;
    const { UserTokenType } = this.ua;
    return user ? { type: UserTokenType.UserName, userName: user.userName, password: user.password } : { type: UserTokenType.Anonymous };
  }

  private async readServerUri(session: ClientSession): Promise<string> {
    const dataValue = await session.read({ nodeId: SERVER_ARRAY_NODE, attributeId: this.ua.AttributeIds.Value });
    const uris = dataValue.value?.value as unknown;
    return Array.isArray(uris) && typeof uris[0] === 'string' && uris[0] ? uris[0] : this.options.config.endpoint;
  }

  /**
   * Reads every mapped node once: a node the server does not have is a mapping error while the
   * start waits, and afterwards (a server that came late, or came back changed) a logged one:
   * that node is left out of the subscription and listed in /health.
   */
  private async checkNodes(session: ClientSession): Promise<void> {
    const nodes = this.options.mapping.nodes;
    const { AttributeIds, StatusCodes } = this.ua;
    const results = await session.read(nodes.map((node) => ({ nodeId: node.nodeId, attributeId: AttributeIds.Value })));
    this.missingNodes = new Map(
      nodes.flatMap((node, i) => {
        const status = results[i]!.statusCode;
        const missing = status.equals(StatusCodes.BadNodeIdUnknown) || status.equals(StatusCodes.BadNodeIdInvalid);
        return missing ? [[node, `${node.entry}: the server has no node "${node.nodeId}" (${status.name})`] as const] : [];
      }),
    );
    const problems = [...this.missingNodes.values()];
    if (problems.length === 0) return;
    if (this.starting) throw new OpcuaMappingError(problems);
    this.options.logger.error({ missing: problems }, 'OPC UA mapping names nodes the server does not have; they are not monitored');
  }

  /** A fresh subscription with one monitored item per mapped node (the old one, if any, terminated first). */
  private async subscribe(session: ClientSession): Promise<void> {
    const { config, mapping } = this.options;
    const old = this.subscription;
    this.subscription = null;
    if (old) await old.terminate().catch(() => {});
    const subscription = await session.createSubscription2({
      requestedPublishingInterval: config.publishingIntervalMs,
      requestedLifetimeCount: 120,
      requestedMaxKeepAliveCount: 10,
      maxNotificationsPerPublish: 1000,
      publishingEnabled: true,
      priority: 1,
    });
    this.subscription = subscription;
    this.subscriptionsCreated += 1;
    const nodes = mapping.nodes.filter((node) => !this.missingNodes.has(node));
    if (nodes.length === 0) return;
    const group: ClientMonitoredItemGroup = await subscription.monitorItems(
      nodes.map((node) => ({ nodeId: node.nodeId, attributeId: this.ua.AttributeIds.Value })),
      { samplingInterval: config.samplingIntervalMs, discardOldest: false, queueSize: config.queueSize },
      this.ua.TimestampsToReturn.Both,
    );
    group.on('changed', (_item: unknown, dataValue: DataValue, index: number) => {
      const node = nodes[index];
      if (!node || this.subscription !== subscription) return;
      this.receive({ node, dataValue, receivedAt: new Date() });
    });
  }

  /** Renews the subscription on the current session (once at a time). */
  private renew(): void {
    if (this.stopping || this.renewing || !this.session) return;
    const session = this.session;
    this.renewing = (async () => {
      try {
        await this.checkNodes(session);
        await this.subscribe(session);
        this.lastError = null;
      } catch (error) {
        this.lastError = (error as Error).message;
        this.options.logger.error({ err: error }, 'renewing the OPC UA subscription failed; trying again');
        this.renewLater();
      } finally {
        this.renewing = null;
      }
    })();
  }

  private renewLater(): void {
    if (this.stopping || this.renewTimer) return;
    this.renewTimer = setTimeout(() => {
      this.renewTimer = null;
      this.renew();
    }, RESUBSCRIBE_AFTER_FAILURE_MS);
    this.renewTimer.unref();
  }

  /** Notifications of one publish arrive together: they are handled after it, in source-timestamp order. */
  private receive(received: Received): void {
    this.buffer.push(received);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.buffer.sort((a, b) => timeOf(a) - timeOf(b));
    this.buffer = [];
    for (const received of batch) this.handle(received);
  }

  private handle({ node, dataValue, receivedAt }: Received): void {
    const { service } = this.options;
    const counters = service.counters.bySource.opcua;
    counters.received += 1;
    const tracker = this.trackers.get(node.lineId)!;
    if (!dataValue.statusCode.isGood()) {
      // Bad or uncertain: the machine's value is not known (device unreachable, waiting for data); it is no state.
      return this.reject(`${node.entry}: status ${dataValue.statusCode.name}`);
    }
    const at = dataValue.sourceTimestamp ?? dataValue.serverTimestamp ?? receivedAt;
    const change: NodeChange = {
      value: dataValue.value?.value,
      at,
      eventId: opcuaEventId(this.serverUri, node.nodeId, at, dataValue.sourceTimestamp ? (dataValue.sourcePicoseconds ?? 0) : 0),
    };
    const outcome: TrackerOutcome = node.kind === 'state' ? tracker.onState(change) : tracker.onCounter(node.kind, change);
    if ('rejected' in outcome) return this.reject(outcome.rejected);
    if ('skipped' in outcome) return;
    const { event, problems } = checkLineEvent(
      outcome.event,
      (name) => `${node.entry} ${name}`,
      (id) => service.lines.has(id),
      receivedAt,
    );
    if (!event) {
      tracker.restore(outcome.event);
      return this.reject(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
    }
    this.store(tracker, event);
  }

  private store(tracker: OpcuaLineTracker, event: NewLineEvent): void {
    this.options.service.ingest([event], 'opcua').catch((error: unknown) => {
      tracker.restore(event);
      this.lastError = (error as Error).message;
      this.options.logger.error({ err: error, lineId: event.lineId }, 'storing an OPC UA line event failed; renewing the subscription to get the values again');
      this.renewLater();
    });
  }

  private reject(problem: string): void {
    this.options.service.counters.bySource.opcua.rejected += 1;
    const now = Date.now();
    if (now - this.lastRejectLog < REJECT_LOG_INTERVAL_MS) {
      this.suppressedRejects += 1;
      return;
    }
    this.options.logger.warn({ problem, suppressedSinceLast: this.suppressedRejects }, 'OPC UA value refused (counted, not stored)');
    this.lastRejectLog = now;
    this.suppressedRejects = 0;
  }
}

function timeOf(received: Received): number {
  return (received.dataValue.sourceTimestamp ?? received.dataValue.serverTimestamp ?? received.receivedAt).getTime();
}
