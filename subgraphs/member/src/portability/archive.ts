import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { z } from 'zod';
import { MEMBER_TRANSFER_STATES } from '@clustergraph/schema/values';
import { PortabilityRefusedError } from '../errors.ts';
import { EXPORTED_TABLES } from './tables.ts';

// The archive: gzip of NDJSON. Line 1 is the manifest; every further line is one row,
// {"table":"lines","row":{…}}, the row as PostgreSQL's row_to_json wrote it (timestamps with
// their zone, arrays, enums as text), so the import gives the same values back to PostgreSQL.
// `contentSha256` covers every byte after the manifest line: a changed, cut or reordered row
// fails the import.

export const ARCHIVE_FORMAT = 'clustergraph-member-export';
export const ARCHIVE_FORMAT_VERSION = 1;

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

const manifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.number().int(),
  memberId: z.string().min(1),
  exportedAt: z.iso.datetime({ offset: true }),
  tables: z.array(z.object({ table: z.string(), rows: z.number().int().min(0) })),
  lastEventSeq: z.number().int().min(0),
  contentSha256: z.string().regex(/^[0-9a-f]{64}$/),
  transferState: z.enum(MEMBER_TRANSFER_STATES),
});

export type ExportManifest = z.infer<typeof manifestSchema>;

export interface ArchiveContent {
  manifest: ExportManifest;
  /** Rows per table, as JSON text, in archive order. */
  rows: Map<string, string[]>;
}

/** One content line: the row's JSON is spliced in as PostgreSQL wrote it. */
export function contentLine(table: string, rowJson: string): string {
  return `{"table":${JSON.stringify(table)},"row":${rowJson}}\n`;
}

/** The manifest over the content lines, and the gzip archive of both. */
export async function packArchive(content: string, manifest: Omit<ExportManifest, 'contentSha256' | 'format' | 'formatVersion'>) {
  const full: ExportManifest = {
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_FORMAT_VERSION,
    ...manifest,
    contentSha256: createHash('sha256').update(content).digest('hex'),
  };
  const bytes = await gzipAsync(Buffer.from(`${JSON.stringify(full)}\n${content}`), { level: 6 });
  return { manifest: full, bytes };
}

const damaged = (message: string) => new PortabilityRefusedError('DAMAGED', `damaged archive: ${message}`);

/**
 * Reads and checks an archive: gzip, manifest, checksum, rows per table against the manifest,
 * and the last event seq. Throws PortabilityRefusedError; never returns a partly checked archive.
 */
export async function unpackArchive(bytes: Buffer, options: { maxUnpackedBytes: number }): Promise<ArchiveContent> {
  let text: string;
  try {
    text = (await gunzipAsync(bytes, { maxOutputLength: options.maxUnpackedBytes })).toString('utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new PortabilityRefusedError('TOO_LARGE', `the archive unpacks to more than ${options.maxUnpackedBytes} bytes (IMPORT_MAX_BYTES)`);
    throw damaged(`not a gzip file (${(error as Error).message})`);
  }
  const newline = text.indexOf('\n');
  if (newline < 0) throw damaged('no manifest line');
  let manifestJson: unknown;
  try {
    manifestJson = JSON.parse(text.slice(0, newline));
  } catch {
    throw damaged('the manifest line is not JSON');
  }
  const version = (manifestJson as { formatVersion?: unknown } | null)?.formatVersion;
  if ((manifestJson as { format?: unknown } | null)?.format === ARCHIVE_FORMAT && typeof version === 'number' && version !== ARCHIVE_FORMAT_VERSION) {
    throw new PortabilityRefusedError('UNSUPPORTED_VERSION', `archive format version ${version}; this server reads version ${ARCHIVE_FORMAT_VERSION}`);
  }
  const parsed = manifestSchema.safeParse(manifestJson);
  if (!parsed.success) throw damaged(`bad manifest (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`);
  const manifest = parsed.data;
  const content = text.slice(newline + 1);
  const sha = createHash('sha256').update(content).digest('hex');
  if (sha !== manifest.contentSha256) throw damaged(`content sha256 ${sha} is not the manifest's ${manifest.contentSha256}`);

  const known = new Set(EXPORTED_TABLES.map((t) => t.name));
  const rows = new Map<string, string[]>(EXPORTED_TABLES.map((t) => [t.name, []]));
  let maxSeq = 0;
  let lineNumber = 1;
  for (const line of content.split('\n')) {
    lineNumber++;
    if (line === '') continue;
    let entry: { table?: unknown; row?: unknown };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      throw damaged(`line ${lineNumber} is not JSON`);
    }
    if (typeof entry.table !== 'string' || !known.has(entry.table) || typeof entry.row !== 'object' || entry.row === null) {
      throw damaged(`line ${lineNumber} is not a row of a known table`);
    }
    if (entry.table === 'line_events') maxSeq = Math.max(maxSeq, Number((entry.row as { seq?: unknown }).seq) || 0);
    rows.get(entry.table)!.push(JSON.stringify(entry.row));
  }
  for (const { table, rows: count } of manifest.tables) {
    if (!known.has(table)) throw damaged(`the manifest names an unknown table ${table}`);
    const found = rows.get(table)!.length;
    if (found !== count) throw damaged(`${table}: ${found} rows, the manifest says ${count}`);
  }
  for (const [table, list] of rows) {
    if (list.length > 0 && !manifest.tables.some((t) => t.table === table)) throw damaged(`${table} has rows the manifest does not count`);
  }
  if (maxSeq > manifest.lastEventSeq) throw damaged(`an event has seq ${maxSeq}, after the manifest's last seq ${manifest.lastEventSeq}`);
  return { manifest, rows };
}
