/**
 * The joint-order MIP. Variables (per plannable order o, operation k, member s, week t):
 *
 * - x[o,k,s,t] ≥ 0 continuous: units of operation k produced at s in week t. Only created where
 *   s can run k and has hours; upper bound min(quantity, (free hours − setup) / hours per unit).
 * - lot[o,k,s,t] ∈ {0,1}, only where setupHours > 0 or minLotSize > 1: minLot·lot ≤ x ≤ ub·lot,
 *   setup hours charged on lot. (No binary where neither rule applies.)
 * - use[o,k,s] ∈ {0,1}, only when splitting is penalised or capped and > 1 candidate:
 *   Σ_t x ≤ quantity·use, lot ≤ use, Σ_s use ≥ 1, Σ_s use ≤ maxMembersPerOperation.
 * - Precedence k → k+1 as stock flows, lag L = ceil(transportDaysToNext/7) weeks:
 *   output of k either stays at its member (loc, usable by k+1 there from the same week on) or
 *   enters a shipping pool it leaves L weeks later to any member (imp). Stocks Q (per member)
 *   and P (pool) are non-negative. This is exact for "same member: same week allowed; different
 *   member: L weeks later".
 * - Transport flows F[o,k,r,r'] between regions carry every pooled unit: cost per unit·km.
 * - complete[o,t] ∈ {0,1} for weeks past the due date: order done by end of week t; lateness
 *   days = Σ_t (1 − complete_t)·Δ lateDays_t (exact at weekly granularity, monotone).
 * - dropped[o] ∈ {0,1}: order left unplanned, very expensive: keeps the model feasible and tells
 *   the explanation which order cannot be served.
 */
import { capacityIndex, PROCESS_COUNT, type Instance, type PreparedOrder } from './instance.ts';
import { LinearModelBuilder, type LinearModel, type Term } from './lp-builder.ts';

export interface QuantityColumn {
  column: number;
  order: number;
  operation: number;
  member: number;
  week: number;
  /** Lot binary column or -1. */
  lotColumn: number;
}

export interface FlowColumn {
  column: number;
  order: number;
  operation: number;
  fromRegion: number;
  toRegion: number;
}

export interface CapacityRow {
  row: number;
  member: number;
  process: number;
  week: number;
  hours: number;
}

export interface PlanModel {
  lp: LinearModel;
  /** Plannable order index of each column (for neighbourhoods). */
  columnOrder: Int32Array;
  quantities: QuantityColumn[];
  quantityAt: Map<string, QuantityColumn>;
  uses: { column: number; order: number; operation: number; member: number }[];
  completions: { column: number; order: number; week: number }[];
  shortfallColumn: number[];
  flows: FlowColumn[];
  capacityRows: CapacityRow[];
}

export const quantityKey = (order: number, operation: number, member: number, week: number): string => `${order}|${operation}|${member}|${week}`;

const INF = Infinity;

export interface ModelVariant {
  /**
   * 'bound': the LP relaxation with lot binaries projected out (lot = x / ub is optimal in the
   * relaxation, so setup cost and hours become per-unit terms): same LP optimum, far smaller LP.
   */
  relaxLots?: boolean;
  /** Whole units (the contract's quantities are integers); used by the primal sub-MIPs. */
  integerQuantities?: boolean;
  /**
   * Extra money per hour by capacity slot (Lagrange multipliers of the capacity rows): the
   * Lagrangian sub-problem of the orders in this model.
   */
  hourCost?: Float64Array;
}

