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
export class MqttLineEventSource {
  private client: MqttClient | null = null;
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
    // Our own acknowledgement: after the event is stored, not when it arrives.
    client.handleMessage = (packet, done) => {
      this.handle(packet).then(
        () => done(),
        (error: unknown) => {
          logger.error({ err: error, topic: packet.topic }, 'storing an MQTT line event failed; not acknowledged, the broker redelivers it after a reconnect');
          done(error as Error);
          // Without the acknowledgement the broker holds the message; a fresh connection gets it again.
          setTimeout(() => client.stream?.destroy(), this.retryMs).unref();
        },
      );
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

  private async handle(packet: IPublishPacket): Promise<void> {
    const { service, memberId } = this.options;
    const counters = service.counters.bySource.mqtt;
    counters.received += 1;
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    const lineId = lineIdOfTopic(packet.topic, memberId);
    const parsed = lineId
      ? await parseLineEventPayload(payload, lineId, service.lines, new Date())
      : { ok: false as const, problems: [{ field: 'topic', message: `expected clustergraph/${memberId}/lines/<lineId>/events` }] };
    if (!parsed.ok) {
      counters.rejected += 1;
      this.logRejection(packet.topic, parsed.problems, payload);
      return;
    }
    await service.ingest([parsed.event], 'mqtt');
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
