import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Subscriber, SubscriberSpec } from './subscribers.ts';

export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

export interface ClientProcesses {
  pids: number[];
  /** Starts the measured window (resets each process's event-loop delay histogram). */
  measure(): void;
  /** Closes every socket and collects what each subscriber received, and each process's event-loop delay. */
  finish(): Promise<{ subscribers: Subscriber[]; loopDelays: LoopDelay[] }>;
}

type Reply =
  | { kind: 'opened' }
  | { kind: 'failed'; message: string }
  | { kind: 'finished'; subscribers: Array<Omit<Subscriber, 'spec' | 'latenciesMs'> & { latenciesMs: Float64Array }>; loopDelayMs: LoopDelay };

/**
 * `count` child processes that hold subscriber sockets (each with its own event loop; the tsx
 * loader is inherited through execArgv). They are started once and serve every phase and run:
 * processes started anew for each phase would spend that phase's first seconds compiling their
 * own message path, on the same two cores as the cluster they measure.
 */
export class SubscriberProcessPool {
  private readonly children: ChildProcess[];

  constructor(count: number) {
    this.children = Array.from({ length: count }, () =>
      fork(fileURLToPath(new URL('./clientProcess.ts', import.meta.url)), [], { serialization: 'advanced', stdio: 'inherit' }),
    );
  }

  get pids(): number[] {
    return this.children.map((c) => c.pid!);
  }

  /** Spreads the subscribers round-robin over the processes and opens them there. */
  async open(specs: SubscriberSpec[], concurrency = 25): Promise<ClientProcesses> {
    const children = this.children;
    const shares = children.map((_, p) => specs.filter((_, i) => i % children.length === p));
    try {
      await Promise.all(
        children.map((child, p) => {
          const opened = reply(child, 'opened');
          child.send({ kind: 'open', specs: shares[p], concurrency });
          return opened;
        }),
      );
    } catch (error) {
      this.close();
      throw error;
    }
    return {
      pids: this.pids,
      measure() {
        for (const child of children) child.send({ kind: 'measure' });
      },
      finish: async () => {
        const replies = await Promise.all(children.map((child) => this.finishOne(child)));
        const subscribers: Subscriber[] = [];
        const loopDelays: LoopDelay[] = [];
        replies.forEach((r, p) => {
          if (r.kind !== 'finished') return;
          loopDelays.push(r.loopDelayMs);
          r.subscribers.forEach((s, i) => subscribers.push({ ...s, spec: shares[p]![i]!, latenciesMs: Array.from(s.latenciesMs) }));
        });
        return { subscribers, loopDelays };
      },
    };
  }

  private finishOne(child: ChildProcess): Promise<Reply> {
    const finished = reply(child, 'finished');
    child.send({ kind: 'finish' });
    return finished;
  }

  /** Ends every process (disconnecting ends it: clientProcess.ts). */
  close(): void {
    for (const child of this.children) if (child.connected) child.disconnect();
  }
}

function reply(child: ChildProcess, kind: Reply['kind']): Promise<Reply> {
  return new Promise<Reply>((resolve, reject) => {
    const onMessage = (message: Reply) => {
      if (message.kind !== kind && message.kind !== 'failed') return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (message.kind === 'failed') reject(new Error(`subscriber process: ${message.message}`));
      else resolve(message);
    };
    const onExit = (code: number | null) => reject(new Error(`subscriber process exited (${code}) before ${kind}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
