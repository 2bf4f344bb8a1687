import type { MemberSpec } from '@clustergraph/launcher';
import type { DataCategory, Granularity, PolicyPurpose } from '@clustergraph/schema/values';

/**
 * The demo cluster: an EV-parts cluster in the Busan–Gyeongnam industrial belt.
 * One leader that assembles motor housings and battery-pack frames, four partners
 * by process, and one large anchor firm that buys from the cluster and supports its
 * suppliers' AI transition. Names are fictional.
 */
export const DEMO_CLUSTER = {
  id: 'busan-ev-parts',
  name: 'Busan Noksan EV Parts Digital Cluster',
  region: 'Busan',
  industry: 'EV powertrain and battery-pack parts',
  leaderId: 'hanbit-ev',
};

interface DemoLine {
  id: string;
  name: string;
  processes: string[];
  ratedUnitsPerHour: number;
}

/** A sharing policy the firm grants at first start, on top of the cluster's defaults (issue 3). */
export interface DemoPolicy {
  category: DataCategory;
  /** A member id or a role: LEADER, PARTNER, ANCHOR, ANY_MEMBER. */
  grantee: string;
  purpose: PolicyPurpose;
  granularity?: Granularity;
}

/**
 * What a partner shares in the demo: live line status and weekly production totals with the
 * leader for monitoring and joint planning, and AI-transition insights with its anchor.
 * (Every firm also has the defaults: profile and capability to members, capacity to the
 * leader for joint planning.)
 */
export function partnerSharing(anchorId: string): DemoPolicy[] {
  return [
    ...(['MONITORING', 'JOINT_PLANNING'] as const).flatMap((purpose): DemoPolicy[] => [
      { category: 'LINE_STATUS', grantee: 'LEADER', purpose },
      { category: 'PRODUCTION', grantee: 'LEADER', purpose, granularity: 'AGGREGATED' },
    ]),
    { category: 'AI_INSIGHTS', grantee: anchorId, purpose: 'AI_TRANSITION' },
  ];
}

const ANCHOR_ID = 'kmobility';

interface DemoFirm {
  id: string;
  /** Romanised, as contracts and other systems write it. */
  name: string;
  /** The firm's own (Korean) name, shown in the Korean console and CLI. */
  localName: string;
  roles: MemberSpec['roles'];
  region: string;
  level: number;
  lines: DemoLine[];
  capabilities: Array<{ process: string; materials: string[]; maxPartSizeMm?: number; certifications?: string[]; notes?: string }>;
  /** Weekly actual and maximum hours, and price per hour (KRW), per process. */
  capacity: Record<string, { actual: number; maximum: number; price: number }>;
  /** Grants beyond the defaults; a firm without any keeps only the defaults (withheld data shows as withheld). */
  policies?: DemoPolicy[];
}

