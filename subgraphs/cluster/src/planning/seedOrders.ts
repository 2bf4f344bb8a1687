import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { addDays, mondayOf } from '@clustergraph/runtime';
import { PROCESS_TYPES } from '../solver/index.ts';
import type { JointOrderInputValue } from './orderInput.ts';

const operationSchema = z.object({
  process: z.enum(PROCESS_TYPES),
  hoursPerUnit: z.number(),
  setupHours: z.number().optional(),
  minLotSize: z.number().int().optional(),
  certification: z.string().optional(),
  transportDaysToNext: z.number().int().optional(),
});

const seedOrderSchema = z
  .object({
    code: z.string(),
    customer: z.string(),
    product: z.string(),
    quantity: z.number().int(),
    /** An absolute due date, or … */
    dueDate: z.string().optional(),
    /** … the Friday this many weeks after the current week (keeps a demo evergreen). */
    dueInWeeks: z.number().int().min(0).optional(),
    priority: z.number().int().optional(),
    routing: z.array(operationSchema),
    /** Plan it (as a PLANNED order) once the gateway answers. */
    plan: z.boolean().default(false),
  })
  .refine((o) => (o.dueDate === undefined) !== (o.dueInWeeks === undefined), 'give dueDate or dueInWeeks, not both');

/** Reads SEED_ORDERS_FILE: a JSON array of joint orders seeded on the first start. */
export function readSeedOrders(file: string, today: string): Array<{ input: JointOrderInputValue; plan: boolean }> {
  const parsed = z.array(seedOrderSchema).safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${file}: invalid seed orders\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return parsed.data.map(({ plan, dueInWeeks, dueDate, ...order }) => ({
    input: { ...order, dueDate: dueDate ?? addDays(mondayOf(today), 7 * (dueInWeeks ?? 0) + 4) },
    plan,
  }));
}
