// What the demo says on its terminal when the supervisor acts: which firm's process died and
// how, when it comes back, and when the demo gives up on it.
import { describeExit, type SupervisorEvent } from '@clustergraph/launcher';
import { DEMO_FIRMS } from './members.ts';

/** `member sejin-heat (Sejin Heat Treatment)`; the gateway and the cluster subgraph as they are. */
export function serviceLabel(name: string): string {
  const id = name.startsWith('member ') ? name.slice('member '.length) : null;
  const firm = id ? DEMO_FIRMS.find((f) => f.id === id) : undefined;
  return firm ? `${name} (${firm.name})` : name;
}

const seconds = (ms: number) => `${ms % 1000 === 0 ? ms / 1000 : (ms / 1000).toFixed(1)} s`;
const span = (ms: number) => (ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : seconds(ms));

export function supervisorMessage(event: SupervisorEvent): string {
  const who = serviceLabel(event.name);
  switch (event.kind) {
    case 'crashed':
      return `! ${who} died (${describeExit(event.exit)}); restarting it in ${seconds(event.restartInMs)} (crash ${event.crashesInWindow}; it is given up after ${event.maxCrashes} within ${span(event.windowMs)}). Meanwhile its part of answers is MEMBER_UNAVAILABLE.`;
    case 'restarted':
      return `  ${who} is back (pid ${event.pid ?? '?'}); the gateway routes to it again.`;
    case 'restart-failed':
      return `! ${who} did not come back: ${event.error}`;
    case 'gave-up':
      return `! ${who} died (${describeExit(event.exit)}) ${event.crashesInWindow} times within ${span(event.windowMs)}; not restarting it again. Its log says why (${event.logFile}); restart the demo (Ctrl-C, pnpm start) to try again.`;
  }
}

export function reportSupervisorEvent(event: SupervisorEvent): void {
  const message = supervisorMessage(event);
  if (event.kind === 'restarted') console.log(message);
  else console.error(message);
}
