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
 * Spreads the subscribers round-robin over `count` child processes (each with its own event
 * loop; the tsx loader is inherited through execArgv) and opens them there.
 */
export async function openSubscriberProcesses(specs: SubscriberSpec[], count: number, concurrency = 25): Promise<ClientProcesses> {
  const shares = Array.from({ length: count }, (_, p) => specs.filter((_, i) => i % count === p));
  const children: ChildProcess[] = shares.map(() =>
    fork(fileURLToPath(new URL('./clientProcess.ts', import.meta.url)), [], { serialization: 'advanced', stdio: 'inherit' }),
  );
  const reply = (child: ChildProcess, kind: Reply['kind']) =>
    new Promise<Reply>((resolve, reject) => {
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
  try {
    await Promise.all(
      children.map((child, p) => {
        const opened = reply(child, 'opened');
        child.send({ kind: 'open', specs: shares[p], concurrency });
        return opened;
      }),
    );
  } catch (error) {
    for (const child of children) child.kill();
    throw error;
  }
  return {
    pids: children.map((c) => c.pid!),
    measure() {
      for (const child of children) child.send({ kind: 'measure' });
    },
    async finish() {
      const replies = await Promise.all(
        children.map((child) => {
          const finished = reply(child, 'finished');
          child.send({ kind: 'finish' });
          return finished;
        }),
      );
      for (const child of children) child.disconnect();
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
