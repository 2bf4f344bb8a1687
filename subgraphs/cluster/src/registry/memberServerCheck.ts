import { checkMemberCompatibility } from '@clustergraph/schema';
import { MEMBER_TRANSFER_STATES, type MemberTransferState } from '@clustergraph/schema/values';
import { ClusterErrorCode, MemberCheckError } from '../errors.ts';

/** What a member server says at its member check (subgraphs/member/src/portability/memberCheckRoute.ts). */
export interface MemberServerReport {
  /** Its MEMBER_ID: which firm the server is for. */
  memberId: string;
  /** What its `_service { sdl }` serves. */
  sdl: string;
  transfer: { state: MemberTransferState; since: Date; lastEventSeq: number };
}

export type MemberServerAnswer = { kind: 'answered'; report: MemberServerReport } | { kind: 'unreachable'; reason: string };

/** Reads member servers (a stand-in in tests that need a server saying something odd). */
export interface MemberServers {
  read(endpoint: string): Promise<MemberServerAnswer>;
}

const CHECK_PATH = 'member-check';
const DEFAULT_TIMEOUT_MS = 5_000;
/** The standard's SDL is some tens of kB; anything much larger is not a member check. */
const MAX_ANSWER_BYTES = 2 * 1024 * 1024;
const PROBLEMS_IN_MESSAGE = 3;

/** `…/graphql` → `…/member-check` (beside it, on the member host `…/firms/<id>/member-check`). */
export function memberCheckUrl(endpoint: string): string {
  return new URL(CHECK_PATH, endpoint).toString();
}

/**
 * The registry's look at a member server before it routes a firm there. It asks the server's
 * member check (GET, no token: only the gateway can sign a token a member server accepts) and
 * makes sure a GraphQL service of ClusterGraph answers at the endpoint itself (a POST without a
 * token must be refused as UNAUTHENTICATED, as every member server does). It follows no
 * redirect and says nothing of what a server answered beyond its HTTP status: an endpoint is
 * someone's input, and the registry must not become a way to look into its network.
 */
export class MemberServerCheck implements MemberServers {
  constructor(private readonly timeoutMs = DEFAULT_TIMEOUT_MS) {}

  async read(endpoint: string): Promise<MemberServerAnswer> {
    const unreachable = (reason: string): MemberServerAnswer => ({ kind: 'unreachable', reason });
    let checkUrl: string;
    try {
      checkUrl = memberCheckUrl(endpoint);
    } catch {
      return unreachable('the endpoint is not a URL');
    }
    const seconds = Math.round(this.timeoutMs / 1000);
    let report: MemberServerReport | null;
    try {
      const response = await fetch(checkUrl, { redirect: 'manual', signal: AbortSignal.timeout(this.timeoutMs) });
      if (response.status !== 200) {
        await response.body?.cancel().catch(() => {});
        return unreachable(`its member check answered HTTP ${response.status}`);
      }
      report = parseReport(await boundedText(response));
    } catch (error) {
      return unreachable((error as Error).name === 'TimeoutError' ? `it did not answer within ${seconds} s` : 'it could not be reached');
    }
    if (!report) return unreachable('it does not answer as a member server (no member check)');
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ _service { sdl } }' }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const body = response.status === 401 ? (JSON.parse(await boundedText(response)) as { errors?: Array<{ extensions?: { code?: unknown } }> }) : null;
      if (!body) await response.body?.cancel().catch(() => {});
      if (body?.errors?.[0]?.extensions?.code !== ClusterErrorCode.UNAUTHENTICATED)
        return unreachable(`its GraphQL endpoint does not answer as a member subgraph (HTTP ${response.status})`);
    } catch (error) {
      return unreachable(
        (error as Error).name === 'TimeoutError' ? `its GraphQL endpoint did not answer within ${seconds} s` : 'its GraphQL endpoint could not be reached',
      );
    }
    return { kind: 'answered', report };
  }
}

