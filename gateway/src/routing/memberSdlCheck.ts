import { checkMemberCompatibility, type CompatibilityProblem } from '@clustergraph/schema';
import type { SubgraphHttpClient } from '../http/subgraphHttpClient.ts';
import type { ServiceTokenCache } from '../serviceTokens.ts';
import { GatewayErrorCode } from '../errors.ts';

export type SdlCheckOutcome =
  | { kind: 'compatible' }
  | { kind: 'incompatible'; reason: string; problems: CompatibilityProblem[] }
  /** The member could not be asked: not quarantined, retried later. */
  | { kind: 'unreachable'; reason: string };

const SERVICE_SDL_QUERY = 'query GatewayMemberSdl { _service { sdl } }';
const PROBLEMS_IN_REASON = 3;

/** Asks a member for its `_service { sdl }` and checks it against the member standard. */
export class MemberSdlCheck {
  constructor(
    private readonly http: SubgraphHttpClient,
    private readonly tokens: ServiceTokenCache,
    private readonly timeoutMs: number,
  ) {}

  /** `memberId` is who the endpoint claims to be: the probe token is bound to that member's audience and allows only this query. */
  async check(memberId: string, endpoint: string): Promise<SdlCheckOutcome> {
    let sdl: unknown;
    try {
      const response = await this.http.post(
        endpoint,
        { query: SERVICE_SDL_QUERY },
        { token: await this.tokens.probeToken(memberId), timeoutMs: this.timeoutMs },
      );
      sdl = (response.data?.['_service'] as { sdl?: unknown } | null | undefined)?.sdl;
      const firstError = response.errors?.[0];
      if (typeof sdl !== 'string' && firstError) {
        // A schema without _service is not a federation subgraph; any other error may pass, so ask again later.
        if (firstError.extensions?.['code'] === GatewayErrorCode.GRAPHQL_VALIDATION_FAILED) {
          return incompatible([{ path: '_service', message: `it does not serve _service { sdl } (${firstError.message})` }]);
        }
        return { kind: 'unreachable', reason: `_service { sdl } failed: ${firstError.message}` };
      }
    } catch (error) {
      return { kind: 'unreachable', reason: (error as Error).message };
    }
    if (typeof sdl !== 'string') return incompatible([{ path: '_service', message: '_service { sdl } returned no SDL' }]);
    const problems = checkMemberCompatibility(sdl);
    return problems.length === 0 ? { kind: 'compatible' } : incompatible(problems);
  }
}

function incompatible(problems: CompatibilityProblem[]): SdlCheckOutcome {
  return { kind: 'incompatible', reason: describeIncompatibility(problems), problems };
}

/** A readable quarantine reason: the first problems and how many more. */
export function describeIncompatibility(problems: CompatibilityProblem[]): string {
  const shown = problems.slice(0, PROBLEMS_IN_REASON).map((problem) => problem.message);
  const more = problems.length - shown.length;
  return `SDL does not match the member standard: ${shown.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}`;
}
