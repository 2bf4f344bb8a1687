import type { LineStateName, ProcessTypeName } from '../db/schema.ts';
import type { NewLineEvent } from '../events/types.ts';
import { between } from '../seed/random.ts';

export interface SimulatedLine {
  id: string;
  processes: readonly ProcessTypeName[];
  ratedUnitsPerHour: number | null;
}

/** How long things take, in seconds: compressed for the live demo, shop-floor scale for history. */
export interface Tempo {
  /** A RUNNING line reports progress (good/scrap since the last event, cycle time) this often. */
  reportEvery: [number, number];
  running: [number, number];
  idle: [number, number];
  changeover: [number, number];
  down: [number, number];
  maintenance: [number, number];
}

/** The live demo: something happens on each line every few seconds, a state change every minute or two. */
export const DEMO_TEMPO: Tempo = { reportEvery: [3, 8], running: [45, 180], idle: [8, 30], changeover: [20, 60], down: [15, 90], maintenance: [60, 150] };
/** Seeded history: a plausible few hours of a real plant. */
export const HISTORY_TEMPO: Tempo = {
  reportEvery: [240, 420],
  running: [1_200, 5_400],
  idle: [120, 900],
  changeover: [900, 2_700],
  down: [300, 2_400],
  maintenance: [1_800, 3_600],
};

/** Fault reasons by process (what a PLC or an operator's andon would report), generic ones for any line. */
const DOWN_REASONS: Partial<Record<ProcessTypeName, string[]>> = {
  INJECTION_MOLDING: ['MOLD_TEMP', 'NOZZLE_CLOG', 'HYDRAULIC'],
  PRESSING: ['HYDRAULIC', 'DIE_CRACK', 'FEEDER_JAM'],
  FORGING: ['HYDRAULIC', 'DIE_CRACK', 'BILLET_TEMP'],
  CASTING: ['MOLD_TEMP', 'LADLE_FAULT'],
  CNC_MACHINING: ['TOOL_BREAK', 'SPINDLE_ALARM', 'COOLANT_LOW'],
  WELDING: ['WIRE_FEED', 'TORCH_COLLISION', 'FIXTURE_FAULT'],
  ASSEMBLY: ['SCREW_TORQUE_NG', 'CONVEYOR_JAM'],
  PAINTING: ['BOOTH_AIRFLOW', 'COLOR_CHANGE_FAULT'],
  HEAT_TREATMENT: ['FURNACE_TEMP', 'QUENCH_FAULT'],
  INSPECTION: ['VISION_FAULT', 'GAUGE_CALIBRATION'],
};
const GENERIC_DOWN_REASONS = ['E-STOP', 'TOOL_BREAK', 'HYDRAULIC'];
const IDLE_REASONS = ['NO_MATERIAL', 'NO_OPERATOR', 'WAITING_QC'];

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const duration = (random: () => number, range: [number, number]) => between(random, range[0], range[1]) * 1000;

/**
 * One line's behaviour as a small stochastic state machine (PackML in spirit): mostly RUNNING
 * near its rated rate with progress reports, waiting IDLE now and then, CHANGEOVER between
 * jobs, occasional DOWN with a process-typical reason, rare scheduled MAINTENANCE.
 * Pure given its random source: `advance(untilMs)` returns the events up to that instant.
 */
export class LineStateMachine {
  private state: LineStateName;
  private stateEndsAt: number;
  private nextReportAt: number;
  private lastEventAt: number;
  /** Performance of the current run (0.8–1.0 of the rated rate) and its scrap rate. */
  private performance = 0.9;
  private scrapRate = 0.02;
  private counter = 0;

  constructor(
    private readonly line: SimulatedLine,
    private readonly random: () => number,
    private readonly tempo: Tempo,
    private readonly eventIdPrefix: string,
    startAt: number,
    startState: LineStateName = 'IDLE',
  ) {
    this.state = startState;
    this.lastEventAt = startAt;
    // Whatever the line was doing, the first change comes soon, so a restarted demo moves at once.
    this.stateEndsAt = startAt + duration(random, startState === 'RUNNING' ? tempo.running : tempo.idle) / 2;
    this.nextReportAt = startAt + duration(random, tempo.reportEvery);
    this.newRun();
  }

  get currentState(): LineStateName {
    return this.state;
  }

