import type { Logger } from '@clustergraph/runtime';
import { ProvisioningFailedError } from '../errors.ts';
import { isHttpUrl } from './registrationInput.ts';

/** What the member host needs to start serving a firm. */
export interface FirmToProvision {
  memberId: string;
  name: string;
  processes: readonly string[];
}

/** The host's answer to a deletion: its own record (`memberId`, `deletedAt`, whatever else it says). */
export interface HostDeletionRecord {
  memberId: string;
  deletedAt: string;
  [key: string]: unknown;
}

/** A firm as the host lists it. */
export interface HostedFirmEntry {
  memberId: string;
  endpoint: string;
  state: string;
}

/** The member host's provisioning API, as the registry uses it (a stand-in in tests). */
export interface MemberHost {
  /** The firm's member subgraph endpoint on the host; throws ProvisioningFailedError. */
  provision(firm: FirmToProvision): Promise<string>;
  /** The firm's entry on the host (GET /admin/firms), null when the host does not serve it; throws HostCallError. */
  find(memberId: string): Promise<HostedFirmEntry | null>;
  /** DELETE /admin/firms/<id>: the host deletes the firm's copy and answers its record; throws HostCallError. */
  remove(memberId: string): Promise<HostDeletionRecord>;
}

/** A call to the member host's admin API that failed; `reason` is for the admin (no URL of the host). */
export class HostCallError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The provisioning call to the cluster's member host (MEMBER_HOST_URL):
 * `POST <host>/admin/firms {memberId, name, processes}` → `{memberId, endpoint}`, with a
 * bearer token the cluster signs with its service key (audience the member host, a minute
 * long). The host answers 201 for a new firm and 200 for one it already serves, so a retried
 * approval provisions nothing twice. The reasons it gives are for the leader's admin: no URL
 * of the host, no library name.
 */
export class MemberHostClient implements MemberHost {
  private readonly firmsUrl: string;

  constructor(
    baseUrl: string,
    private readonly token: () => Promise<string>,
    private readonly logger: Logger,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {
    this.firmsUrl = new URL('admin/firms', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).toString();
  }

  async find(memberId: string): Promise<HostedFirmEntry | null> {
    const { body } = await this.call('GET', this.firmsUrl, memberId);
    const firms = Array.isArray(body['firms']) ? (body['firms'] as Array<Record<string, unknown>>) : null;
    if (!firms) throw new HostCallError('the member host answered no list of firms');
    const entry = firms.find((f) => f['memberId'] === memberId);
    if (!entry) return null;
    return { memberId, endpoint: typeof entry['endpoint'] === 'string' ? entry['endpoint'] : '', state: String(entry['state'] ?? '') };
  }

  async remove(memberId: string): Promise<HostDeletionRecord> {
    const { body } = await this.call('DELETE', `${this.firmsUrl}/${encodeURIComponent(memberId)}`, memberId);
    if (body['memberId'] !== memberId || typeof body['deletedAt'] !== 'string' || Number.isNaN(Date.parse(body['deletedAt'])))
      throw new HostCallError('the member host answered no deletion record for the firm');
    return body as HostDeletionRecord;
  }

  /** One admin call; a refusal or failure becomes HostCallError with the host's words (bounded). */
  private async call(method: 'GET' | 'DELETE', url: string, memberId: string): Promise<{ body: Record<string, unknown> }> {
    const fail = (reason: string, detail?: unknown): never => {
      this.logger.warn({ memberId, method, url, detail }, `member host call failed: ${reason}`);
      throw new HostCallError(reason);
    };
    return { body: await this.send(method, url, undefined, fail) };
  }

  /**
   * Sends one request to the host's admin API with the host-admin token and returns its JSON
   * body; no answer in time, no connection or a refusal goes to `fail` with a readable reason.
   */
  private async send(
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    json: unknown,
    fail: (reason: string, detail?: unknown) => never,
  ): Promise<Record<string, unknown>> {
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { ...(json === undefined ? {} : { 'content-type': 'application/json' }), authorization: `Bearer ${await this.token()}` },
        ...(json === undefined ? {} : { body: JSON.stringify(json) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      return fail(timedOut ? `the member host did not answer within ${Math.round(this.timeoutMs / 1000)} s` : 'the member host is unreachable', error);
    }
    const text = await response.text().catch(() => '');
    let body: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
    } catch {
      // Reported below with the status.
    }
    if (!response.ok) {
      const said = hostSaid(body);
      return fail(`the member host refused it (HTTP ${response.status}${said ? `: ${said.slice(0, 300)}` : ''})`, text.slice(0, 500));
    }
    return body;
  }

  async provision(firm: FirmToProvision): Promise<string> {
    const fail = (reason: string, detail?: unknown): never => {
      this.logger.warn({ memberId: firm.memberId, url: this.firmsUrl, detail }, `member host provisioning failed: ${reason}`);
      throw new ProvisioningFailedError(firm.memberId, reason);
    };
    const body = await this.send('POST', this.firmsUrl, { memberId: firm.memberId, name: firm.name, processes: firm.processes }, fail);
    const endpoint = typeof body['endpoint'] === 'string' ? body['endpoint'].trim() : '';
    if (body['memberId'] !== firm.memberId) return fail('the member host answered for another firm', body);
    if (!isHttpUrl(endpoint)) return fail('the member host gave no usable endpoint', body);
    return endpoint;
  }
}

/** The reason in a host's refusal: `{ error }`, `{ message }` or the runtime's `{ errors: [{ message }] }`. */
function hostSaid(body: Record<string, unknown>): string {
  if (typeof body['error'] === 'string') return body['error'];
  if (typeof body['message'] === 'string') return body['message'];
  const first = Array.isArray(body['errors']) ? (body['errors'][0] as { message?: unknown } | undefined) : undefined;
  return typeof first?.message === 'string' ? first.message : '';
}