export function buildPlanModel(instance: Instance, variant: ModelVariant = {}): PlanModel {
  const builder = new LinearModelBuilder();
  const { weights, weeks } = instance;
  const weekCount = weeks.length;
  const quantities: QuantityColumn[] = [];
  const quantityAt = new Map<string, QuantityColumn>();
  const uses: PlanModel['uses'] = [];
  const completions: PlanModel['completions'] = [];
  const shortfallColumn: number[] = [];
  const flows: FlowColumn[] = [];
  const capacityTerms = new Map<number, Term[]>();
  const pinned = new Map<string, number>();
  for (const pin of instance.fixed) {
    const key = quantityKey(pin.orderIndex, pin.operationIndex, pin.memberIndex, pin.weekIndex);
    pinned.set(key, (pinned.get(key) ?? 0) + pin.quantity);
  }

  for (const prepared of instance.orders) {
    const o = prepared.index;
    const quantity = prepared.order.quantity;
    const orderWeeks = horizonOf(prepared, weekCount);
    // dropped[o] = 1: the whole order is left unplanned (all-or-nothing, so a partly feasible
    // order is never half planned).
    const shortfall = builder.addColumn(shortfallPenaltyPerUnit(instance, prepared) * quantity, 0, 1, true, o);
    shortfallColumn.push(shortfall);

    for (const operation of prepared.operations) {
      const k = operation.operationIndex;
      const needsLot = operation.setupHours > 0 || operation.minLotSize > 1;
      const perMember = new Map<number, { x: number[]; lots: number[]; bounded: [number, number][] }>();
      for (const s of operation.candidates) {
        for (let t = 0; t < orderWeeks; t++) {
          const at = capacityIndex(instance, s, operation.processIndex, t);
          const free = instance.freeHours[at] ?? 0;
          const price = instance.pricePerHour[at] ?? 0;
          const pin = pinned.get(quantityKey(o, k, s, t));
          let upper = Math.min(quantity, (free - operation.setupHours) / operation.hoursPerUnit);
          if (variant.integerQuantities) upper = Math.floor(upper + 1e-7);
          if (pin !== undefined) upper = Math.max(upper, pin);
          else if (upper < operation.minLotSize - 1e-6) continue;
          const projectLot = needsLot && variant.relaxLots === true;
          const setupPerUnit = projectLot ? operation.setupHours / upper : 0;
          const extra = variant.hourCost?.[at] ?? 0;
          const x = builder.addColumn(
            (weights.cost * price + extra) * (operation.hoursPerUnit + setupPerUnit),
            pin ?? 0,
            upper,
            variant.integerQuantities === true,
            o,
          );
          const terms = capacityTerms.get(at) ?? [];
          capacityTerms.set(at, terms);
          terms.push([x, operation.hoursPerUnit + setupPerUnit]);
          let lot = -1;
          if (needsLot && !projectLot) {
            lot = builder.addColumn((weights.cost * price + extra) * operation.setupHours, pin !== undefined ? 1 : 0, 1, true, o);
            builder.addRow(-INF, 0, [
              [x, 1],
              [lot, -upper],
            ]);
            if (operation.minLotSize > 1)
              builder.addRow(0, INF, [
                [x, 1],
                [lot, -operation.minLotSize],
              ]);
            if (operation.setupHours > 0) terms.push([lot, operation.setupHours]);
          }
          const entry: QuantityColumn = { column: x, order: o, operation: k, member: s, week: t, lotColumn: lot };
          quantities.push(entry);
          quantityAt.set(quantityKey(o, k, s, t), entry);
          const bucket = perMember.get(s) ?? { x: [], lots: [], bounded: [] };
          perMember.set(s, bucket);
          bucket.x.push(x);
          if (lot >= 0) bucket.lots.push(lot);
          else bucket.bounded.push([x, upper]);
        }
      }
      const allX = [...perMember.values()].flatMap((bucket) => bucket.x);
      builder.addRow(quantity, quantity, [...allX.map((x): Term => [x, 1]), [shortfall, quantity]]);

      const splitMatters = weights.split > 0 || instance.maxMembersPerOperation !== null;
      if (splitMatters && perMember.size > 1) {
        const useColumns: number[] = [];
        for (const [s, bucket] of perMember) {
          const use = builder.addColumn(weights.split, 0, 1, true, o);
          useColumns.push(use);
          uses.push({ column: use, order: o, operation: k, member: s });
          builder.addRow(-INF, 0, [...bucket.x.map((x): Term => [x, 1]), [use, -quantity]]);
          for (const lot of bucket.lots)
            builder.addRow(-INF, 0, [
              [lot, 1],
              [use, -1],
            ]);
          // x ≤ ub·use per week: redundant for the MIP, but it lifts the LP's split penalty.
          if (variant.relaxLots)
            for (const [x, upper] of bucket.bounded)
              builder.addRow(-INF, 0, [
                [x, 1],
                [use, -upper],
              ]);
        }
        builder.offset -= weights.split;
        const cap = instance.maxMembersPerOperation ?? INF;
        builder.addRow(
          1,
          cap,
          useColumns.map((use): Term => [use, 1]),
        );
      }
    }

    for (let k = 0; k + 1 < prepared.operations.length; k++) addPrecedence(instance, builder, prepared, k, quantityAt, flows);
    addLateness(builder, prepared, quantityAt, instance, completions);
  }

  const capacityRows: CapacityRow[] = [];
  for (const [at, terms] of capacityTerms) {
    const hours = instance.freeHours[at] ?? 0;
    const row = builder.addRow(-INF, hours, terms);
    const week = at % weekCount;
    const rest = (at - week) / weekCount;
    const process = rest % PROCESS_COUNT;
    capacityRows.push({ row, member: (rest - process) / PROCESS_COUNT, process, week, hours });
  }

  return {
    lp: builder.build(),
    columnOrder: Int32Array.from(builder.columnGroup),
    quantities,
    quantityAt,
    uses,
    completions,
    shortfallColumn,
    flows,
    capacityRows,
  };
}

