import type { MemberSpec } from '@clustergraph/launcher';

/** The standard three-member test cluster: a leader that assembles, a caster and a heat treater. */
export function testMemberSpecs(): MemberSpec[] {
  return [
    testMember('lead', 'Lead Assembly Co.', ['LEADER'], 'Busan', { ASSEMBLY: { actual: 80, maximum: 100, price: 60_000 } }),
    testMember('cast', 'Cast Partner Co.', ['PARTNER'], 'Gimhae', { CASTING: { actual: 120, maximum: 150, price: 70_000 } }),
    testMember('heat', 'Heat Partner Co.', ['PARTNER'], 'Busan', { HEAT_TREATMENT: { actual: 100, maximum: 140, price: 50_000 } }),
  ];
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
