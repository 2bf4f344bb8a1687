import type { Logger } from '@clustergraph/runtime';
import type { LineEventService } from '../events/lineEventService.ts';
import type { NewLineEvent } from '../events/types.ts';
import { seededRandom } from '../seed/random.ts';
import { DEMO_TEMPO, HISTORY_TEMPO, LineStateMachine, type Tempo } from './lineStateMachine.ts';

export interface LineSimulatorOptions {
  memberId: string;
  service: LineEventService;
  logger: Logger;
  /** > 1 makes everything happen sooner (SIMULATOR_SPEED). */
  speed?: number;
  /** Hours of past events written on first start, when the member has none yet (SIMULATOR_HISTORY_HOURS). */
  historyHours?: number;
  tickMs?: number;
}

const INGEST_CHUNK = 500;
const HISTORY_RECEIPT_DELAY_MS = 500;

export function scaleTempo(tempo: Tempo, speed: number): Tempo {
  const scale = (r: [number, number]): [number, number] => [r[0] / speed, r[1] / speed];
  return {
    reportEvery: scale(tempo.reportEvery),
    running: scale(tempo.running),
    idle: scale(tempo.idle),
    changeover: scale(tempo.changeover),
    down: scale(tempo.down),
    maintenance: scale(tempo.maintenance),
  };
}

/**
 * The demo's machines: one state machine per line, advanced once a tick, its events written
 * through the same ingestor as MQTT and the mutation (so they are validated, numbered, stored
 * and published the same way). On first start it can write a few hours of history, the same
 * on every machine for a given member, so timelines are not empty.
 */
export class LineSimulator {
  private readonly machines = new Map<string, LineStateMachine>();
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private readonly startedAt = Date.now();
  private readonly tempo: Tempo;

  constructor(private readonly options: LineSimulatorOptions) {
    this.tempo = scaleTempo(DEMO_TEMPO, options.speed ?? 1);
  }

  async start(): Promise<void> {
    const hours = this.options.historyHours ?? 0;
    if (hours > 0 && (await this.options.service.lastSeq()) === 0) await this.seedHistory(hours, Date.now());
    this.timer = setInterval(() => void this.tick(), this.options.tickMs ?? 1_000);
    this.timer.unref();
    this.options.logger.info({ lines: this.options.service.lines.all().length, speed: this.options.speed ?? 1 }, 'line simulator running');
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    while (this.ticking) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  /** Writes `hours` of past events ending a minute ago, deterministic per member and line. */
  async seedHistory(hours: number, now: number): Promise<number> {
    const { service, memberId } = this.options;
    const start = now - hours * 3_600_000;
    const events: NewLineEvent[] = [];
    for (const line of service.lines.all()) {
      const machine = new LineStateMachine(line, seededRandom(`${memberId}/${line.id}/history`), HISTORY_TEMPO, `hist-${line.id}`, start, 'RUNNING');
      events.push(...machine.advance(now - 60_000));
    }
    // History stands for machines that reported as things happened: received half a second
    // after each event, not all at once now (event latency is a maturity criterion).
    for (const event of events) event.receivedAt = new Date(event.at.getTime() + HISTORY_RECEIPT_DELAY_MS);
    // Across lines in time order, so seq order is time order too.
    events.sort((a, b) => a.at.getTime() - b.at.getTime());
    for (let i = 0; i < events.length; i += INGEST_CHUNK) await service.ingest(events.slice(i, i + INGEST_CHUNK), 'simulator');
    this.options.logger.info({ hours, events: events.length }, 'seeded line event history');
    return events.length;
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const now = Date.now();
      const events: NewLineEvent[] = [];
      for (const line of this.options.service.lines.all()) {
        let machine = this.machines.get(line.id);
        if (!machine) {
          const current = this.options.service.statuses.read(line).state;
          const random = seededRandom(`${this.options.memberId}/${line.id}/${this.startedAt}`);
          machine = new LineStateMachine(line, random, this.tempo, `sim-${line.id}-${this.startedAt.toString(36)}`, now, current);
          this.machines.set(line.id, machine);
        }
        events.push(...machine.advance(now));
      }
      if (events.length === 0) return;
      events.sort((a, b) => a.at.getTime() - b.at.getTime());
      this.options.service.counters.bySource.simulator.received += events.length;
      await this.options.service.ingest(events, 'simulator');
    } catch (error) {
      this.options.logger.warn({ err: error }, 'simulated line events not stored');
    } finally {
      this.ticking = false;
    }
  }
}
