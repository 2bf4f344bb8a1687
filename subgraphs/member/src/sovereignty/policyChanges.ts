import { count, max } from 'drizzle-orm';
import type { Logger } from '@clustergraph/runtime';
import type { MemberDatabase } from '../db/database.ts';
import { sharingPolicies } from '../db/sovereignty.ts';

/** Returns when it has acted on the change (a subscription decided again), so a write can wait for that. */
export type PolicyChangeListener = () => void | Promise<void>;

/** How long a policy write waits for running subscriptions to decide again before it answers anyway. */
const ANNOUNCE_WAIT_MS = 2_000;

export interface PolicyChangesOptions {
  db: MemberDatabase;
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  memberId: string;
  logger: Logger;
  /** Safety net for a NOTIFY lost while the LISTEN connection reconnected (default 2 s). */
  pollIntervalMs?: number;
  /**
   * Instead of a timer of its own: registers `check` with a poller that watches many firms'
   * fingerprints in one statement and calls it when this firm's moved (the member host,
   * host/firmWatch.ts); returns what stops it.
   */
  pollWith?(check: () => void): () => void;
}

/** The NOTIFY channel of a member's policy changes (`sharing_policies_<memberId>`, a plain identifier). */
export function policyChangesChannel(memberId: string): string {
  return `sharing_policies_${memberId.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;
}

/**
 * Tells running subscriptions that the owner's sharing policies changed, so that they decide
 * again at once instead of asking per event: a grant, change or revocation made here is
 * announced synchronously after its commit, one made on another replica arrives by NOTIFY, and
 * a cheap fingerprint poll (row count, latest update) catches a NOTIFY lost in between.
 * Validity windows that open or close with time are the subscriber's own timer (see
 * LineStatusGate), not a change of the table.
 */
export class PolicyChanges {
  private readonly listeners = new Set<PolicyChangeListener>();
  private readonly channel: string;
  private unlisten: (() => Promise<void>) | null = null;
  private poll: NodeJS.Timeout | null = null;
  private unpoll: (() => void) | null = null;
  private fingerprint: string | null = null;
  private stopped = false;

  constructor(private readonly options: PolicyChangesOptions) {
    this.channel = policyChangesChannel(options.memberId);
  }

  async start(): Promise<void> {
    this.fingerprint = await this.readFingerprint();
    this.unlisten = await this.options.listen(this.channel, () => void this.check());
    if (this.options.pollWith) {
      this.unpoll = this.options.pollWith(() => void this.check());
      return;
    }
    this.poll = setInterval(() => void this.check(), this.options.pollIntervalMs ?? 2_000);
    this.poll.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.poll) clearInterval(this.poll);
    this.unpoll?.();
    await this.unlisten?.().catch(() => {});
    this.listeners.clear();
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  subscribe(listener: PolicyChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * After a policy write committed here: this process's subscriptions decide again now (the
   * write answers once they have, so an event reported after a revocation's answer is never
   * delivered under the old grant), other replicas by NOTIFY.
   */
  async announce(): Promise<void> {
    this.fingerprint = await this.readFingerprint().catch(() => this.fingerprint);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.emit(), new Promise<void>((resolve) => (timer = setTimeout(resolve, ANNOUNCE_WAIT_MS)))]);
    clearTimeout(timer);
    await this.options
      .notify(this.channel, 'changed')
      .catch((error: unknown) => this.options.logger.warn({ err: error }, 'policy change NOTIFY failed; other replicas see it at their next poll'));
  }

  private async check(): Promise<void> {
    if (this.stopped) return;
    try {
      const now = await this.readFingerprint();
      if (now === this.fingerprint) return;
      this.fingerprint = now;
      await this.emit();
    } catch (error) {
      if (!this.stopped) this.options.logger.warn({ err: error }, 'reading the sharing policies fingerprint failed; retrying at the next poll');
    }
  }

  private async emit(): Promise<void> {
    const acted = [...this.listeners].map(async (listener) => {
      try {
        await listener();
      } catch (error) {
        this.options.logger.error({ err: error }, 'policy change listener failed');
      }
    });
    await Promise.all(acted);
  }

  private async readFingerprint(): Promise<string> {
    const [row] = await this.options.db.select({ rows: count(), latest: max(sharingPolicies.updatedAt) }).from(sharingPolicies);
    return `${row?.rows ?? 0}|${row?.latest ? new Date(row.latest).getTime() : 0}`;
  }
}
