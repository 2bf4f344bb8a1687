import { request } from 'undici';
import type { Logger } from '@clustergraph/runtime';

export interface CircuitBreakerOptions {
  /** Consecutive timeouts or connection failures that open a member's circuit. */
  failures: number;
  /** How long after opening (and between failed probes) the background probe waits. */
  openMs: number;
  /** Deadline of one probe. */
  probeTimeoutMs: number;
  logger: Logger;
  /** Whether the endpoint answers at all; by default any HTTP answer to a POST counts (even 401). */
  probe?(endpoint: string, timeoutMs: number): Promise<boolean>;
}

export type CircuitState = 'closed' | 'open' | 'probing';

interface Circuit {
  state: CircuitState;
  consecutiveFailures: number;
  openedAt: number;
  endpoint: string;
  timer: NodeJS.Timeout | null;
}

/**
 * One circuit per member. After `failures` timeouts or refused connections in a row the
 * circuit opens: calls are answered MEMBER_UNAVAILABLE at once, and a background probe (not
 * a client's request) checks the member every `openMs`; the first answer closes it. A member
 * stopped mid-flight (SIGSTOP, a hung process) so costs only the calls already on their way.
 */
export class MemberCircuitBreakers {
  private readonly circuits = new Map<string, Circuit>();
  private closed = false;

  constructor(private readonly options: CircuitBreakerOptions) {}

  /** Null when a call may go; otherwise why it is refused at once. */
  refusal(memberId: string): string | null {
    const circuit = this.circuits.get(memberId);
    if (!circuit || circuit.state === 'closed') return null;
    return `its circuit is open after ${circuit.consecutiveFailures} failed calls in a row; probing it in the background`;
  }

  state(memberId: string): CircuitState {
    return this.circuits.get(memberId)?.state ?? 'closed';
  }

  succeeded(memberId: string): void {
    const circuit = this.circuits.get(memberId);
    if (!circuit) return;
    this.closeCircuit(memberId, circuit);
  }

  /** A timeout or a refused connection (an HTTP answer of any kind is not a failure). */
  failed(memberId: string, endpoint: string): void {
    let circuit = this.circuits.get(memberId);
    if (!circuit) {
      circuit = { state: 'closed', consecutiveFailures: 0, openedAt: 0, endpoint, timer: null };
      this.circuits.set(memberId, circuit);
    }
    circuit.endpoint = endpoint;
    circuit.consecutiveFailures++;
    if (circuit.state === 'closed' && circuit.consecutiveFailures >= this.options.failures) {
      circuit.state = 'open';
      circuit.openedAt = Date.now();
      this.options.logger.warn({ memberId, failures: circuit.consecutiveFailures }, 'member circuit opened');
      this.scheduleProbe(memberId, circuit);
    }
  }

  close(): void {
    this.closed = true;
    for (const circuit of this.circuits.values()) if (circuit.timer) clearTimeout(circuit.timer);
    this.circuits.clear();
  }

  private closeCircuit(memberId: string, circuit: Circuit): void {
    if (circuit.timer) clearTimeout(circuit.timer);
    if (circuit.state !== 'closed') this.options.logger.info({ memberId, openMs: Date.now() - circuit.openedAt }, 'member circuit closed');
    this.circuits.delete(memberId);
  }

  private scheduleProbe(memberId: string, circuit: Circuit): void {
    if (this.closed) return;
    circuit.timer = setTimeout(() => {
      circuit.state = 'probing';
      const probe = this.options.probe ?? answersAtAll;
      probe(circuit.endpoint, this.options.probeTimeoutMs).then(
        (alive) => this.afterProbe(memberId, circuit, alive),
        () => this.afterProbe(memberId, circuit, false),
      );
    }, this.options.openMs);
    circuit.timer.unref();
  }

  private afterProbe(memberId: string, circuit: Circuit, alive: boolean): void {
    if (this.circuits.get(memberId) !== circuit) return;
    if (alive) return this.closeCircuit(memberId, circuit);
    circuit.state = 'open';
    this.scheduleProbe(memberId, circuit);
  }
}

/** Any HTTP answer within the deadline: the process is running and reading its socket. */
async function answersAtAll(endpoint: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await request(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{__typename}"}',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body.dump();
    return true;
  } catch {
    return false;
  }
}
