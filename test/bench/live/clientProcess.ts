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
        loop.reset();
        return;
      case 'finish': {
        opened?.close();
        const ms = (ns: number) => ns / 1e6;
        const subscribers = (opened?.subscribers ?? []).map(({ spec: _spec, ...rest }) => ({ ...rest, latenciesMs: Float64Array.from(rest.latenciesMs) }));
        // No exit here: the parent may still be reading a large message from the pipe when this
        // process's exit reaches it. It disconnects once it has the answer, and that ends this process.
        process.send!({ kind: 'finished', subscribers, loopDelayMs: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) } });
        return;
      }
    }
  })();
});
