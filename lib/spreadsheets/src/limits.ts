/**
 * What a spreadsheet may cost before it is refused. A capacity calendar of 12 processes × 104
 * weeks is a few hundred kilobytes; these bounds are far above any honest file and far below
 * what would stall a browser tab or the CLI.
 */
export interface SheetLimits {
  /** Data rows (the header aside); the member's own limit is WRITE_MAX_ROWS (default 500). */
  maxRows: number;
  /** Size of the file as uploaded. */
  maxFileBytes: number;
  /** Sum of the declared (and, while inflating, the real) uncompressed sizes of an XLSX's entries. */
  maxUncompressedBytes: number;
  /** Entries in the XLSX archive. */
  maxEntries: number;
  /** Uncompressed ÷ compressed size of one entry, checked on entries above `ratioCheckedAboveBytes`. */
  maxCompressionRatio: number;
  ratioCheckedAboveBytes: number;
}

export const DEFAULT_SHEET_LIMITS: SheetLimits = {
  maxRows: 500,
  maxFileBytes: 10 * 1024 * 1024,
  maxUncompressedBytes: 64 * 1024 * 1024,
  maxEntries: 1000,
  // XML of a sheet compresses 5–30×; a deflate bomb reaches ~1000×.
  maxCompressionRatio: 100,
  ratioCheckedAboveBytes: 1024 * 1024,
};

export function sheetLimits(overrides: Partial<SheetLimits> = {}): SheetLimits {
  return { ...DEFAULT_SHEET_LIMITS, ...overrides };
}
