import type { MemberSpec } from '@clustergraph/launcher';
import { DEMO_FIRMS } from './members.ts';
import { demoAnalyticsSeed } from './aiTransition.ts';

/**
 * Live line status in the demo: every member runs the line simulator (a few hours of history on
 * first start, then events every few seconds per line). DEMO_SIMULATOR=false turns it off,
 * e.g. to feed the lines from real machines; DEMO_MQTT_URL also subscribes every member to a
 * broker (topic clustergraph/<memberId>/lines/<lineId>/events).
 */
export function demoLiveEnv(env: Record<string, string | undefined> = process.env): Record<string, string> {
  const simulator = env['DEMO_SIMULATOR'] !== 'false';
  return {
    SIMULATOR: simulator ? 'true' : 'false',
    ...(simulator ? { SIMULATOR_HISTORY_HOURS: '4' } : {}),
    ...(env['DEMO_MQTT_URL'] ? { MQTT_URL: env['DEMO_MQTT_URL'] } : {}),
  };
}

/** The demo firms as launcher specs on ports basePort, basePort + 1, …; basePort 0: free ports. */
export function demoMemberSpecs(basePort: number): MemberSpec[] {
  return DEMO_FIRMS.map((firm, index) => ({
    id: firm.id,
    name: firm.name,
    localName: firm.localName,
    roles: firm.roles,
    region: firm.region,
    ...(basePort > 0 ? { port: basePort + index } : {}),
    env: demoLiveEnv(),
    seedProfile: {
      name: firm.name,
      smartFactoryLevel: firm.level,
      lines: firm.lines,
      capabilities: firm.capabilities,
      capacity: firm.capacity,
      policies: firm.policies ?? [],
      analytics: demoAnalyticsSeed(firm.id, firm.level),
    },
  }));
}
