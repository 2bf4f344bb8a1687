import type { Logger } from '@clustergraph/runtime';
import type { MemberAccess, ReadDecision, RefusalReason } from '../sovereignty/access.ts';
import type { PolicyChanges } from '../sovereignty/policyChanges.ts';
import type { LineEvent } from './types.ts';

/** What a stream asks before it hands out an event (see LineEventStream). */
export interface DeliveryGate {
  /** Whether events may go out now: decided at start and at every policy change, never per event. */
  readonly open: boolean;
  /** Why it is closed (null while open). */
  readonly refusal: RefusalReason | null;
  /** Called whenever `open` flips. */
  watch(listener: () => void): () => void;
  /** One event went out (the usage ledger counts it). */
  delivered(event: LineEvent): void;
  close(): void;
}

/** setTimeout's longest delay; a validity edge further away is looked at again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One subscription's LINE_STATUS decision. It is made once at start and again only when
 * something can change it: a policy written on this member (PolicyChanges, at once after the
 * commit; from another replica by NOTIFY) or a validity window opening or closing (a timer at
 * the next edge). Events are then let through or held back on the decision in memory, so a
 * withholding owner's ledger gets ONE refusal per subscription (and one more per later
 * revocation), not one per event, and a grant opens a running subscription without the
 * subscriber asking again.
 */
export class LineStatusGate implements DeliveryGate {
  private decision: ReadDecision | null = null;
  private readonly listeners = new Set<() => void>();
  private unsubscribe: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private deciding: Promise<void> | null = null;
  private decideAgain = false;
  private closed = false;
  private lastError: unknown = null;

  constructor(
    private readonly access: MemberAccess,
    private readonly changes: Pick<PolicyChanges, 'subscribe'>,
    private readonly logger: Logger,
    /** How many subscriptions this decision is for (a reader scope shares one gate): each refusal is counted that often. */
    private readonly readers: () => number = () => 1,
  ) {}

  /** The decision in force (null before the first). */
  get currentDecision(): ReadDecision | null {
    return this.decision;
  }

  /**
   * The first decision; listens for changes before it so that none falls in between. A
   * failed policy read (a database hiccup) is tried again twice before the subscription fails.
   */
  async start(): Promise<void> {
    this.unsubscribe = this.changes.subscribe(() => this.redecide());
    for (let attempt = 0; attempt < 3 && !this.decision && !this.closed; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      await this.redecide();
    }
    if (!this.decision) throw this.lastError ?? new Error('the LINE_STATUS decision could not be made');
  }

  get open(): boolean {
    return this.decision?.allowed === true;
  }

  get refusal(): RefusalReason | null {
    return this.decision && !this.decision.allowed ? this.decision.reason : null;
  }

  watch(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  delivered(_event: LineEvent): void {
    if (this.decision?.allowed) this.access.recordRead('LINE_STATUS', this.decision, 1);
  }

  close(): void {
    this.closed = true;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  /**
   * Decides again (serialised: a change arriving meanwhile gets one more decision after this
   * one); resolves when the decision that covers this call is made.
   */
  private redecide(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.deciding) {
      this.decideAgain = true;
      return this.deciding;
    }
    this.deciding = (async () => {
      try {
        do {
          this.decideAgain = false;
          await this.decideOnce();
        } while (this.decideAgain && !this.closed);
      } catch (error) {
        this.lastError = error;
        // Keep the last decision (the poll of PolicyChanges brings another chance); none yet: start() fails.
        this.logger.warn({ err: error }, 'deciding LINE_STATUS for a subscription failed');
      } finally {
        this.deciding = null;
      }
    })();
    return this.deciding;
  }

  private async decideOnce(): Promise<void> {
    this.access.refreshPolicies();
    const next = await this.access.decide('LINE_STATUS');
    const previous = this.decision;
    this.decision = next;
    // A refusal is recorded when the subscription starts refused and each time it becomes refused.
    if (!next.allowed && (previous === null || previous.allowed)) this.access.recordRead('LINE_STATUS', next, this.readers());
    await this.scheduleValidityEdge();
    if (previous !== null && previous.allowed !== next.allowed) {
      for (const listener of this.listeners) listener();
    }
  }

  private async scheduleValidityEdge(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const edge = await this.access.nextValidityChange('LINE_STATUS');
    if (!edge || this.closed) return;
    // A few ms past the edge: validFrom is inclusive, validUntil exclusive.
    this.timer = setTimeout(() => void this.redecide(), Math.min(MAX_TIMER_MS, Math.max(0, edge.getTime() - Date.now()) + 5));
    this.timer.unref();
  }
}
