import type { MemberSpec } from '@clustergraph/launcher';

/** The standard three-member test cluster: a leader that assembles, a caster and a heat treater. */
export function testMemberSpecs(): MemberSpec[] {
  return [
    testMember('lead', 'Lead Assembly Co.', ['LEADER'], 'Busan', { ASSEMBLY: { actual: 80, maximum: 100, price: 60_000 } }, { localName: '리드조립' }),
    withPolicies(
      testMember('cast', 'Cast Partner Co.', ['PARTNER'], 'Gimhae', { CASTING: { actual: 120, maximum: 150, price: 70_000 } }, { localName: '캐스트협력' }),
      partnerDemoPolicies(),
    ),
    withPolicies(
      testMember('heat', 'Heat Partner Co.', ['PARTNER'], 'Busan', { HEAT_TREATMENT: { actual: 100, maximum: 140, price: 50_000 } }, { localName: '히트협력' }),
      partnerDemoPolicies(),
    ),
  ];
}

/** A sharing policy in a member's seed profile (granted at first start, besides the defaults). */
export interface SeedPolicy {
  category: string;
  grantee: string;
  purpose: string;
  granularity?: 'RAW' | 'AGGREGATED';
}

/** What the demo's partners grant (issue 3): line status and weekly production to the leader for monitoring and joint planning. */
export function partnerDemoPolicies(): SeedPolicy[] {
  return ['MONITORING', 'JOINT_PLANNING'].flatMap((purpose) => [
    { category: 'LINE_STATUS', grantee: 'LEADER', purpose },
    { category: 'PRODUCTION', grantee: 'LEADER', purpose, granularity: 'AGGREGATED' as const },
  ]);
}

/** The member with these sharing policies in its seed profile. */
export function withPolicies(spec: MemberSpec, policies: SeedPolicy[]): MemberSpec {
  return { ...spec, seedProfile: { ...(spec.seedProfile as object), policies } };
}

/** A member with one line per process and a 12-week capacity calendar seeded at first start. */
export function testMember(
  id: string,
  name: string,
  roles: MemberSpec['roles'],
  region: string,
  capacity: Record<string, { actual: number; maximum: number; price: number }>,
  extra: Partial<MemberSpec> = {},
): MemberSpec {
  const processes = Object.keys(capacity);
  return {
    id,
    name,
    roles,
    region,
    seedProfile: {
      name,
      smartFactoryLevel: 2,
      lines: processes.map((process, i) => ({ id: `${id}-line-${i + 1}`, name: `${name} ${process} line`, processes: [process], ratedUnitsPerHour: 20 })),
      capabilities: processes.map((process) => ({ process, materials: ['aluminium'], certifications: ['ISO9001'] })),
      capacity,
    },
    ...extra,
  };
}

/** Monday (YYYY-MM-DD) of the ISO week `weeksAhead` from now. */
export function mondayFromNow(weeksAhead = 0): string {
  const now = new Date();
  const utc = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const weekday = (new Date(utc).getUTCDay() + 6) % 7;
  return new Date(utc - weekday * 86_400_000 + weeksAhead * 7 * 86_400_000).toISOString().slice(0, 10);
}
