import { randomBytes } from 'node:crypto';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf } from './harness.ts';
import { LINE_STATUS_CHANGED, addLines, startLiveMember, type LiveMember } from './events.support.ts';
import { lineEventsTopic } from '../src/mqtt/topics.ts';

// MQTT ingest from the machine's Mosquitto (127.0.0.1:1883; `mosquitto -d -c
// /etc/mosquitto/mosquitto.conf` when it is down): valid events stored and published,
// malformed payloads counted and never stored, the member alive throughout, and QoS 1
// messages published while the member was down delivered once it is back (persistent session).
const BROKER = process.env['TEST_MQTT_URL'] ?? 'mqtt://127.0.0.1:1883';

async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('MQTT line events', () => {
  // A member id of its own per run, so topics and the broker's session never meet an earlier run's.
  const memberId = `mqtt-${randomBytes(3).toString('hex')}`;
  const clientId = `cg-test-${memberId}`;
  let member: LiveMember;
  let publisher: MqttClient;
  const publish = (lineId: string, payload: unknown) =>
    publisher.publishAsync(lineEventsTopic(memberId, lineId), typeof payload === 'string' ? payload : JSON.stringify(payload), { qos: 1 });
  const storedEvents = async () =>
    dataOf(await member.gql('{ lineEvents(limit: 1000) { seq eventId lineId state reasonCode goodCount at } }'))['lineEvents'] as Array<Record<string, any>>;

  beforeAll(async () => {
    publisher = await connectAsync(BROKER, { clientId: `${clientId}-pub`, clean: true });
    member = await startLiveMember('events-mqtt', { memberId, env: { MQTT_URL: BROKER, MQTT_CLIENT_ID: clientId } });
    await addLines(member, ['cnc-1', 'press-2']);
    await eventually(
      () => member.health(),
      (h) => h['mqtt']?.connected === true,
      'the MQTT connection',
    );
  });
  afterAll(async () => {
    await publisher?.endAsync();
    await member?.stop();
    // Drop the broker's persistent session of the test client.
    const cleaner = await connectAsync(BROKER, { clientId, clean: true });
    await cleaner.endAsync();
  });

  it('stores events from the line topic and publishes them to subscribers', async () => {
    const sub = member.subscribe(LINE_STATUS_CHANGED);
    await new Promise((r) => setTimeout(r, 200));
    await publish('cnc-1', { eventId: 'plc-1', state: 'RUNNING', cycleTimeSeconds: 42.5, goodCount: 10, scrapCount: 0 });
    await publish('press-2', { eventId: 'plc-2', state: 'DOWN', reasonCode: 'HYDRAULIC', at: new Date(Date.now() - 1000).toISOString() });
    await sub.untilCount(2);
    expect(sub.events.map((e) => [e['lineId'], e['state'], e['reasonCode']])).toEqual([
      ['cnc-1', 'RUNNING', null],
      ['press-2', 'DOWN', 'HYDRAULIC'],
    ]);
    expect(sub.events[0]).toMatchObject({ memberId, cycleTimeSeconds: 42.5, goodCount: 10, scrapCount: 0 });
    await sub.close();
  });

  it('counts a resent eventId as a duplicate', async () => {
    await publish('cnc-1', { eventId: 'plc-1', state: 'RUNNING' });
    await eventually(
      () => member.health(),
      (h) => h['mqtt'].duplicates === 1,
      'the duplicate count',
    );
    expect((await storedEvents()).filter((e) => e['eventId'] === 'plc-1')).toHaveLength(1);
  });

  it('counts malformed payloads, stores none of them, and stays up', async () => {
    const before = await storedEvents();
    const bad: Array<[string, unknown]> = [
      ['cnc-1', '{not json'],
      ['cnc-1', '[1,2,3]'],
      ['cnc-1', { state: 'RUNNING' }], // no eventId
      ['cnc-1', { eventId: 'bad-state', state: 'EXPLODED' }],
      ['cnc-1', { eventId: 'bad-count', state: 'RUNNING', goodCount: -4 }],
      ['cnc-1', { eventId: 'bad-at', state: 'RUNNING', at: 'yesterday' }],
      ['cnc-1', { eventId: 'future', state: 'RUNNING', at: new Date(Date.now() + 86_400_000).toISOString() }],
      ['cnc-1', { eventId: 'other-line', lineId: 'press-2', state: 'RUNNING' }],
      ['no-such-line', { eventId: 'unknown-line', state: 'RUNNING' }],
      ['cnc-1', ''],
    ];
    const rejectedBefore = (await member.health())['mqtt'].rejected as number;
    for (const [lineId, payload] of bad) await publish(lineId, payload);
    // A good one after the bad ones proves the member kept consuming.
    await publish('cnc-1', { eventId: 'plc-after-bad', state: 'IDLE', reasonCode: 'NO_MATERIAL' });
    const health = await eventually(
      () => member.health(),
      (h) => h['mqtt'].rejected === rejectedBefore + bad.length && h['mqtt'].stored === 3,
      'the rejected count',
    );
    expect(health).toMatchObject({ status: 'ok', mqtt: { connected: true, received: 3 + 1 + bad.length, duplicates: 1, failed: 0 } });
    const after = await storedEvents();
    expect(after.map((e) => e['eventId'])).toEqual([...before.map((e) => e['eventId']), 'plc-after-bad']);
  });

  it('receives QoS 1 messages published while the member was down (persistent session)', async () => {
    await member.stop({ drop: false });
    await publish('cnc-1', { eventId: 'while-down-1', state: 'DOWN', reasonCode: 'E-STOP' });
    await publish('cnc-1', { eventId: 'while-down-2', state: 'RUNNING' });
    member = await startLiveMember('events-mqtt', { memberId, testDatabase: member.testDatabase, env: { MQTT_URL: BROKER, MQTT_CLIENT_ID: clientId } });
    const events = await eventually(storedEvents, (e) => e.some((x) => x['eventId'] === 'while-down-2'), 'the queued messages');
    expect(events.slice(-2).map((e) => e['eventId'])).toEqual(['while-down-1', 'while-down-2']);
    const status = dataOf(await member.gql('{ lines { id status { state } } }'))['lines'].find((l: { id: string }) => l.id === 'cnc-1');
    expect(status.status.state).toBe('RUNNING');
  });
});
