import { connect, type IPublishPacket, type MqttClient } from 'mqtt';
import type { Logger } from '@clustergraph/runtime';
import type { LineEventService } from '../events/lineEventService.ts';
import { parseLineEventPayload } from './payload.ts';
import { lineEventsTopicFilter, lineIdOfTopic } from './topics.ts';

export interface MqttSourceOptions {
  url: string;
  memberId: string;
  /** Stable per member instance: the broker keeps its session (subscription and unacknowledged QoS 1 messages) across reconnects. */
  clientId: string;
  /** MQTT shared-subscription group, so replicas split the messages instead of each storing (and de-duplicating) all. */
  shareGroup?: string | undefined;
  service: LineEventService;
  logger: Logger;
}

const FIRST_RETRY_MS = 500;
/**
 * How long the broker keeps the session of a member instance that went away (MQTT 5 session
 * expiry): long enough to ride out a restart or an outage of a day, short enough that the
 * sessions of instances that never come back (a replica moved to another port) do not queue
 * messages for ever.
 */
const SESSION_EXPIRY_SECONDS = 24 * 3600;
const MAX_RETRY_MS = 30_000;
/** Rejections are logged at most this often; the rest are counted and summarised. */
const REJECT_LOG_INTERVAL_MS = 1_000;

/**
 * Line events from the firm's MQTT broker. QoS 1, persistent session (MQTT 5, clean start off,
 * session expiry a day) under a stable client id, and a message is acknowledged only after it is stored (or refused as
 * malformed), so a crash between receipt and commit makes the broker deliver it again — the
 * eventId turns that redelivery into a counted duplicate. Reconnects with exponential backoff.
 * A bad payload is logged and counted, never stored in part, and never stops the member.
 */
/** Passed to mqtt.js's message callback so that it sends no PUBACK of its own (we send it after the commit). */
const HELD_ACK = Object.assign(new Error('acknowledged after the commit'), { heldAck: true });

interface PendingAck {
  messageId: number;
  state: 'waiting' | 'stored' | 'failed';
}

export class MqttLineEventSource {
  private client: MqttClient | null = null;
  /** QoS 1 messages of the current connection not acknowledged yet, in arrival order. */
  private readonly acks: PendingAck[] = [];
  /** The submission of the last message: the next one is submitted after it, so batches keep the arrival order. */
  private parsing: Promise<unknown> = Promise.resolve();
  private retryMs = FIRST_RETRY_MS;
  private lastRejectLog = 0;
  private suppressedRejects = 0;
  private connected = false;
  private stopping = false;

  constructor(private readonly options: MqttSourceOptions) {}

  start(): void {
    const { url, clientId, memberId, logger } = this.options;
    const client = connect(url, {
      clientId,
      clean: false,
      protocolVersion: 5,
      properties: { sessionExpiryInterval: SESSION_EXPIRY_SECONDS },
      reconnectPeriod: FIRST_RETRY_MS,
      connectTimeout: 10_000,
      keepalive: 30,
    });
    this.client = client;
    // Our own acknowledgement: after the event is stored, not when it arrives. mqtt.js hands us
    // one message at a time and waits for this callback before it parses the next; a QoS 1
    // message therefore only joins the in-order acknowledgement queue here and lets the next one
    // in at once, so messages that arrive together are validated, de-duplicated and stored as
    // one batch (one transaction), and their PUBACKs go out in arrival order after the commit.
    client.handleMessage = (packet, done) => {
      if (packet.qos !== 1 || packet.messageId === undefined) {
        // QoS 0 has no acknowledgement to hold back; QoS 2's PUBCOMP (after PUBREL) keeps mqtt.js's own flow.
        this.handle(packet).then(
          () => done(),
          (error: unknown) => this.failed(client, packet, error, done),
        );
        return;
      }
      const ack: PendingAck = { messageId: packet.messageId, state: 'waiting' };
      this.acks.push(ack);
      this.handle(packet).then(
        () => {
          ack.state = 'stored';
          this.sendReadyAcks(client);
        },
        (error: unknown) => {
          ack.state = 'failed';
          this.failed(client, packet, error, () => {});
        },
      );
      // An error skips mqtt.js's own PUBACK (sent above once stored) and goes on with the next packet.
      done(HELD_ACK);
    };
    client.on('connect', (connack) => {
      this.connected = true;
      this.retryMs = FIRST_RETRY_MS;
      client.options.reconnectPeriod = FIRST_RETRY_MS;
      const filter = lineEventsTopicFilter(memberId, this.options.shareGroup);
      client.subscribe(filter, { qos: 1 }, (error) => {
        if (error) logger.error({ err: error, filter }, 'MQTT subscribe failed');
        else logger.info({ url: redacted(url), filter, clientId, sessionPresent: connack.sessionPresent }, 'listening for line events on MQTT');
      });
    });
    client.on('close', () => {
      // Unacknowledged messages of this connection come again on the next one (persistent session): never ack them there.
      this.acks.length = 0;
      this.parsing = Promise.resolve();
      if (this.connected && !this.stopping) logger.warn({ url: redacted(url) }, 'MQTT connection closed; reconnecting');
      this.connected = false;
    });
    client.on('reconnect', () => {
      // mqtt.js retries at a fixed period; stretch it each time up to MAX_RETRY_MS.
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
      client.options.reconnectPeriod = this.retryMs;
    });
    client.on('error', (error) => logger.warn({ err: error, url: redacted(url) }, 'MQTT error'));
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.stopping = true;
    if (client) await client.endAsync(false).catch(() => client.end(true));
  }

