// Preloaded with NODE_OPTIONS="--import <this file>" (node refuses --cpu-prof in NODE_OPTIONS):
// a CPU profile of one window of the process's life, written to CG_CPU_PROFILE (Chrome
// DevTools, speedscope, support/profileSummary.ts). The first SIGUSR2 starts it, the second
// (or the exit) writes it: the benchmark signals around a load run, so start-up is left out.
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';

const file = process.env.CG_CPU_PROFILE;
if (file) {
  const session = new Session();
  session.connect();
  let state = 'idle';
  const stop = () => {
    if (state !== 'running') return;
    state = 'done';
    // On the main thread the session answers synchronously, so this works in an exit handler too.
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(file, JSON.stringify(result.profile));
    });
  };
  process.on('SIGUSR2', () => {
    if (state === 'idle') {
      state = 'running';
      session.post('Profiler.enable');
      session.post('Profiler.setSamplingInterval', { interval: 1000 });
      session.post('Profiler.start');
    } else stop();
  });
  process.once('exit', stop);
}
