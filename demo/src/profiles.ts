import type { MemberSpec } from '@clustergraph/launcher';
import { DEMO_FIRMS } from './members.ts';

/** Launch specs for the demo firms, members on consecutive ports from `basePort`. */
export function demoMemberSpecs(basePort: number): MemberSpec[] {
  return DEMO_FIRMS.map((firm, index) => ({
    id: firm.id,
    name: firm.name,
    roles: firm.roles,
    region: firm.region,
    port: basePort + index,
    seedProfile: {
      name: firm.name,
      smartFactoryLevel: firm.level,
      lines: firm.lines,
      capabilities: firm.capabilities,
      capacity: firm.capacity,
    },
  }));
}
