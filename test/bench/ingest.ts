/**
 * MQTT ingest benchmark: one member subgraph as its own process on PostgreSQL, subscribed to
 * the machine's Mosquitto; the bench publishes QoS 1 line events (20 lines, one JSON message
 * each) as fast as the broker takes them — encoded before the clock starts and written in bulk
 * (support/rawMqttPublisher.ts), so the publisher is not the limit — and measures how fast the member stores them and how
 * much CPU the member process spends per event (from /proc, user + system).
 * By default the bench runs a Mosquitto of its own with `max_inflight_messages 1000`
 * (INGEST_BENCH_BROKER=mqtt://127.0.0.1:1883 uses the machine's broker as configured).
 * Goals (issue 20): ≥ 2,000 events/s per member on one core, ≤ 0.5 ms CPU per event.
 * Run: `pnpm bench:ingest` (INGEST_BENCH_EVENTS, default 20,000; INGEST_BENCH_RUNS, default 1;
 * INGEST_BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the member into <dir>, and
 * INGEST_BENCH_REPORT=true also reports through `reportLineEvents` calls of 1 event each, as an MES).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectAsync } from 'mqtt';
import { memberAudience } from '@clustergraph/runtime';
import { createTestDatabase, createTestSigningKeys } from '@clustergraph/runtime/testing';
import { cpuSeconds } from './live/processStats.ts';
import { RawMqttPublisher } from './support/rawMqttPublisher.ts';

const EVENTS = Number(process.env['INGEST_BENCH_EVENTS'] ?? 20_000);
const RUNS = Number(process.env['INGEST_BENCH_RUNS'] ?? 1);
/** A broker URL to use as it is configured; default: a Mosquitto of the bench's own (see startBroker). */
const GIVEN_BROKER = process.env['INGEST_BENCH_BROKER'];
/** Outgoing QoS 1 messages in flight per client in the bench's own broker (Mosquitto's default is 20). */
const BROKER_INFLIGHT = Number(process.env['INGEST_BENCH_BROKER_INFLIGHT'] ?? 1000);
const CPU_PROF = process.env['INGEST_BENCH_CPU_PROF'];
const LINES = 20;
/** Events published ahead of those stored: the bench's own broker queues 100,000 for the member, a given broker maybe only 1,000. */
const WINDOW = GIVEN_BROKER ? 1_000 : 50_000;
const GOAL_RATE = 2_000;
const GOAL_CPU_MS = 0.5;
const MEMBER_MAIN = fileURLToPath(new URL('../../subgraphs/member/src/main.ts', import.meta.url));

async function startMember(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : []), '--import', 'tsx', MEMBER_MAIN], {
    cwd: fileURLToPath(new URL('../../subgraphs/member/', import.meta.url)),
    env: { ...process.env, ...env, PORT: '0', LOG_LEVEL: 'info', LOG_PRETTY: 'false' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      if (process.env['INGEST_BENCH_DEBUG']) process.stderr.write(chunk);
      const match = /"url":"(http:[^"]+)"/.exec(buffered);
      if (match) resolve(match[1]!);
      if (buffered.length > 100_000) buffered = buffered.slice(-10_000);
    });
    child.once('exit', (code) => reject(new Error(`the member exited (${code}) before listening`)));
  });
  child.stdout!.resume();
  return { child, url };
}

/**
 * Mosquitto on a free loopback port with a configuration for bulk ingest: Mosquitto sends a
 * subscriber at most `max_inflight_messages` unacknowledged QoS 1 messages (default 20), and a
 * member stores what it holds in one transaction, so that setting is its largest batch.
 */
