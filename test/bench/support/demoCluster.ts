import type { MemberSpec } from '@clustergraph/launcher';
import { partnerDemoPolicies, testMember, withPolicies } from '../../src/fixtures.ts';

/**
 * Six members shaped like the demo cluster (leader, four partners, anchor) for benchmarks:
 * as in the demo, three partners share line status with the leader, dongbang-mold and the
 * anchor withhold it (so the overview answer carries their FORBIDDEN notices).
 */
export function benchMembers(): MemberSpec[] {
  return [
    testMember('hanbit-ev', 'Hanbit EV Systems', ['LEADER'], 'Busan', {
      ASSEMBLY: { actual: 160, maximum: 200, price: 62_000 },
      INSPECTION: { actual: 80, maximum: 120, price: 48_000 },
    }),
    withPolicies(
      testMember('daesung-casting', 'Daesung Precision Casting', ['PARTNER'], 'Gimhae', { CASTING: { actual: 240, maximum: 300, price: 75_000 } }),
      partnerDemoPolicies(),
    ),
    withPolicies(
      testMember('sejin-heat', 'Sejin Heat Treatment', ['PARTNER'], 'Busan', { HEAT_TREATMENT: { actual: 120, maximum: 168, price: 52_000 } }),
      partnerDemoPolicies(),
    ),
    withPolicies(
      testMember('mirae-cnc', 'Mirae CNC Machining', ['PARTNER'], 'Changwon', { CNC_MACHINING: { actual: 300, maximum: 360, price: 58_000 } }),
      partnerDemoPolicies(),
    ),
    testMember('dongbang-mold', 'Dongbang Molding & Coating', ['PARTNER'], 'Yangsan', {
      INJECTION_MOLDING: { actual: 160, maximum: 200, price: 41_000 },
      SURFACE_TREATMENT: { actual: 120, maximum: 160, price: 39_000 },
    }),
    testMember('kmobility', 'K-Mobility Motors', ['ANCHOR'], 'Ulsan', { ASSEMBLY: { actual: 120, maximum: 160, price: 95_000 } }),
  ];
}
