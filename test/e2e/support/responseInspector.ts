// What no answer of the gateway may contain, whatever was sent: a 5xx, a body that is not
// JSON, INTERNAL_SERVER_ERROR, a stack trace or a path on the server's disk.

export interface Problem {
  what: string;
  request: string;
  viewer: string;
  status?: number;
  answer?: string;
}

/** A V8 stack frame ("    at fn (/x/y.js:1:2)", "at async …", "at node:internal/…"). */
const STACK_FRAME = /\bat (?:async )?(?:[\w$.<>[\]]+ \()?(?:file:\/\/|\/|node:|[A-Za-z]:\\)[^)\s]*:\d+:\d+/;
/** Absolute paths of a server: the checkout, node_modules, temp and home folders, file URLs. */
const SERVER_PATH = /(?:file:\/\/\/|node_modules|(?:^|[\s"'(=])\/(?:work|home|root|usr|tmp|var|opt|srv|app|private|Users)\/|[A-Za-z]:\\\\)/;

export function inspectResponse(status: number, text: string, json: any, sent: string): string[] {
  const found: string[] = [];
  if (status >= 500) found.push(`HTTP ${status}`);
  if (json === null || typeof json !== 'object') {
    found.push('answer is not a JSON object');
    return found;
  }
  // What the client sent may be echoed back in a message ("Cannot query field …"): only flag what it did not send.
  const echo = (match: RegExpMatchArray | null) => match !== null && !sent.includes(match[0].trim());
  if (echo(text.match(STACK_FRAME))) found.push(`stack trace: ${text.match(STACK_FRAME)![0]}`);
  if (echo(text.match(SERVER_PATH))) found.push(`server path: ${text.match(SERVER_PATH)![0]}`);
  if (!Array.isArray(json.errors) && !('data' in json)) found.push('neither data nor errors');
  for (const error of Array.isArray(json.errors) ? json.errors : []) {
    const code = error?.extensions?.code;
    if (code === 'INTERNAL_SERVER_ERROR') found.push(`INTERNAL_SERVER_ERROR: ${error.message}`);
    if (error?.extensions?.stacktrace || error?.extensions?.exception) found.push('stacktrace in extensions');
    if (typeof code !== 'string') found.push(`error without a code: ${String(error?.message).slice(0, 200)}`);
  }
  return found;
}

/** The same rules for a graphql-ws frame (next/error payloads, close reasons). */
export function inspectFrame(text: string): string[] {
  const found: string[] = [];
  let frame: any;
  try {
    frame = JSON.parse(text);
  } catch {
    return ['frame is not JSON'];
  }
  if (STACK_FRAME.test(text)) found.push(`stack trace: ${text.match(STACK_FRAME)![0]}`);
  if (SERVER_PATH.test(text)) found.push(`server path: ${text.match(SERVER_PATH)![0]}`);
  const errors = frame.type === 'error' ? frame.payload : frame.type === 'next' ? (frame.payload?.errors ?? []) : [];
  for (const error of Array.isArray(errors) ? errors : []) {
    const code = error?.extensions?.code;
    if (code === 'INTERNAL_SERVER_ERROR') found.push(`INTERNAL_SERVER_ERROR: ${error.message}`);
    if (typeof code !== 'string') found.push(`error without a code: ${String(error?.message).slice(0, 200)}`);
    if (error?.extensions?.stacktrace) found.push('stacktrace in extensions');
  }
  return found;
}
