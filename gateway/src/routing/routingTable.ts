import type { Logger } from '@clustergraph/runtime';
import type { MemberDirectory } from '../auth/index.ts';
import type { ClusterRegistryClient, MemberStatus, RegistryEntry } from './clusterRegistryClient.ts';
import type { MemberSdlCheck } from './memberSdlCheck.ts';
import type { MemberRoute, MemberRoutes } from './memberRoutes.ts';

type RoutableEntry = RegistryEntry & { endpoint: string };

function isActiveWithEndpoint(entry: RegistryEntry): entry is RoutableEntry {
  return entry.status === 'ACTIVE' && entry.endpoint !== null;
}

/** What the gateway concluded about one member endpoint's SDL. */
type SdlVerdict = { endpoint: string; compatible: true } | { endpoint: string; compatible: false; reason: string };

export interface RoutingTableOptions {
  registry: Pick<ClusterRegistryClient, 'fetchRoutingTable' | 'quarantineMember'>;
  sdlCheck: Pick<MemberSdlCheck, 'check'>;
  logger: Logger;
  refreshMs: number;
}

/**
 * Member id → endpoint, status, roles, name, polled from the cluster registry while the
 * gateway runs. A member is routed once it is ACTIVE and the SDL at its current endpoint
 * matched the standard; an incompatible one is quarantined, an unreachable one is retried.
 * When the registry is down the last known table stays in use.
 */
export class RoutingTable implements MemberRoutes, MemberDirectory {
  private entries: RegistryEntry[] = [];
  private entriesById = new Map<string, RegistryEntry>();
  private readonly verdicts = new Map<string, SdlVerdict>();
  private refreshInFlight: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private registryReachable = true;
  private loadedOnce = false;
  private readonly changeListeners: Array<() => void> = [];

  constructor(private readonly options: RoutingTableOptions) {}

  /** Loads the table once (a down registry does not fail the start), then keeps polling. */
  async start(): Promise<void> {
    await this.refresh();
    this.timer ??= setInterval(() => void this.refresh(), this.options.refreshMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One poll of the registry plus the SDL checks it calls for; concurrent callers share it. */
  refresh(): Promise<void> {
    this.refreshInFlight ??= this.pollRegistry().finally(() => {
      this.refreshInFlight = null;
    });
    return this.refreshInFlight;
  }

  get loaded(): boolean {
    return this.loadedOnce;
  }

  /** The registry as last seen (every status). */
  members(): readonly RegistryEntry[] {
    return this.entries;
  }

  route(memberId: string): MemberRoute {
    const entry = this.entriesById.get(memberId);
    if (!entry) return { kind: 'unknown', memberId };
    if (entry.status !== 'ACTIVE') return { kind: 'unavailable', memberId, reason: `its status is ${entry.status}` };
    if (entry.endpoint === null) return { kind: 'unavailable', memberId, reason: 'it has no endpoint yet' };
    const verdict = this.verdicts.get(memberId);
    if (!verdict || verdict.endpoint !== entry.endpoint) return { kind: 'unavailable', memberId, reason: 'its subgraph has not answered the SDL check yet' };
    if (!verdict.compatible) return { kind: 'unavailable', memberId, reason: verdict.reason };
    return { kind: 'routable', memberId, endpoint: entry.endpoint };
  }

  activeMemberIds(): string[] {
    return this.entries.filter((entry) => entry.status === 'ACTIVE').map((entry) => entry.memberId);
  }

  memberRoles(memberId: string): string[] | undefined {
    return this.entriesById.get(memberId)?.roles;
  }

  memberStatus(memberId: string): MemberStatus | undefined {
    return this.entriesById.get(memberId)?.status;
  }

  /** Called after every successful registry poll (the gateway ends open subscriptions of firms no longer ACTIVE). */
  onChange(listener: () => void): void {
    this.changeListeners.push(listener);
  }

  memberIds(): string[] {
    return this.entries.map((entry) => entry.memberId);
  }

  private async pollRegistry(): Promise<void> {
    const { logger } = this.options;
    let entries: RegistryEntry[];
    try {
      entries = await this.options.registry.fetchRoutingTable();
    } catch (error) {
      if (this.registryReachable) logger.warn({ err: error }, 'cluster registry unreachable; routing with the last known table');
      this.registryReachable = false;
      return;
    }
    if (!this.registryReachable) logger.info('cluster registry reachable again');
    this.registryReachable = true;
    this.replaceEntries(entries);
    await Promise.all(entries.filter(isActiveWithEndpoint).map((entry) => this.verifyEndpoint(entry)));
  }

  private replaceEntries(entries: RegistryEntry[]): void {
    this.entries = entries;
    this.entriesById = new Map(entries.map((entry) => [entry.memberId, entry]));
    this.loadedOnce = true;
    for (const listener of this.changeListeners) {
      try {
        listener();
      } catch (error) {
        this.options.logger.error({ err: error }, 'routing table listener failed');
      }
    }
    // Leaving ACTIVE forgets the verdict: re-approval (say, after a fix) checks the SDL afresh.
    for (const memberId of this.verdicts.keys()) {
      if (this.entriesById.get(memberId)?.status !== 'ACTIVE') this.verdicts.delete(memberId);
    }
  }

  private async verifyEndpoint(entry: RoutableEntry): Promise<void> {
    const known = this.verdicts.get(entry.memberId);
    if (known?.endpoint === entry.endpoint) {
      // Still ACTIVE although found incompatible: the quarantine call failed before; try again.
      if (!known.compatible) await this.quarantine(entry, known.reason);
      return;
    }
    const outcome = await this.options.sdlCheck.check(entry.memberId, entry.endpoint);
    if (this.entriesById.get(entry.memberId)?.endpoint !== entry.endpoint) return; // moved meanwhile
    switch (outcome.kind) {
      case 'compatible':
        this.verdicts.set(entry.memberId, { endpoint: entry.endpoint, compatible: true });
        this.options.logger.info({ memberId: entry.memberId, endpoint: entry.endpoint }, 'member routed');
        return;
      case 'incompatible':
        this.verdicts.set(entry.memberId, { endpoint: entry.endpoint, compatible: false, reason: outcome.reason });
        await this.quarantine(entry, outcome.reason);
        return;
      case 'unreachable':
        this.options.logger.debug({ memberId: entry.memberId, endpoint: entry.endpoint, reason: outcome.reason }, 'member SDL check postponed');
        return;
      default: {
        const unexpected: never = outcome;
        throw new Error(`unexpected SDL check outcome ${JSON.stringify(unexpected)}`);
      }
    }
  }

  private async quarantine(entry: RoutableEntry, reason: string): Promise<void> {
    try {
      await this.options.registry.quarantineMember(entry.memberId, reason);
      this.options.logger.warn({ memberId: entry.memberId, endpoint: entry.endpoint, reason }, 'member quarantined');
      // Reflect it now rather than at the next poll, so fan-outs stop counting it as ACTIVE.
      this.replaceEntries(this.entries.map((e) => (e.memberId === entry.memberId ? { ...e, status: 'QUARANTINED' } : e)));
    } catch (error) {
      this.options.logger.warn({ err: error, memberId: entry.memberId }, 'member is incompatible but could not be quarantined; not routed, will retry');
    }
  }
}
