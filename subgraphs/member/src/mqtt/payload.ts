import type { LineDirectory } from '../events/lineDirectory.ts';
import type { NewLineEvent } from '../events/types.ts';
import { checkLineEvent, type FieldProblem } from '../events/validation.ts';

/** Larger payloads are not line events; refusing them early keeps a bad publisher cheap. */
const MAX_PAYLOAD_BYTES = 16 * 1024;

export type ParsedPayload = { ok: true; event: NewLineEvent } | { ok: false; problems: FieldProblem[] };

/**
 * Reads one MQTT message: JSON `{eventId, state, at?, reasonCode?, cycleTimeSeconds?,
 * goodCount?, scrapCount?}`, the line named by the topic. Unknown keys are ignored (newer
 * publishers may send more); a `lineId` in the payload must agree with the topic.
 */
export async function parseLineEventPayload(payload: Uint8Array, lineId: string, lines: LineDirectory, receivedAt: Date): Promise<ParsedPayload> {
  if (payload.byteLength > MAX_PAYLOAD_BYTES) return { ok: false, problems: [{ field: 'payload', message: `larger than ${MAX_PAYLOAD_BYTES} bytes` }] };
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8'));
  } catch (error) {
    return { ok: false, problems: [{ field: 'payload', message: `not JSON: ${(error as Error).message}` }] };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, problems: [{ field: 'payload', message: 'must be a JSON object' }] };
  const raw = body as Record<string, unknown>;
  if (raw['lineId'] !== undefined && raw['lineId'] !== lineId) {
    return { ok: false, problems: [{ field: 'payload.lineId', message: `says "${String(raw['lineId'])}" but the topic names line "${lineId}"` }] };
  }
  await lines.ensure([lineId]);
  const { event, problems } = checkLineEvent(
    { ...raw, lineId } as Parameters<typeof checkLineEvent>[0],
    (name) => `payload.${name}`,
    (id) => lines.has(id),
    receivedAt,
  );
  return event ? { ok: true, event } : { ok: false, problems };
}
