import { z } from 'zod';
import { DATA_CATEGORIES, GRANULARITIES, POLICY_PURPOSES, PROCESS_TYPES } from '../db/schema.ts';
import { ID_PATTERN } from '../validation/common.ts';
import { analyticsSeedSchema } from './analytics.ts';

const processType = z.enum(PROCESS_TYPES);
const nonNegative = z.number().finite().min(0);

const lineSchema = z.object({
  id: z.string().regex(ID_PATTERN),
  name: z.string().trim().min(1),
  processes: z.array(processType).min(1),
  ratedUnitsPerHour: z.number().positive().optional(),
});

const capabilitySchema = z.object({
  process: processType,
  materials: z.array(z.string()),
  maxPartSizeMm: z.number().positive().optional(),
  certifications: z.array(z.string()).optional(),
  notes: z.string().optional(),
});

const weeklyCapacitySchema = z
  .object({ actual: nonNegative, maximum: nonNegative, price: nonNegative.optional() })
  .refine((c) => c.actual <= c.maximum, 'actual must not exceed maximum');

/** A grant the demo firm makes at first start (on top of the cluster's default policies). */
const policySchema = z.object({
  category: z.enum(DATA_CATEGORIES),
  /** A member id or a role: LEADER, PARTNER, ANCHOR, ANY_MEMBER. */
  grantee: z.string().regex(/^([a-z0-9][a-z0-9-]*|LEADER|PARTNER|ANCHOR|ANY_MEMBER)$/),
  purpose: z.enum(POLICY_PURPOSES),
  granularity: z.enum(GRANULARITIES).default('RAW'),
});

/** The profile a demo member seeds itself from (the launcher's format). */
const demoProfileSchema = z.object({
  name: z.string().trim().min(1),
  smartFactoryLevel: z.number().int().min(1).max(5).optional(),
  lines: z.array(lineSchema),
  capabilities: z.array(capabilitySchema).default([]),
  /** Weekly actual and maximum hours and price per hour, per process. */
  capacity: z.partialRecord(processType, weeklyCapacitySchema),
  /** Weeks of per-shift production history before today (default 6). */
  productionHistoryWeeks: z.number().int().min(0).max(52).default(6),
  /** Sharing policies granted at first start, besides the defaults every firm gets. */
  policies: z.array(policySchema).default([]),
  /** Self-assessment answers and planted anomalies for the AI-transition analytics (issue 6). */
  analytics: analyticsSeedSchema.optional(),
});

/** The same, written as separate per-process maps; normalised to the shape above. */
const flatProfileSchema = z
  .object({
    name: z.string().trim().min(1),
    smartFactoryLevel: z.number().int().min(1).max(5).optional(),
    processes: z.array(processType).optional(),
    lines: z.array(lineSchema),
    capabilities: z.array(capabilitySchema).default([]),
    weeklyHoursPerProcess: z.partialRecord(processType, nonNegative),
    maximumHoursPerProcess: z.partialRecord(processType, nonNegative).default({}),
    pricePerHour: z.partialRecord(processType, nonNegative).default({}),
    productionHistoryWeeks: z.number().int().min(0).max(52).default(6),
    policies: z.array(policySchema).default([]),
    analytics: analyticsSeedSchema.optional(),
  })
  .transform(({ weeklyHoursPerProcess, maximumHoursPerProcess, pricePerHour, processes: _processes, ...rest }) => ({
    ...rest,
    capacity: Object.fromEntries(
      Object.entries(weeklyHoursPerProcess).map(([process, actual]) => {
        const key = process as keyof typeof maximumHoursPerProcess;
        const price = pricePerHour[key];
        return [process, { actual: actual!, maximum: maximumHoursPerProcess[key] ?? actual!, ...(price === undefined ? {} : { price }) }];
      }),
    ),
  }));

export type DemoMemberProfile = z.output<typeof demoProfileSchema>;
/** What a profile file may contain (defaults not yet applied). */
export type DemoMemberProfileInput = z.input<typeof demoProfileSchema>;

/** Validates a profile (either shape); throws with every problem listed. */
export function parseDemoMemberProfile(json: unknown): DemoMemberProfile {
  const isFlat = typeof json === 'object' && json !== null && 'weeklyHoursPerProcess' in json;
  const normalised = isFlat ? successOrThrow(flatProfileSchema.safeParse(json)) : json;
  return successOrThrow(demoProfileSchema.safeParse(normalised));
}

function successOrThrow<T>(parsed: z.ZodSafeParseResult<T>): T {
  if (!parsed.success) {
    throw new Error(`invalid demo member profile:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}