  health() {
    return { connected: this.connected, ...this.options.service.counters.bySource.mqtt };
  }

  /** PUBACKs in the order the PUBLISHes came (MQTT 4.6), each once its message is stored or refused; a failed one stops the queue. */
  private sendReadyAcks(client: MqttClient): void {
    while (this.acks.length > 0 && this.acks[0]!.state === 'stored') {
      const { messageId } = this.acks.shift()!;
      // mqtt.js's own PUBACK path (what its handleMessage callback calls), kept for ordered, deferred acknowledgements.
      (client as unknown as { _sendPacket(packet: object, cb?: () => void): void })._sendPacket({ cmd: 'puback', messageId, reasonCode: 0 });
    }
  }

  private failed(client: MqttClient, packet: IPublishPacket, error: unknown, done: (error?: Error) => void): void {
    this.options.logger.error(
      { err: error, topic: packet.topic },
      'storing an MQTT line event failed; not acknowledged, the broker redelivers it after a reconnect',
    );
    done(error as Error);
    // Without the acknowledgement the broker holds the message; a fresh connection gets it again.
    setTimeout(() => client.stream?.destroy(), this.retryMs).unref();
  }

  /**
   * Validates one message and submits it to the ingestor without waiting for the commit: the
   * ingestor writes whatever is submitted together in one transaction. Submission keeps the
   * arrival order (a message whose line must first be looked up holds back the ones after it).
   */
  private handle(packet: IPublishPacket): Promise<void> {
    const { service, memberId } = this.options;
    const counters = service.counters.bySource.mqtt;
    counters.received += 1;
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    const lineId = lineIdOfTopic(packet.topic, memberId);
    const receivedAt = new Date();
    const parsed = this.parsing.then(() =>
      lineId
        ? parseLineEventPayload(payload, lineId, service.lines, receivedAt)
        : { ok: false as const, problems: [{ field: 'topic', message: `expected clustergraph/${memberId}/lines/<lineId>/events` }] },
    );
    const submitted = parsed.then((result) => {
      if (!result.ok) {
        counters.rejected += 1;
        this.logRejection(packet.topic, result.problems, payload);
        return { stored: Promise.resolve() };
      }
      // Wrapped: the next message must wait for this one's submission, not for its commit.
      return { stored: service.ingest([result.event], 'mqtt').then(() => {}) };
    });
    this.parsing = submitted.then(
      () => {},
      () => {},
    );
    return submitted.then((s) => s.stored);
  }

  private logRejection(topic: string, problems: Array<{ field: string; message: string }>, payload: Uint8Array): void {
    const now = Date.now();
    if (now - this.lastRejectLog < REJECT_LOG_INTERVAL_MS) {
      this.suppressedRejects += 1;
      return;
    }
    const sample = Buffer.from(payload.buffer, payload.byteOffset, Math.min(payload.byteLength, 200)).toString('utf8');
    this.options.logger.warn(
      { topic, problems, payload: sample, suppressedSinceLast: this.suppressedRejects },
      'MQTT line event rejected (counted, not stored)',
    );
    this.lastRejectLog = now;
    this.suppressedRejects = 0;
  }
}

/** The broker URL without a password, for logs and /health. */
export function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}
