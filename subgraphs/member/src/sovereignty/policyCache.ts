import type { PolicyTerms } from './policyEvaluator.ts';
import type { PolicyChanges } from './policyChanges.ts';

/**
 * The owner's active sharing policies, held in memory instead of read on every request (a
 * member answers many reads per second and its policies change a few times a year). The
 * cache is dropped on every change PolicyChanges announces:
 * - a grant, change or revocation made through this process drops it before the write
 *   answers (PolicyChanges.announce runs its listeners first), so the next request decides
 *   on the new policies;
 * - one made on another replica drops it when its NOTIFY arrives, and the fingerprint poll
 *   catches a NOTIFY lost while the LISTEN connection reconnected.
 * Validity windows need no invalidation: the evaluator checks them against the clock on
 * every read. A load that was running when a change arrived is not kept (generation count),
 * so a revocation can never be undone by a read that began before it.
 */
export class PolicyCache {
  private cached: Promise<PolicyTerms[]> | null = null;
  private generation = 0;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly load: () => Promise<PolicyTerms[]>,
    changes: Pick<PolicyChanges, 'subscribe'>,
  ) {
    this.unsubscribe = changes.subscribe(() => this.invalidate());
  }

  /** The active policies; one database read per change, shared by every request meanwhile. */
  get(): Promise<PolicyTerms[]> {
    if (this.cached) return this.cached;
    const generation = this.generation;
    const loading = this.load();
    this.cached = loading;
    loading.then(
      () => {
        // A change arrived while this load ran: its answer may predate the change; the next read loads again.
        if (generation !== this.generation && this.cached === loading) this.cached = null;
      },
      () => {
        if (this.cached === loading) this.cached = null;
      },
    );
    return loading;
  }

  /** Forgets the policies: the next get() reads them again. */
  invalidate(): void {
    this.generation++;
    this.cached = null;
  }

  stop(): void {
    this.unsubscribe();
    this.invalidate();
  }
}