async function boundedText(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_ANSWER_BYTES) throw new Error('answer too large');
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_ANSWER_BYTES) {
      await reader.cancel().catch(() => {});
      throw new Error('answer too large');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseReport(text: string): MemberServerReport | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const { memberId, sdl, transfer } = value as Record<string, unknown>;
  if (typeof memberId !== 'string' || typeof sdl !== 'string' || !transfer || typeof transfer !== 'object') return null;
  const { state, since, lastEventSeq } = transfer as Record<string, unknown>;
  const sinceDate = typeof since === 'string' ? new Date(since) : null;
  if (typeof state !== 'string' || !(MEMBER_TRANSFER_STATES as readonly string[]).includes(state) || !sinceDate || Number.isNaN(sinceDate.getTime()))
    return null;
  if (typeof lastEventSeq !== 'number' || !Number.isSafeInteger(lastEventSeq) || lastEventSeq < 0) return null;
  return { memberId, sdl, transfer: { state: state as MemberTransferState, since: sinceDate, lastEventSeq } };
}

/** What the new server must hold: the MOVING copy's last seq (null: not checked, see EndpointSwitch). */
export interface CandidateExpectation {
  lastEventSeq: number | null;
}

/**
 * The checks of a server the registry is about to route `memberId` to, in order: it answers
 * (MEMBER_UNREACHABLE), serves the member standard (SDL_MISMATCH), is that firm's server
 * (MEMBER_ID_MISMATCH) and, when `expected.lastEventSeq` is given, holds its data: it is SERVING (not
 * the frozen copy itself) with the same last seq (DATA_MISMATCH). Throws MemberCheckError naming
 * `field`; returns what the server said.
 */
export async function checkCandidate(
  servers: MemberServers,
  memberId: string,
  endpoint: string,
  expected: CandidateExpectation,
  field = 'endpoint',
): Promise<MemberServerReport> {
  const answer = await servers.read(endpoint);
  if (answer.kind === 'unreachable')
    throw new MemberCheckError(
      ClusterErrorCode.MEMBER_UNREACHABLE,
      `the member server at ${endpoint} did not pass its check: ${answer.reason}`,
      field,
      memberId,
    );
  const { report } = answer;
  const problems = checkMemberCompatibility(report.sdl);
  if (problems.length > 0) {
    const shown = problems.slice(0, PROBLEMS_IN_MESSAGE).map((p) => p.message);
    const more = problems.length - shown.length;
    throw new MemberCheckError(
      ClusterErrorCode.SDL_MISMATCH,
      `the member server at ${endpoint} does not serve the member standard: ${shown.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}`,
      field,
      memberId,
      { problems: problems.length },
    );
  }
  if (report.memberId !== memberId)
    throw new MemberCheckError(
      ClusterErrorCode.MEMBER_ID_MISMATCH,
      `the member server at ${endpoint} is not ${memberId}'s (its MEMBER_ID is ${report.memberId.slice(0, 60)})`,
      field,
      memberId,
      { servedMemberId: report.memberId.slice(0, 60) },
    );
  if (expected.lastEventSeq !== null) {
    if (report.transfer.state !== 'SERVING')
      throw new MemberCheckError(
        ClusterErrorCode.DATA_MISMATCH,
        `the member server at ${endpoint} is ${report.transfer.state}, not a server ready to serve ${memberId} (import the archive into a new server's empty database)`,
        field,
        memberId,
        { state: report.transfer.state },
      );
    if (report.transfer.lastEventSeq !== expected.lastEventSeq)
      throw new MemberCheckError(
        ClusterErrorCode.DATA_MISMATCH,
        `the member server at ${endpoint} holds line events up to seq ${report.transfer.lastEventSeq}, the MOVING copy up to ${expected.lastEventSeq}: it does not hold ${memberId}'s data (import the archive exported while MOVING)`,
        field,
        memberId,
        { expectedLastEventSeq: expected.lastEventSeq, foundLastEventSeq: report.transfer.lastEventSeq },
      );
  }
  return report;
}