async function startBroker(): Promise<{ url: string; stop(): void; settings: string }> {
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
  const dir = mkdtempSync(join(tmpdir(), 'cg-bench-mqtt-'));
  const settings = `max_inflight_messages ${BROKER_INFLIGHT}, max_queued_messages 100000`;
  writeFileSync(
    join(dir, 'mosquitto.conf'),
    `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\nmax_inflight_messages ${BROKER_INFLIGHT}\nmax_queued_messages 100000\n`,
  );
  const broker = spawn('mosquitto', ['-c', join(dir, 'mosquitto.conf')], { stdio: 'ignore' });
  const url = `mqtt://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 10_000; ;) {
    try {
      await (await connectAsync(url, { connectTimeout: 1000, reconnectPeriod: 0 })).endAsync();
      break;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`mosquitto did not start on port ${port}: ${(error as Error).message}`, { cause: error });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    settings,
    stop() {
      broker.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const broker = GIVEN_BROKER ? { url: GIVEN_BROKER, stop() {}, settings: 'as configured' } : await startBroker();
  const BROKER = broker.url;
  console.log(`broker ${BROKER} (${broker.settings})`);
  const memberId = `bench-${randomBytes(3).toString('hex')}`;
  const clientId = `cg-bench-${memberId}`;
  const database = await createTestDatabase('bench-ingest', 'postgres');
  const keys = await createTestSigningKeys();
  const { child, url } = await startMember({
    MEMBER_ID: memberId,
    DATABASE_URL: database.url!,
    DATA_DIR: database.dataDir,
    GATEWAY_PUBLIC_JWK_FILE: keys.publicKeyFile,
    MQTT_URL: BROKER,
    MQTT_CLIENT_ID: clientId,
  });
  const owner = { userId: `mes@${memberId}`, memberId, roles: ['admin'], memberRoles: ['PARTNER'] };
  const gql = async (query: string, variables: Record<string, unknown>) => {
    const token = await keys.signer.sign({ viewer: owner, purpose: 'MONITORING', system: false }, memberAudience(memberId));
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!;
  };
  const health = async () =>
    (await (await fetch(url.replace(/\/graphql$/, '/health'))).json()) as { mqtt?: { connected: boolean; stored: number; received: number } };
  const publisher = await RawMqttPublisher.connect(BROKER, `${clientId}-pub`);
  try {
    const lineIds = Array.from({ length: LINES }, (_, i) => `line-${i + 1}`);
    for (const id of lineIds) {
      await gql('mutation($m: ID!, $i: LineInput!) { upsertLine(memberId: $m, input: $i) { id } }', {
        m: memberId,
        i: { id, name: `Line ${id}`, processes: ['CNC_MACHINING'], ratedUnitsPerHour: 30 },
      });
    }
    for (const deadline = Date.now() + 30_000; !(await health()).mqtt?.connected;) {
      if (Date.now() > deadline) throw new Error('the member did not connect to the broker');
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 500)); // its SUBSCRIBE is acknowledged
    const states = ['RUNNING', 'RUNNING', 'RUNNING', 'IDLE', 'DOWN', 'CHANGEOVER'];
    let counter = 0;
    const storedNow = async () => (await health()).mqtt?.stored ?? 0;
    let published = 0;
    /** Encoded before the clock starts: the bench measures the member, not the encoding of its input. */
    const encode = (n: number): Buffer[] =>
      Array.from({ length: n }, () => {
        counter++;
        const lineId = lineIds[counter % LINES]!;
        const payload = JSON.stringify({
          eventId: `${lineId}/${counter}`,
          state: states[counter % states.length],
          goodCount: 3,
          scrapCount: 0,
          cycleTimeSeconds: 12.5,
        });
        return publisher.encode(`clustergraph/${memberId}/lines/${lineId}/events`, payload);
      });
    /**
     * QoS 1, written in bulk (RawMqttPublisher), but never more than WINDOW ahead of what the
     * member stored: the broker queues at most max_queued_messages for the member's persistent
     * session and drops QoS 1 messages beyond that.
     */
    const publishSome = async (packets: Buffer[]) => {
      for (let start = 0; start < packets.length;) {
        const room = WINDOW - (published - (await storedNow()));
        if (room <= 0) {
          await new Promise((r) => setTimeout(r, 20));
          continue;
        }
        const chunk = packets.slice(start, start + room);
        start += chunk.length;
        published += chunk.length;
        await publisher.publish(chunk);
      }
    };
    const untilStored = async (target: number, timeoutMs: number) => {
      for (const deadline = Date.now() + timeoutMs; ;) {
        const mqtt = (await health()).mqtt;
        const stored = mqtt?.stored ?? 0;
        if (stored >= target) return stored;
        if (process.env['INGEST_BENCH_DEBUG']) console.log(JSON.stringify(mqtt));
        if (Date.now() > deadline) throw new Error(`only ${stored} of ${target} events stored after ${timeoutMs / 1000} s`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    console.log(`member ${memberId} (pid ${child.pid}) listening on ${url}, connected to ${BROKER}; ${LINES} lines`);
    // Warm-up: JIT, connection pools, the lines in memory.
    await publishSome(encode(1_000));
    let stored = await untilStored(1_000, 300_000);
    console.log('warm-up: 1,000 events stored');
    const results: Array<{ rate: number; cpuMs: number; load: string }> = [];
    for (let run = 1; run <= RUNS; run++) {
      const packets = encode(EVENTS);
      const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
      const cpu0 = cpuSeconds(child.pid!);
      const t0 = performance.now();
      await publishSome(packets);
      const published = performance.now();
      stored = await untilStored(stored + EVENTS, 600_000);
      const seconds = (performance.now() - t0) / 1000;
      const cpuMs = ((cpuSeconds(child.pid!) - cpu0) * 1000) / EVENTS;
      const rate = EVENTS / seconds;
      results.push({ rate, cpuMs, load });
      console.log(
        `run ${run}: ${EVENTS} MQTT events stored in ${seconds.toFixed(2)} s (published in ${((published - t0) / 1000).toFixed(2)} s): ${rate.toFixed(0)} events/s, member CPU ${cpuMs.toFixed(3)} ms/event (${((cpuMs * rate) / 10).toFixed(0)} % of one core; one core's worth at that cost: ${(1000 / cpuMs).toFixed(0)} events/s); load average ${load}`,
      );
    }
    if (process.env['INGEST_BENCH_REPORT'] === 'true') {
      const n = Math.min(EVENTS, 2_000);
      const cpu0 = cpuSeconds(child.pid!);
      const t0 = performance.now();
      const inFlight: Array<Promise<unknown>> = [];
      for (let i = 0; i < n; i++) {
        const lineId = lineIds[i % LINES]!;
        inFlight.push(
          gql('mutation($events: [LineEventInput!]!) { reportLineEvents(events: $events) { accepted } }', {
            events: [{ eventId: `mes-${i}-${Date.now()}`, lineId, state: states[i % states.length] }],
          }),
        );
        if (inFlight.length >= 50) await Promise.all(inFlight.splice(0));
      }
      await Promise.all(inFlight);
      const seconds = (performance.now() - t0) / 1000;
      console.log(
        `reportLineEvents, 1 event per call, 50 calls in flight: ${(n / seconds).toFixed(0)} events/s, member CPU ${(((cpuSeconds(child.pid!) - cpu0) * 1000) / n).toFixed(3)} ms/event`,
      );
    }
    const worst = { rate: Math.min(...results.map((r) => r.rate)), cpuMs: Math.max(...results.map((r) => r.cpuMs)) };
    console.log(
      `\ngoals: ≥ ${GOAL_RATE} events/s: ${worst.rate >= GOAL_RATE ? 'MET' : 'MISSED'} (worst run ${worst.rate.toFixed(0)}); ≤ ${GOAL_CPU_MS} ms CPU/event: ${worst.cpuMs <= GOAL_CPU_MS ? 'MET' : 'MISSED'} (worst run ${worst.cpuMs.toFixed(3)} ms)`,
    );
  } finally {
    await publisher.end().catch(() => {});
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
    // Drop the broker's persistent session of the bench member.
    const cleaner = await connectAsync(BROKER, { clientId, clean: true });
    await cleaner.endAsync();
    await database.drop();
    broker.stop();
  }
}

await main();
