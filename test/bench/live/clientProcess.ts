// A child process of the live bench holding a share of the subscriber sockets, so that the
// receipt stamps are not delayed by one overloaded event loop. Driven over IPC by clientProcesses.ts.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openSubscribers, type SubscriberSpec } from './subscribers.ts';

type Command = { kind: 'open'; specs: SubscriberSpec[]; concurrency: number } | { kind: 'measure' } | { kind: 'finish' };

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
let opened: Awaited<ReturnType<typeof openSubscribers>> | null = null;

process.on('disconnect', () => process.exit(0));

process.on('message', (command: Command) => {
  void (async () => {
    switch (command.kind) {
      case 'open':
        try {
          opened = await openSubscribers(command.specs, command.concurrency);
          process.send!({ kind: 'opened' });
        } catch (error) {
          process.send!({ kind: 'failed', message: (error as Error).message });
        }
        return;
      case 'measure':
        // Every phase's figures are its own: the delays of the phase before are dropped.
        loop.reset();
        return;
      case 'finish': {
        opened?.close();
        const finished = opened;
        opened = null;
        const ms = (ns: number) => ns / 1e6;
        const subscribers = (finished?.subscribers ?? []).map(({ spec: _spec, ...rest }) => ({ ...rest, latenciesMs: Float64Array.from(rest.latenciesMs) }));
        // The process stays for the next phase (a new 'open'); the bench disconnects when it is done, and that ends it.
        process.send!({ kind: 'finished', subscribers, loopDelayMs: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) } });
        return;
      }
    }
  })();
});