function addPrecedence(
  instance: Instance,
  builder: LinearModelBuilder,
  prepared: PreparedOrder,
  k: number,
  quantityAt: Map<string, QuantityColumn>,
  flows: FlowColumn[],
): void {
  const o = prepared.index;
  const quantity = prepared.order.quantity;
  const from = prepared.operations[k];
  const to = prepared.operations[k + 1];
  if (from === undefined || to === undefined) return;
  const weekCount = horizonOf(prepared, instance.weeks.length);
  const lag = from.lagWeeks;
  const xAt = (operation: number, s: number, t: number): number | undefined => quantityAt.get(quantityKey(o, operation, s, t))?.column;
  const both = new Set(from.candidates.filter((s) => to.candidates.includes(s)));
  const exportTerms = new Map<number, Term[]>(); // by region: Σ exported units
  const importTerms = new Map<number, Term[]>(); // by region: Σ imported units
  const push = (map: Map<number, Term[]>, region: number, term: Term): void => {
    const list = map.get(region) ?? [];
    map.set(region, list);
    list.push(term);
  };
  // exported(s, t) as terms (x − loc); imported(s, t) as terms (x of k+1 or imp).
  const exported: Term[][] = Array.from({ length: weekCount }, () => []);
  const imported: Term[][] = Array.from({ length: weekCount }, () => []);
  for (const s of from.candidates) {
    const region = instance.memberRegion[s] ?? 0;
    let previousStock = -1;
    for (let t = 0; t < weekCount; t++) {
      const x = xAt(k, s, t);
      const next = xAt(k + 1, s, t);
      if (!both.has(s)) {
        if (x !== undefined) {
          exported[t]?.push([x, 1]);
          push(exportTerms, region, [x, 1]);
        }
        continue;
      }
      const stockTerms: Term[] = [];
      if (x !== undefined) {
        const local = builder.addColumn(0, 0, quantity, false, o);
        builder.addRow(-INF, 0, [
          [local, 1],
          [x, -1],
        ]);
        exported[t]?.push([x, 1], [local, -1]);
        push(exportTerms, region, [x, 1]);
        push(exportTerms, region, [local, -1]);
        stockTerms.push([local, -1]);
      }
      const incoming = builder.addColumn(0, 0, quantity, false, o);
      imported[t]?.push([incoming, 1]);
      push(importTerms, region, [incoming, 1]);
      stockTerms.push([incoming, -1]);
      if (next !== undefined) stockTerms.push([next, 1]);
      const stock = builder.addColumn(0, 0, quantity, false, o);
      stockTerms.push([stock, 1]);
      if (previousStock >= 0) stockTerms.push([previousStock, -1]);
      builder.addRow(0, 0, stockTerms);
      previousStock = stock;
    }
  }
  for (const s of to.candidates) {
    if (both.has(s)) continue;
    const region = instance.memberRegion[s] ?? 0;
    for (let t = 0; t < weekCount; t++) {
      const next = xAt(k + 1, s, t);
      if (next === undefined) continue;
      imported[t]?.push([next, 1]);
      push(importTerms, region, [next, 1]);
    }
  }
  let previousPool = -1;
  for (let t = 0; t < weekCount; t++) {
    const pool = builder.addColumn(0, 0, quantity, false, o);
    const terms: Term[] = [[pool, 1], ...(imported[t] ?? [])];
    if (previousPool >= 0) terms.push([previousPool, -1]);
    if (t - lag >= 0) for (const [column, coefficient] of exported[t - lag] ?? []) terms.push([column, -coefficient]);
    builder.addRow(0, 0, terms);
    previousPool = pool;
  }
  const flowByPair = new Map<string, number>();
  for (const fromRegion of exportTerms.keys()) {
    for (const toRegion of importTerms.keys()) {
      const km = instance.transport.distanceKm(instance.regions[fromRegion] ?? '', instance.regions[toRegion] ?? '');
      const column = builder.addColumn(instance.weights.transport * km * instance.transport.costPerUnitKm, 0, quantity, false, o);
      flowByPair.set(`${fromRegion}|${toRegion}`, column);
      flows.push({ column, order: o, operation: k, fromRegion, toRegion });
    }
  }
  for (const [fromRegion, terms] of exportTerms) {
    const out = [...importTerms.keys()].map((toRegion): Term => [flowByPair.get(`${fromRegion}|${toRegion}`) ?? -1, -1]);
    builder.addRow(0, 0, [...terms, ...out]);
  }
  for (const [toRegion, terms] of importTerms) {
    const inflow = [...exportTerms.keys()].map((fromRegion): Term => [flowByPair.get(`${fromRegion}|${toRegion}`) ?? -1, -1]);
    builder.addRow(0, 0, [...terms, ...inflow]);
  }
}