export const DEMO_FIRMS: DemoFirm[] = [
  {
    id: 'hanbit-ev',
    name: 'Hanbit EV Systems',
    localName: '한빛EV시스템',
    roles: ['LEADER', 'PARTNER'],
    region: 'Busan',
    level: 3,
    lines: [
      { id: 'asm-1', name: 'Motor housing assembly 1', processes: ['ASSEMBLY'], ratedUnitsPerHour: 40 },
      { id: 'asm-2', name: 'Battery frame assembly 2', processes: ['ASSEMBLY', 'WELDING'], ratedUnitsPerHour: 25 },
      { id: 'qc-1', name: 'End-of-line inspection', processes: ['INSPECTION', 'PACKAGING'], ratedUnitsPerHour: 60 },
    ],
    capabilities: [
      { process: 'ASSEMBLY', materials: ['aluminium', 'steel'], maxPartSizeMm: 1800, certifications: ['IATF16949', 'ISO14001'] },
      { process: 'WELDING', materials: ['aluminium', 'steel'], maxPartSizeMm: 1800, certifications: ['IATF16949'] },
      { process: 'INSPECTION', materials: ['aluminium', 'steel', 'plastic'], certifications: ['IATF16949'] },
      { process: 'PACKAGING', materials: [], certifications: [] },
    ],
    capacity: {
      ASSEMBLY: { actual: 160, maximum: 200, price: 62_000 },
      WELDING: { actual: 80, maximum: 100, price: 68_000 },
      INSPECTION: { actual: 80, maximum: 120, price: 48_000 },
      PACKAGING: { actual: 40, maximum: 60, price: 35_000 },
    },
  },
  {
    id: 'daesung-casting',
    policies: partnerSharing(ANCHOR_ID),
    name: 'Daesung Precision Casting',
    localName: '대성정밀주조',
    roles: ['PARTNER'],
    region: 'Gimhae',
    level: 2,
    lines: [
      { id: 'dc-800t', name: 'Die casting cell 800 t', processes: ['CASTING'], ratedUnitsPerHour: 30 },
      { id: 'dc-1250t', name: 'Die casting cell 1250 t', processes: ['CASTING'], ratedUnitsPerHour: 22 },
    ],
    capabilities: [
      {
        process: 'CASTING',
        materials: ['aluminium ADC12', 'aluminium A356'],
        maxPartSizeMm: 900,
        certifications: ['IATF16949'],
        notes: 'high-pressure die casting, vacuum assist',
      },
    ],
    capacity: { CASTING: { actual: 240, maximum: 300, price: 75_000 } },
  },
  {
    id: 'sejin-heat',
    policies: partnerSharing(ANCHOR_ID),
    name: 'Sejin Heat Treatment',
    localName: '세진열처리',
    roles: ['PARTNER'],
    region: 'Busan',
    level: 2,
    lines: [
      { id: 'furnace-a', name: 'T6 solution furnace A', processes: ['HEAT_TREATMENT'], ratedUnitsPerHour: 80 },
      { id: 'furnace-b', name: 'Ageing furnace B', processes: ['HEAT_TREATMENT'], ratedUnitsPerHour: 60 },
    ],
    capabilities: [
      { process: 'HEAT_TREATMENT', materials: ['aluminium', 'steel'], maxPartSizeMm: 1200, certifications: ['CQI-9'], notes: 'T5/T6, carburising' },
    ],
    capacity: { HEAT_TREATMENT: { actual: 120, maximum: 168, price: 52_000 } },
  },
  {
    id: 'mirae-cnc',
    policies: partnerSharing(ANCHOR_ID),
    name: 'Mirae CNC Machining',
    localName: '미래CNC가공',
    roles: ['PARTNER'],
    region: 'Changwon',
    level: 3,
    lines: [
      { id: 'mc-5ax-1', name: '5-axis machining centre 1', processes: ['CNC_MACHINING'], ratedUnitsPerHour: 12 },
      { id: 'mc-5ax-2', name: '5-axis machining centre 2', processes: ['CNC_MACHINING'], ratedUnitsPerHour: 12 },
      { id: 'hmc-line', name: 'Horizontal machining line', processes: ['CNC_MACHINING', 'INSPECTION'], ratedUnitsPerHour: 20 },
    ],
    capabilities: [
      { process: 'CNC_MACHINING', materials: ['aluminium', 'steel', 'cast iron'], maxPartSizeMm: 1000, certifications: ['IATF16949', 'ISO9001'] },
      { process: 'INSPECTION', materials: ['aluminium', 'steel'], certifications: ['ISO9001'], notes: 'CMM' },
    ],
    capacity: {
      CNC_MACHINING: { actual: 300, maximum: 360, price: 58_000 },
      INSPECTION: { actual: 40, maximum: 60, price: 45_000 },
    },
  },
  {
    id: 'dongbang-mold',
    // Keeps only the defaults: its line status and production show as withheld to the leader.
    name: 'Dongbang Molding & Coating',
    localName: '동방몰딩코팅',
    roles: ['PARTNER'],
    region: 'Yangsan',
    level: 1,
    lines: [
      { id: 'im-450', name: 'Injection molding 450 t', processes: ['INJECTION_MOLDING'], ratedUnitsPerHour: 90 },
      { id: 'coat-1', name: 'E-coating line', processes: ['SURFACE_TREATMENT', 'PAINTING'], ratedUnitsPerHour: 120 },
    ],
    capabilities: [
      { process: 'INJECTION_MOLDING', materials: ['PA66-GF30', 'PBT'], maxPartSizeMm: 600, certifications: ['ISO9001'] },
      { process: 'SURFACE_TREATMENT', materials: ['aluminium', 'steel'], maxPartSizeMm: 1500, certifications: ['ISO9001'], notes: 'e-coating, anodising' },
      { process: 'PAINTING', materials: ['aluminium', 'steel'], maxPartSizeMm: 1500, certifications: [] },
    ],
    capacity: {
      INJECTION_MOLDING: { actual: 160, maximum: 200, price: 41_000 },
      SURFACE_TREATMENT: { actual: 120, maximum: 160, price: 39_000 },
      PAINTING: { actual: 40, maximum: 80, price: 43_000 },
    },
  },
  {
    id: 'kmobility',
    name: 'K-Mobility Motors',
    localName: '케이모빌리티모터스',
    roles: ['ANCHOR'],
    region: 'Ulsan',
    level: 4,
    lines: [
      { id: 'ev-final-1', name: 'EV final assembly line 1', processes: ['ASSEMBLY'], ratedUnitsPerHour: 55 },
      { id: 'ev-qc', name: 'Vision inspection cell', processes: ['INSPECTION'], ratedUnitsPerHour: 120 },
    ],
    capabilities: [
      { process: 'ASSEMBLY', materials: ['aluminium', 'steel'], maxPartSizeMm: 5000, certifications: ['IATF16949', 'ISO45001'] },
      { process: 'INSPECTION', materials: ['aluminium', 'steel', 'plastic'], certifications: ['IATF16949'], notes: 'AI vision inspection' },
    ],
    capacity: {
      ASSEMBLY: { actual: 120, maximum: 160, price: 95_000 },
      INSPECTION: { actual: 80, maximum: 100, price: 70_000 },
    },
  },
];
