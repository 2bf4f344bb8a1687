import { Inflate } from 'fflate';
import { SpreadsheetError, SpreadsheetErrorCode } from './errors.ts';
import type { SheetLimits } from './limits.ts';

/**
 * An XLSX is a zip archive. Before any spreadsheet library inflates it, this reads the archive's
 * central directory (entry names, declared sizes), refuses what no honest workbook looks like
 * (too many entries, too much declared data, a deflate ratio only a bomb reaches, encryption,
 * zip64), then inflates every entry itself in small steps, counting what comes out, and stops
 * as soon as an entry yields more than it declared. Only an archive whose entries all inflate
 * to their declared sizes reaches ExcelJS.
 */

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const ZIP64_MARK = 0xffffffff;
const STORED = 0;
const DEFLATED = 8;
/** Compressed bytes handed to the inflater per step: the most one step can overshoot is ~1032× this. */
const INFLATE_STEP = 16 * 1024;

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** The archive's entries, with the inflated bytes of those `keep` asks for. */
export interface CheckedArchive {
  entries: ZipEntry[];
  kept: Map<string, Uint8Array>;
}

const suspicious = (message: string, params: Record<string, string | number> = {}) =>
  new SpreadsheetError(SpreadsheetErrorCode.SUSPICIOUS_ARCHIVE, `refused as a possible zip bomb: ${message}`, params);
const damaged = (message: string) => new SpreadsheetError(SpreadsheetErrorCode.UNREADABLE, `the workbook is damaged: ${message}`);

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function findEndOfCentralDirectory(bytes: Uint8Array): number {
  const data = view(bytes);
  const lowest = Math.max(0, bytes.length - EOCD_SIZE - MAX_COMMENT);
  for (let at = bytes.length - EOCD_SIZE; at >= lowest; at--) if (data.getUint32(at, true) === EOCD_SIGNATURE) return at;
  throw damaged('no zip directory at its end (a truncated download?)');
}

/** The central directory: names and declared sizes, read without inflating anything. */
export function readZipDirectory(bytes: Uint8Array, limits: SheetLimits): ZipEntry[] {
  const data = view(bytes);
  const eocd = findEndOfCentralDirectory(bytes);
  const count = data.getUint16(eocd + 10, true);
  const directorySize = data.getUint32(eocd + 12, true);
  const directoryOffset = data.getUint32(eocd + 16, true);
  if (count === 0xffff || directoryOffset === ZIP64_MARK) throw suspicious('a zip64 archive (no workbook this small needs one)');
  if (count > limits.maxEntries) throw suspicious(`${count} entries (at most ${limits.maxEntries})`, { entries: count, limit: limits.maxEntries });
  if (directoryOffset + directorySize > eocd) throw damaged('its directory points past its end');

  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  let declaredTotal = 0;
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || data.getUint32(at, true) !== CENTRAL_SIGNATURE) throw damaged('a broken directory entry');
    const flags = data.getUint16(at + 8, true);
    const method = data.getUint16(at + 10, true);
    const compressedSize = data.getUint32(at + 20, true);
    const uncompressedSize = data.getUint32(at + 24, true);
    const nameLength = data.getUint16(at + 28, true);
    const extraLength = data.getUint16(at + 30, true);
    const commentLength = data.getUint16(at + 32, true);
    const localHeaderOffset = data.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;

    if (flags & 1) throw new SpreadsheetError(SpreadsheetErrorCode.UNREADABLE, 'the workbook is password-protected: save it without a password');
    if (compressedSize === ZIP64_MARK || uncompressedSize === ZIP64_MARK || localHeaderOffset === ZIP64_MARK) throw suspicious(`${name} uses zip64 sizes`);
    if (method !== STORED && method !== DEFLATED) throw damaged(`${name} is compressed with method ${method}`);
    declaredTotal += uncompressedSize;
    if (declaredTotal > limits.maxUncompressedBytes)
      throw suspicious(`its entries declare more than ${limits.maxUncompressedBytes} bytes uncompressed`, { limit: limits.maxUncompressedBytes });
    const ratio = uncompressedSize / Math.max(1, compressedSize);
    if (uncompressedSize > limits.ratioCheckedAboveBytes && ratio > limits.maxCompressionRatio)
      throw suspicious(`${name} would inflate ${Math.round(ratio)}× (at most ${limits.maxCompressionRatio}×)`, {
        entry: name,
        ratio: Math.round(ratio),
        limit: limits.maxCompressionRatio,
      });
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
  }
  return entries;
}

function compressedData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const data = view(bytes);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || data.getUint32(at, true) !== LOCAL_SIGNATURE) throw damaged(`${entry.name} has no local header`);
  const start = at + 30 + data.getUint16(at + 26, true) + data.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.length) throw damaged(`${entry.name} runs past the end of the file`);
  return bytes.subarray(start, start + entry.compressedSize);
}

/** Inflates one entry, refusing it the moment it yields more than it declared. */
function inflateBounded(compressed: Uint8Array, entry: ZipEntry, keep: boolean): Uint8Array | null {
  if (entry.method === STORED) {
    if (entry.compressedSize !== entry.uncompressedSize) throw damaged(`${entry.name} is stored with two sizes`);
    return keep ? compressed : null;
  }
  const chunks: Uint8Array[] = [];
  let produced = 0;
  const inflater = new Inflate();
  inflater.ondata = (chunk) => {
    produced += chunk.length;
    if (produced > entry.uncompressedSize)
      throw suspicious(`${entry.name} inflates beyond the ${entry.uncompressedSize} bytes it declares`, {
        entry: entry.name,
        declared: entry.uncompressedSize,
      });
    if (keep) chunks.push(chunk);
  };
  try {
    for (let offset = 0; offset < compressed.length; offset += INFLATE_STEP) {
      const end = Math.min(compressed.length, offset + INFLATE_STEP);
      inflater.push(compressed.subarray(offset, end), end === compressed.length);
    }
    if (compressed.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof SpreadsheetError) throw error;
    throw damaged(`${entry.name} does not inflate (${(error as Error).message})`);
  }
  if (produced !== entry.uncompressedSize) throw damaged(`${entry.name} inflates to ${produced} bytes, not the ${entry.uncompressedSize} it declares`);
  if (!keep) return null;
  const out = new Uint8Array(produced);
  let position = 0;
  for (const chunk of chunks) {
    out.set(chunk, position);
    position += chunk.length;
  }
  return out;
}

/** Checks the whole archive as described above; `keep` names the entries whose inflated bytes are returned. */
export function checkArchive(bytes: Uint8Array, limits: SheetLimits, keep: (name: string) => boolean): CheckedArchive {
  const entries = readZipDirectory(bytes, limits);
  const kept = new Map<string, Uint8Array>();
  for (const entry of entries) {
    const wanted = keep(entry.name);
    const inflated = inflateBounded(compressedData(bytes, entry), entry, wanted);
    if (wanted && inflated) kept.set(entry.name, inflated);
  }
  return { entries, kept };
}
