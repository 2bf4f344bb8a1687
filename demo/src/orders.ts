/**
 * Joint orders the demo's cluster subgraph seeds on its first start (SEED_ORDERS_FILE):
 * realistic EV-parts orders of the Busan Noksan cluster. Due dates are relative
 * (`dueInWeeks`: the Friday that many weeks ahead) so the demo stays current; the first is
 * planned as soon as the gateway answers, so the demo starts with one PLANNED order and two
 * DRAFT ones. See docs/planning.md for the walk-through.
 */
export const DEMO_ORDERS = [
  {
    code: 'JO-MH220-01',
    customer: 'K-Mobility Motors',
    product: 'EV motor housing MH-220 (aluminium HPDC, T6)',
    quantity: 2400,
    dueInWeeks: 6,
    priority: 2,
    routing: [
      { process: 'CASTING', hoursPerUnit: 0.05, setupHours: 4, minLotSize: 200, transportDaysToNext: 1 },
      { process: 'HEAT_TREATMENT', hoursPerUnit: 0.02, setupHours: 2, certification: 'CQI-9', transportDaysToNext: 1 },
      { process: 'CNC_MACHINING', hoursPerUnit: 0.08, setupHours: 3, transportDaysToNext: 1 },
      { process: 'ASSEMBLY', hoursPerUnit: 0.03, setupHours: 2 },
      { process: 'INSPECTION', hoursPerUnit: 0.01 },
    ],
    plan: true,
  },
  {
    code: 'JO-BPF7-01',
    customer: 'K-Mobility Motors',
    product: 'Battery-pack frame BPF-7 (welded aluminium)',
    quantity: 800,
    dueInWeeks: 9,
    priority: 1,
    routing: [
      { process: 'CNC_MACHINING', hoursPerUnit: 0.15, setupHours: 4 },
      { process: 'WELDING', hoursPerUnit: 0.25, setupHours: 2, certification: 'IATF16949' },
      { process: 'SURFACE_TREATMENT', hoursPerUnit: 0.05, setupHours: 2, transportDaysToNext: 1 },
      { process: 'INSPECTION', hoursPerUnit: 0.02 },
    ],
  },
  {
    code: 'JO-CH3-01',
    customer: 'Daehan EV Charging',
    product: 'Charging-port housing CH-3 (PA66-GF30, painted)',
    quantity: 5000,
    dueInWeeks: 5,
    priority: 1,
    routing: [
      { process: 'INJECTION_MOLDING', hoursPerUnit: 0.02, setupHours: 3, minLotSize: 1000 },
      { process: 'PAINTING', hoursPerUnit: 0.008, setupHours: 1, transportDaysToNext: 1 },
      { process: 'ASSEMBLY', hoursPerUnit: 0.01, setupHours: 1 },
      { process: 'PACKAGING', hoursPerUnit: 0.004 },
    ],
  },
];
