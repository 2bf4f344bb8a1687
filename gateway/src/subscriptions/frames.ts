import type { GraphQLFormattedError } from 'graphql';

/** Close code for a client that does not read fast enough (RFC 6455 "Try Again Later"); graphql-ws clients retry it. */
export const SLOW_CONSUMER_CLOSE_CODE = 1013;
/** Close code at graceful shutdown (RFC 6455 "Going Away"). */
export const GOING_AWAY_CLOSE_CODE = 1001;

/**
 * A `next` payload, serialised once per event and group (`{"data":…,"errors":…}`), and its
 * UTF-8 bytes, encoded once too (at the first subscriber that needs them).
 */
export class SerialisedPayload {
  private encoded: Buffer | null = null;

  constructor(readonly text: string) {}

  get bytes(): Buffer {
    return (this.encoded ??= Buffer.from(this.text, 'utf8'));
  }
}

/**
 * The `next` frame for one subscriber. The payload is serialised once for every subscriber
 * of a group; only the id differs, so it is spliced in rather than re-serialising the payload.
 */
export function nextFrame(quotedId: string, payload: string): string {
  return `{"id":${quotedId},"type":"next","payload":${payload}}`;
}

const CLOSING_BRACE = 0x7d;

/**
 * The same `next` message as one whole WebSocket text frame (server to client: final, unmasked,
 * RFC 6455 §5.2), built from the payload's bytes with the id spliced in: written to the socket
 * as one buffer, one `write` per subscriber and event, where `ws` would convert the string and
 * gather a header and a body for each.
 */
export function nextWebSocketFrame(quotedId: string, payload: SerialisedPayload): Buffer {
  const head = `{"id":${quotedId},"type":"next","payload":`;
  const headBytes = Buffer.byteLength(head, 'utf8');
  const body = payload.bytes;
  const length = headBytes + body.length + 1;
  const headerSize = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerSize + length);
  frame[0] = 0x81; // FIN + text
  if (headerSize === 2) frame[1] = length;
  else if (headerSize === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  frame.write(head, headerSize, 'utf8');
  body.copy(frame, headerSize + headBytes);
  frame[frame.length - 1] = CLOSING_BRACE;
  return frame;
}

export function errorFrame(id: string, errors: readonly GraphQLFormattedError[]): string {
  return JSON.stringify({ id, type: 'error', payload: errors });
}

export function completeFrame(id: string): string {
  return JSON.stringify({ id, type: 'complete' });
}
