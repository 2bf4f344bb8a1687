/**
 * Accumulates a sparse MIP column by column and row by row and emits the plain arrays HiGHS'
 * structured API takes (CSR matrix). Structured arrays avoid writing and parsing LP text.
 */

/** Structured-cloneable model data, passed to the HiGHS worker as is. */
export interface LinearModel {
  numCols: number;
  numRows: number;
  offset: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  integrality: Int32Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  matrix: { format: 'csr'; numRows: number; numCols: number; starts: Int32Array; indices: Int32Array; values: Float64Array };
}

export type Term = readonly [column: number, coefficient: number];

export class LinearModelBuilder {
  private readonly cost: number[] = [];
  private readonly lower: number[] = [];
  private readonly upper: number[] = [];
  private readonly integer: number[] = [];
  /** Group (plannable order index) each column belongs to; -1 for none. */
  readonly columnGroup: number[] = [];
  private readonly rowLo: number[] = [];
  private readonly rowHi: number[] = [];
  private readonly starts: number[] = [0];
  private readonly indices: number[] = [];
  private readonly values: number[] = [];
  offset = 0;

  get columnCount(): number {
    return this.cost.length;
  }

  get rowCount(): number {
    return this.rowLo.length;
  }

  addColumn(cost: number, lower: number, upper: number, integer: boolean, group: number): number {
    this.cost.push(cost);
    this.lower.push(lower);
    this.upper.push(upper);
    this.integer.push(integer ? 1 : 0);
    this.columnGroup.push(group);
    return this.cost.length - 1;
  }

  upperOf(column: number): number {
    return this.upper[column] ?? Infinity;
  }

  setBounds(column: number, lower: number, upper: number): void {
    this.lower[column] = lower;
    this.upper[column] = upper;
  }

  /** Adds lower ≤ Σ coefficient·column ≤ upper; merges repeated columns; returns the row index. */
  addRow(lower: number, upper: number, terms: Iterable<Term>): number {
    const merged = new Map<number, number>();
    for (const [column, coefficient] of terms) merged.set(column, (merged.get(column) ?? 0) + coefficient);
    for (const [column, coefficient] of merged) {
      if (coefficient === 0) continue;
      this.indices.push(column);
      this.values.push(coefficient);
    }
    this.starts.push(this.indices.length);
    this.rowLo.push(lower);
    this.rowHi.push(upper);
    return this.rowLo.length - 1;
  }

  build(): LinearModel {
    const numCols = this.cost.length;
    const numRows = this.rowLo.length;
    return {
      numCols,
      numRows,
      offset: this.offset,
      colCost: Float64Array.from(this.cost),
      colLower: Float64Array.from(this.lower),
      colUpper: Float64Array.from(this.upper),
      integrality: Int32Array.from(this.integer),
      rowLower: Float64Array.from(this.rowLo),
      rowUpper: Float64Array.from(this.rowHi),
      matrix: {
        format: 'csr',
        numRows,
        numCols,
        starts: Int32Array.from(this.starts),
        indices: Int32Array.from(this.indices),
        values: Float64Array.from(this.values),
      },
    };
  }
}

/** Objective value of a column vector (including the constant offset). */
export function objectiveOf(model: LinearModel, colValue: ArrayLike<number>): number {
  let total = model.offset;
  for (let column = 0; column < model.numCols; column++) total += (model.colCost[column] ?? 0) * (colValue[column] ?? 0);
  return total;
}
