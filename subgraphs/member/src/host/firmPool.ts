import type { GraphQLSchema } from 'graphql';
import type { DatabaseHandle, Logger, MountedService } from '@clustergraph/runtime';
import { createMemberApp, type MemberApp } from '../app.ts';
import type { MemberConfig } from '../config.ts';
import type { MemberSchema } from '../db/schema.ts';
import type { FirmDatabases } from './firmDatabases.ts';

export interface OpenFirm {
  readonly memberId: string;
  readonly app: MemberApp;
  readonly mounted: MountedService;
  /** HTTP requests being answered. */
  requests: number;
  /** graphql-ws sockets open (a subscription keeps its firm open). */
  sockets: number;
  lastUsed: number;
}

export interface FirmPoolOptions {
  databases: FirmDatabases;
  memberConfigFor(memberId: string): MemberConfig;
  /** The member schema, built once for every firm. */
  schema: GraphQLSchema;
  logger: Logger;
  idleMs: number;
  maxOpen: number;
  /** False for a firm being deleted: it is not opened again. */
  mayOpen(memberId: string): boolean;
  now?: () => number;
}

/** What a caller holds while it uses a firm; release() once, when the request or socket ends. */
export interface FirmLease {
  firm: OpenFirm;
  release(): void;
}

/**
 * The firms open in this process: opened on first use (their database attached, their line
 * events, policy cache, ledger and capacity guard started: the member app itself, mounted
 * rather than listening), closed when idle for `idleMs` or when more than `maxOpen` are open
 * (least recently used first, never one with a request or a socket in flight). A firm that is
 * not open costs the host nothing but its row in hosted_firms.
 */
export class FirmPool {
  private readonly open = new Map<string, OpenFirm>();
  private readonly opening = new Map<string, Promise<OpenFirm>>();
  private readonly closing = new Map<string, Promise<void>>();
  private readonly now: () => number;
  private sweeper: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly options: FirmPoolOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Starts the idle sweep. */
  start(): void {
    const every = Math.max(250, Math.min(this.options.idleMs / 2, 30_000));
    this.sweeper = setInterval(() => void this.closeIdle(), every);
    this.sweeper.unref();
  }

  get openCount(): number {
    return this.open.size;
  }

  isOpen(memberId: string): boolean {
    return this.open.has(memberId);
  }

  /**
   * The firm, opened if needed; `prepare` runs on a newly opened database before the firm's
   * app starts (provisioning seeds it there, so no cache of the app saw it empty).
   */
  async acquire(memberId: string, kind: 'request' | 'socket', prepare?: (database: DatabaseHandle<MemberSchema>) => Promise<void>): Promise<FirmLease> {
    if (this.stopped) throw new Error('the member host is stopping');
    let firm = this.open.get(memberId);
    if (!firm) {
      await this.closing.get(memberId);
      let pending = this.opening.get(memberId);
      if (!pending) {
        pending = this.openFirm(memberId, prepare).finally(() => this.opening.delete(memberId));
        this.opening.set(memberId, pending);
      }
      firm = await pending;
    }
    const held = firm;
    if (kind === 'request') held.requests++;
    else held.sockets++;
    held.lastUsed = this.now();
    let released = false;
    return {
      firm: held,
      release: () => {
        if (released) return;
        released = true;
        if (kind === 'request') held.requests--;
        else held.sockets--;
        held.lastUsed = this.now();
      },
    };
  }

  private async openFirm(memberId: string, prepare?: (database: DatabaseHandle<MemberSchema>) => Promise<void>): Promise<OpenFirm> {
    if (!this.options.mayOpen(memberId)) throw new Error(`hosted firm ${memberId} is being deleted`);
    const logger = this.options.logger.child({ memberId });
    const database = await this.options.databases.open(memberId, logger);
    let app: MemberApp;
    try {
      await prepare?.(database);
      const { databases } = this.options;
      app = await createMemberApp(this.options.memberConfigFor(memberId), logger, {
        database,
        schema: this.options.schema,
        ...(databases.watch ? { watch: (kind, check) => databases.watch!(memberId, kind, check) } : {}),
      });
    } catch (error) {
      await database.close();
      throw error;
    }
    let mounted: MountedService;
    try {
      mounted = await app.mount();
    } catch (error) {
      await app.stop();
      throw error;
    }
    const firm: OpenFirm = { memberId, app, mounted, requests: 0, sockets: 0, lastUsed: this.now() };
    this.open.set(memberId, firm);
    logger.debug({ open: this.open.size }, 'hosted firm opened');
    this.closeOverflow(memberId);
    return firm;
  }

  /** Closes one firm (its sockets too) and waits; `graceMs` lets its requests in flight finish first. */
  async close(memberId: string, graceMs = 0): Promise<void> {
    await this.opening.get(memberId)?.catch(() => {});
    const firm = this.open.get(memberId);
    if (!firm) return this.closing.get(memberId);
    this.open.delete(memberId);
    const closing = (async () => {
      const deadline = this.now() + graceMs;
      while (firm.requests > 0 && this.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      // stop() flushes the firm's ledger before it detaches its database.
      await firm.app.stop().catch((error: unknown) => this.options.logger.error({ err: error, memberId }, 'hosted firm did not stop cleanly'));
      this.options.logger.debug({ memberId, open: this.open.size }, 'hosted firm closed');
    })().finally(() => this.closing.delete(memberId));
    this.closing.set(memberId, closing);
    return closing;
  }

  /** Closes every firm idle for longer than idleMs. */
  async closeIdle(): Promise<number> {
    const cutoff = this.now() - this.options.idleMs;
    const idle = [...this.open.values()].filter((f) => f.requests === 0 && f.sockets === 0 && f.lastUsed <= cutoff);
    await Promise.all(idle.map((f) => this.close(f.memberId)));
    return idle.length;
  }

  /** Beyond maxOpen: the least recently used idle firms go first (a busy one is never cut). */
  private closeOverflow(justOpened: string): void {
    const excess = this.open.size - this.options.maxOpen;
    if (excess <= 0) return;
    const candidates = [...this.open.values()]
      .filter((f) => f.memberId !== justOpened && f.requests === 0 && f.sockets === 0)
      .sort((a, b) => a.lastUsed - b.lastUsed);
    for (const firm of candidates.slice(0, excess)) void this.close(firm.memberId);
  }

  /** Closes every firm, letting requests in flight finish for `graceMs`. */
  async stop(graceMs: number): Promise<void> {
    this.stopped = true;
    if (this.sweeper) clearInterval(this.sweeper);
    await Promise.allSettled([...this.opening.values()]);
    await Promise.all([...this.open.keys()].map((id) => this.close(id, graceMs)));
    await Promise.all([...this.closing.values()]);
  }
}