function addLateness(
  builder: LinearModelBuilder,
  prepared: PreparedOrder,
  quantityAt: Map<string, QuantityColumn>,
  instance: Instance,
  completions: PlanModel['completions'],
): void {
  const last = prepared.operations[prepared.operations.length - 1];
  const lateDays = prepared.lateDaysByWeek.slice(0, horizonOf(prepared, prepared.lateDaysByWeek.length));
  const finalLate = lateDays[lateDays.length - 1] ?? 0;
  if (last === undefined || finalLate <= 0) return;
  const o = prepared.index;
  const quantity = prepared.order.quantity;
  const rate = prepared.lateRatePerDay;
  builder.offset += rate * finalLate;
  const cumulative: Term[] = [];
  const completeByWeek = new Map<number, number>();
  let previous = -1;
  for (let t = 0; t < lateDays.length; t++) {
    for (const s of last.candidates) {
      const x = quantityAt.get(quantityKey(o, last.operationIndex, s, t));
      if (x !== undefined) cumulative.push([x.column, 1]);
    }
    // complete_t = 1: done by the end of week t, which saves the late days week t+1 would add.
    // (Lateness of finishing in week f is days[f] = days[last] − Σ_{t ≥ f} (days[t+1] − days[t]).)
    const increment = (lateDays[t + 1] ?? 0) - (lateDays[t] ?? 0);
    if (t + 1 >= lateDays.length || increment <= 0) continue;
    const complete = builder.addColumn(-rate * increment, 0, 1, true, o);
    completions.push({ column: complete, order: o, week: t });
    builder.addRow(0, INF, [...cumulative, [complete, -quantity]]);
    if (previous >= 0)
      builder.addRow(-INF, 0, [
        [previous, 1],
        [complete, -1],
      ]);
    previous = complete;
    completeByWeek.set(t, complete);
  }
  // Tightening (valid, redundant for the MIP): an order complete by week t has no work of ANY
  // operation after t (each operation's whole quantity is consumed by the next one by then), so
  // x[k,s,t+1] ≤ ub·(1 − complete_t) for every quantity column. Without it the relaxation pays
  // lateness only for the fraction of units that are late (Σ x ≤ Q·(1 − complete)); with it a
  // late lot of a capacity-limited slot costs (nearly) the whole lateness.
  if (completeByWeek.size === 0) return;
  for (const operation of prepared.operations) {
    for (const s of operation.candidates) {
      for (let t = 1; t < lateDays.length; t++) {
        const complete = completeByWeek.get(t - 1);
        if (complete === undefined) continue;
        const x = quantityAt.get(quantityKey(o, operation.operationIndex, s, t));
        if (x === undefined) continue;
        const upper = builder.upperOf(x.column);
        if (!Number.isFinite(upper) || upper <= 0) continue;
        builder.addRow(-INF, upper, [
          [x.column, 1],
          [complete, upper],
        ]);
      }
    }
  }
  void instance;
}

function horizonOf(prepared: PreparedOrder, weekCount: number): number {
  return Math.min(weekCount, (prepared.lastWeek ?? weekCount - 1) + 1);
}

/** Cost of leaving one unit unplanned: several times anything a planned unit could cost. */
function shortfallPenaltyPerUnit(instance: Instance, prepared: PreparedOrder): number {
  let perUnit = 0;
  for (const operation of prepared.operations) {
    let maxPrice = 0;
    for (const s of operation.candidates) {
      for (let t = 0; t < instance.weeks.length; t++) {
        maxPrice = Math.max(maxPrice, instance.pricePerHour[capacityIndex(instance, s, operation.processIndex, t)] ?? 0);
      }
    }
    perUnit +=
      instance.weights.cost * maxPrice * (operation.hoursPerUnit + operation.setupHours) + instance.weights.transport * 500 * instance.transport.costPerUnitKm;
  }
  const horizonLateDays = (prepared.lateDaysByWeek[prepared.lateDaysByWeek.length - 1] ?? 0) + 7;
  const quantity = Math.max(1, prepared.order.quantity);
  return 4 * perUnit + (2 * prepared.lateRatePerDay * horizonLateDays + instance.weights.split * prepared.operations.length) / quantity + 1;
}
