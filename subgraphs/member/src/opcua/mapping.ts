import { readFileSync } from 'node:fs';
import { LINE_STATES, type LineStateName } from '../db/schema.ts';
import { STATE_VALUE_PRESETS, type MappedState } from './stateValues.ts';

/** A mapping that cannot work; the message names the entry (`lines[1] ("dc-1250t").state.nodeId: …`). */
export class OpcuaMappingError extends Error {
  constructor(readonly problems: string[]) {
    super(`OPC UA mapping refused:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'OpcuaMappingError';
  }
}

export type CounterKind = 'goodCount' | 'scrapCount';

/** One node the member monitors, and what it means. */
export interface MappedNode {
  lineId: string;
  kind: 'state' | CounterKind;
  /** As written in the mapping (`ns=2;s=Press1.State`), and what event ids are made from. */
  nodeId: string;
  /** Where it stands in the file, for messages: `lines[0] ("press-1").state.nodeId`. */
  entry: string;
}

export interface LineMapping {
  lineId: string;
  entry: string;
  state: MappedNode;
  /** Raw value key (see stateValueKey) → state; values not listed take `otherwise`, or are refused when it is null. */
  values: Record<string, MappedState>;
  otherwise: MappedState | null;
  goodCount: MappedNode | null;
  scrapCount: MappedNode | null;
}

export interface OpcuaMapping {
  lines: LineMapping[];
  /** Every monitored node, in a fixed order (the lines' state nodes, then counters). */
  nodes: MappedNode[];
}

const REASON_CODE_MAX = 64;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLineState = (v: unknown): v is LineStateName => typeof v === 'string' && (LINE_STATES as readonly string[]).includes(v);

/** Parses an OPC UA node id (throws on a bad one) and returns its canonical text, which tells two spellings of one node apart from two nodes. */
export type NodeIdParser = (text: string) => string;

/**
 * node-opcua's own node id parser. Loaded on demand: node-opcua is a large library (seconds
 * of start-up on a busy machine), and only a member fed over OPC UA needs it.
 */
export async function opcuaNodeIdParser(): Promise<NodeIdParser> {
  const { resolveNodeId } = await import('node-opcua-client');
  return (text) => resolveNodeId(text).toString();
}

/** Reads and checks a mapping file; throws OpcuaMappingError naming every bad entry. */
export async function loadOpcuaMapping(file: string): Promise<OpcuaMapping> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new OpcuaMappingError([`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new OpcuaMappingError([`${file}: not JSON (${(error as Error).message})`]);
  }
  return parseOpcuaMapping(json, await opcuaNodeIdParser());
}

/** Checks a parsed mapping: shape, node ids that parse, line states that exist, no line or node twice. */
export function parseOpcuaMapping(json: unknown, parseNodeId: NodeIdParser): OpcuaMapping {
  const problems: string[] = [];
  if (!isObject(json) || !Array.isArray(json['lines']) || json['lines'].length === 0) {
    throw new OpcuaMappingError(['the mapping must be an object with a non-empty "lines" array']);
  }
  const lines: LineMapping[] = [];
  const seenLines = new Map<string, string>();
  const seenNodes = new Map<string, string>();
  (json['lines'] as unknown[]).forEach((raw, i) => {
    const lineId = isObject(raw) && typeof raw['lineId'] === 'string' ? raw['lineId'] : null;
    const entry = lineId ? `lines[${i}] ("${lineId}")` : `lines[${i}]`;
    const before = problems.length;
    if (!isObject(raw)) {
      problems.push(`${entry}: must be an object`);
      return;
    }
    if (!lineId) problems.push(`${entry}.lineId: must name a line of this member`);
    else if (seenLines.has(lineId)) problems.push(`${entry}.lineId: line "${lineId}" is mapped already by ${seenLines.get(lineId)}`);
    else seenLines.set(lineId, entry);

    const node = (key: 'state' | CounterKind, required: boolean): MappedNode | null => {
      const value = raw[key];
      if (value === undefined || value === null) {
        if (required) problems.push(`${entry}.${key}: missing (an object with a nodeId)`);
        return null;
      }
      const where = `${entry}.${key}.nodeId`;
      if (!isObject(value) || typeof value['nodeId'] !== 'string') {
        problems.push(`${where}: missing`);
        return null;
      }
      const nodeId = value['nodeId'].trim();
      let canonical: string;
      try {
        canonical = parseNodeId(nodeId);
      } catch (error) {
        problems.push(`${where}: "${nodeId}" is not an OPC UA node id, e.g. ns=2;s=Press1.State or ns=3;i=1001 (${(error as Error).message})`);
        return null;
      }
      const other = seenNodes.get(canonical);
      if (other) problems.push(`${where}: node "${nodeId}" is mapped already by ${other}`);
      else seenNodes.set(canonical, where);
      return { lineId: lineId ?? '', kind: key, nodeId, entry: where };
    };
    const state = node('state', true);
    const values = isObject(raw['state']) ? stateValues(raw['state'], `${entry}.state`, problems) : null;
    const goodCount = node('goodCount', false);
    const scrapCount = node('scrapCount', false);
    if (problems.length > before || !state || !values || !lineId) return;
    lines.push({ lineId, entry, state, values: values.values, otherwise: values.otherwise, goodCount, scrapCount });
  });
  if (problems.length > 0) throw new OpcuaMappingError(problems);
  const nodes = [...lines.map((l) => l.state), ...lines.flatMap((l) => [l.goodCount, l.scrapCount].filter((n): n is MappedNode => n !== null))];
  return { lines, nodes };
}

/** A state target: `"RUNNING"` or `{ "state": "DOWN", "reasonCode": "E-STOP" }`. */
function mappedState(value: unknown, where: string, problems: string[]): MappedState | null {
  const state = isObject(value) ? value['state'] : value;
  const reasonCode = isObject(value) ? (value['reasonCode'] ?? null) : null;
  if (!isLineState(state)) {
    problems.push(`${where}: ${JSON.stringify(state)} is not a line state (one of ${LINE_STATES.join(', ')})`);
    return null;
  }
  if (reasonCode !== null && (typeof reasonCode !== 'string' || reasonCode.trim() === '' || reasonCode.length > REASON_CODE_MAX)) {
    problems.push(`${where}.reasonCode: must be 1–${REASON_CODE_MAX} characters`);
    return null;
  }
  return { state, reasonCode: reasonCode === null ? null : reasonCode.trim() };
}

/** `values`: a preset name, an object of raw value → state, or both as `{ "preset": "packml", "7": "DOWN" }`. */
function stateValues(
  state: Record<string, unknown>,
  where: string,
  problems: string[],
): { values: Record<string, MappedState>; otherwise: MappedState | null } | null {
  const raw = state['values'];
  const before = problems.length;
  const values: Record<string, MappedState> = {};
  const usePreset = (name: unknown, at: string) => {
    const preset = typeof name === 'string' ? STATE_VALUE_PRESETS[name] : undefined;
    if (!preset) problems.push(`${at}: unknown preset ${JSON.stringify(name)} (one of ${Object.keys(STATE_VALUE_PRESETS).join(', ')})`);
    else Object.assign(values, preset);
  };
  if (typeof raw === 'string') usePreset(raw, `${where}.values`);
  else if (isObject(raw) && Object.keys(raw).length > 0) {
    // The preset first: numeric keys come first in a JS object's order, and the listed values override the preset's.
    if ('preset' in raw) usePreset(raw['preset'], `${where}.values.preset`);
    for (const [key, target] of Object.entries(raw)) {
      if (key === 'preset') continue;
      const mapped = mappedState(target, `${where}.values.${JSON.stringify(key)}`, problems);
      if (mapped) values[key] = mapped;
    }
  } else problems.push(`${where}.values: missing (a preset name such as "packml", or an object of raw value → line state)`);
  const otherwise = state['otherwise'] === undefined ? null : mappedState(state['otherwise'], `${where}.otherwise`, problems);
  return problems.length > before ? null : { values, otherwise };
}
