import { NotFoundError, type Logger } from '@clustergraph/runtime';
import type { MemberRole } from '@clustergraph/schema/values';
import type { MemberRow } from '../db/schema.ts';
import { HostingUnavailableError, ProvisioningFailedError } from '../errors.ts';
import type { MemberHost } from './memberHostClient.ts';
import type { MemberRegistry } from './memberRegistry.ts';

/**
 * The leader's approval of a member. A SELF_HOSTED firm (or any firm that has an endpoint
 * already) becomes ACTIVE at once; the gateway then asks its `_service { sdl }` with a probe
 * token, routes it when it matches the standard, quarantines it with the reason when it does
 * not, and keeps asking while it does not answer. A HOSTED applicant is provisioned on the
 * member host first, and becomes ACTIVE with the endpoint the host gives; when the host is
 * missing or fails, the application stays PENDING with the reason (also kept as statusReason,
 * so the console shows it after a reload).
 */
export class MemberApprovals {
  constructor(
    private readonly registry: MemberRegistry,
    private readonly host: MemberHost | null,
    private readonly logger: Logger,
  ) {}

  async approve(id: string, granted: readonly MemberRole[] | null): Promise<MemberRow> {
    const current = await this.registry.find(id);
    if (!current) throw new NotFoundError('Member', id, 'id');
    if (current.hosting !== 'HOSTED' || current.endpoint !== null || current.status === 'ACTIVE') {
      return this.registry.approve(id, granted, null);
    }
    if (!this.host) {
      const error = new HostingUnavailableError(id);
      await this.registry.noteApprovalFailure(id, error.message);
      throw error;
    }
    let endpoint: string;
    try {
      endpoint = await this.host.provision({ memberId: id, name: current.name, processes: current.appliedProcesses });
    } catch (error) {
      if (error instanceof ProvisioningFailedError) await this.registry.noteApprovalFailure(id, `approval failed: ${error.reason}`);
      throw error;
    }
    this.logger.info({ memberId: id, endpoint }, 'hosted member provisioned');
    return this.registry.approve(id, granted, endpoint);
  }
}