  advance(untilMs: number): NewLineEvent[] {
    const events: NewLineEvent[] = [];
    for (;;) {
      const reportDue = this.state === 'RUNNING' && this.nextReportAt < this.stateEndsAt;
      const at = reportDue ? this.nextReportAt : this.stateEndsAt;
      if (at > untilMs) return events;
      if (reportDue) {
        events.push(this.event(at, 'RUNNING', null));
        this.nextReportAt = at + duration(this.random, this.tempo.reportEvery);
      } else {
        events.push(this.transition(at));
      }
    }
  }

  private transition(at: number): NewLineEvent {
    const r = this.random();
    let next: LineStateName;
    let reason: string | null = null;
    switch (this.state) {
      case 'RUNNING':
        // A run ends because the job is done (changeover), the line starves (idle), or it breaks.
        if (r < 0.4) [next, reason] = ['CHANGEOVER', this.changeoverReason()];
        else if (r < 0.7) [next, reason] = ['IDLE', pick(this.random, IDLE_REASONS)];
        else if (r < 0.95) [next, reason] = ['DOWN', pick(this.random, this.downReasons())];
        else [next, reason] = ['MAINTENANCE', 'PM_SCHEDULED'];
        break;
      case 'DOWN':
        // Repaired: usually straight back to work, sometimes a check first.
        next = r < 0.8 ? 'RUNNING' : 'IDLE';
        if (next === 'IDLE') reason = 'WAITING_QC';
        break;
      case 'IDLE':
      case 'CHANGEOVER':
      case 'MAINTENANCE':
      case 'OFFLINE':
        next = 'RUNNING';
        break;
      default: {
        const unreachable: never = this.state;
        throw new Error(`unknown line state ${String(unreachable)}`);
      }
    }
    const event = this.event(at, next, reason);
    this.state = next;
    this.stateEndsAt = at + duration(this.random, this.rangeOf(next));
    if (next === 'RUNNING') {
      this.newRun();
      this.nextReportAt = at + duration(this.random, this.tempo.reportEvery);
    }
    return event;
  }

  /** An event leaving the current state (or reporting within RUNNING), counting what was made since the last one. */
  private event(at: number, state: LineStateName, reasonCode: string | null): NewLineEvent {
    const wasRunning = this.state === 'RUNNING';
    const hours = (at - this.lastEventAt) / 3_600_000;
    const rate = this.line.ratedUnitsPerHour ?? 30;
    const made = wasRunning ? Math.max(0, Math.round(rate * this.performance * hours * between(this.random, 0.9, 1.1))) : 0;
    const scrap = wasRunning ? Math.min(made, Math.round(made * this.scrapRate * between(this.random, 0.5, 1.5))) : 0;
    this.lastEventAt = at;
    this.counter += 1;
    return {
      eventId: `${this.eventIdPrefix}-${this.counter}`,
      lineId: this.line.id,
      state,
      at: new Date(Math.round(at)),
      reasonCode,
      cycleTimeSeconds: wasRunning ? round((3600 / rate / this.performance) * between(this.random, 0.97, 1.03), 2) : null,
      goodCount: wasRunning ? made - scrap : null,
      scrapCount: wasRunning ? scrap : null,
    };
  }

  private newRun(): void {
    this.performance = between(this.random, 0.8, 1.0);
    this.scrapRate = between(this.random, 0.005, 0.04);
  }

  private downReasons(): string[] {
    const specific = this.line.processes.flatMap((p) => DOWN_REASONS[p] ?? []);
    return this.random() < 0.3 || specific.length === 0 ? GENERIC_DOWN_REASONS : specific;
  }

  private changeoverReason(): string {
    if (this.line.processes.includes('INJECTION_MOLDING') || this.line.processes.includes('CASTING')) return 'MOLD_CHANGE';
    if (this.line.processes.includes('PRESSING') || this.line.processes.includes('FORGING')) return 'DIE_CHANGE';
    return 'JOB_CHANGE';
  }

  private rangeOf(state: LineStateName): [number, number] {
    switch (state) {
      case 'RUNNING':
        return this.tempo.running;
      case 'IDLE':
      case 'OFFLINE':
        return this.tempo.idle;
      case 'CHANGEOVER':
        return this.tempo.changeover;
      case 'DOWN':
        return this.tempo.down;
      case 'MAINTENANCE':
        return this.tempo.maintenance;
      default: {
        const unreachable: never = state;
        throw new Error(`unknown line state ${String(unreachable)}`);
      }
    }
  }
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
