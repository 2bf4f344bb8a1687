import { ConflictError, ForbiddenError, InputValidator, NotFoundError, isApplicant, type ForwardedAuth, type Logger } from '@clustergraph/runtime';
import type { MemberCopyDeletionRow, MemberRow } from '../db/schema.ts';
import { ClusterErrorCode, HostingUnavailableError, MemberCheckError } from '../errors.ts';
import { HostCallError, type MemberHost } from './memberHostClient.ts';
import type { MemberRegistry } from './memberRegistry.ts';
import { checkCandidate, type MemberServers } from './memberServerCheck.ts';
import { checkEndpoint } from './registrationInput.ts';

type Mover = { kind: 'leader'; userId: string } | { kind: 'firm'; userId: string };

/** The leader's admins (any member), or an admin of the firm itself (never an applicant's sign-in). */
function moverOf(auth: ForwardedAuth, leaderId: string | null, memberId: string, action: string): Mover {
  const viewer = auth.viewer;
  if (viewer && !isApplicant(viewer) && viewer.roles.includes('admin')) {
    if (leaderId !== null && viewer.memberId === leaderId) return { kind: 'leader', userId: viewer.userId };
    if (viewer.memberId === memberId) return { kind: 'firm', userId: viewer.userId };
  }
  throw new ForbiddenError(`only an admin of ${memberId} or of the cluster leader may ${action}`, {
    required: 'OWNER_ADMIN_OR_LEADER_ADMIN',
    field: 'id',
    memberId,
  });
}

/**
 * A firm's move to another server, as the registry takes part in it (README "Leaving a cluster"):
 * the endpoint switch, checked before anything is routed, and the deletion of the hosted copy
 * afterwards, recorded. The firm's own server steps (beginMemberMove, the export, the import)
 * are the member subgraph's.
 */
export class MemberMoves {
  constructor(
    private readonly registry: MemberRegistry,
    private readonly servers: MemberServers,
    private readonly host: MemberHost | null,
    private readonly logger: Logger,
  ) {}

  /**
   * Points `id`'s routing at `endpoint` once the checks pass. The current copy must answer as
   * MOVING (its last seq is then what the new server must hold); only the leader's admin may go
   * on without it when the current copy does not answer at all (a server lost for good: no data
   * check then, logged). The update is conditional on the endpoint read first, so two switches
   * at once cannot both win.
   */
  async switchEndpoint(auth: ForwardedAuth, leaderId: string | null, id: string, endpointInput: string): Promise<MemberRow> {
    const mover = moverOf(auth, leaderId, id, 'move its endpoint');
    const endpoint = endpointInput.trim();
    const validator = new InputValidator();
    checkEndpoint(validator, endpoint, 'endpoint');
    validator.check(endpoint.length <= 2000, 'endpoint', 'must be at most 2000 characters');
    validator.throwIfInvalid();
    const current = await this.registry.find(id);
    if (!current) throw new NotFoundError('Member', id, 'id');
    if (mover.kind === 'firm' && current.status !== 'ACTIVE')
      throw new ForbiddenError(`${id} is ${current.status}: only the leader's admins may move its endpoint`, {
        required: 'LEADER_ADMIN',
        field: 'id',
        memberId: id,
      });
    if (current.endpoint === endpoint) throw new ConflictError(`${endpoint} is already ${id}'s endpoint`, 'endpoint');

    let expectedSeq: number | null = null;
    const old = current.endpoint ? await this.servers.read(current.endpoint) : null;
    if (old?.kind === 'answered' && old.report.memberId === id) {
      if (old.report.transfer.state !== 'MOVING')
        throw new MemberCheckError(
          ClusterErrorCode.MEMBER_NOT_MOVING,
          `${id}'s current server is ${old.report.transfer.state}: begin the move there first (beginMemberMove), so that nothing is written after the export`,
          'id',
          id,
          { state: old.report.transfer.state },
        );
      expectedSeq = old.report.transfer.lastEventSeq;
    } else if (mover.kind === 'firm') {
      throw new MemberCheckError(
        ClusterErrorCode.MEMBER_NOT_MOVING,
        `${id}'s current server does not answer as ${id}'s, so the cluster cannot see it MOVING; ask the leader's admin to move the endpoint`,
        'id',
        id,
      );
    }

    const report = await checkCandidate(this.servers, id, endpoint, { lastEventSeq: expectedSeq });
    const row = await this.registry.updateEndpoint(id, endpoint, current.endpoint);
    this.logger.info(
      { memberId: id, from: current.endpoint, to: endpoint, by: mover.userId, lastEventSeq: report.transfer.lastEventSeq, dataChecked: expectedSeq !== null },
      expectedSeq === null ? 'member endpoint moved by the leader without a data check (the current copy did not answer)' : 'member endpoint moved',
    );
    return row;
  }

  /**
   * Deletes a HOSTED firm's copy on the member host once its endpoint points elsewhere, records
   * the host's answer, and makes the firm SELF_HOSTED. A repeated call after the host deleted it
   * but before the record was written gets the host's recorded deletion again (the host's DELETE
   * is idempotent) and records it.
   */
  async deleteHostedCopy(auth: ForwardedAuth, leaderId: string | null, id: string): Promise<MemberCopyDeletionRow> {
    const mover = moverOf(auth, leaderId, id, 'delete its hosted copy');
    const current = await this.registry.find(id);
    if (!current) throw new NotFoundError('Member', id, 'id');
    if (current.hosting !== 'HOSTED')
      throw new MemberCheckError(ClusterErrorCode.NOT_HOSTED, `${id} is SELF_HOSTED: the cluster holds no hosted copy of it`, 'id', id);
    if (!this.host) throw new HostingUnavailableError(id);
    let entry;
    try {
      entry = await this.host.find(id);
    } catch (error) {
      if (error instanceof HostCallError)
        throw new MemberCheckError(ClusterErrorCode.HOSTED_DELETION_FAILED, `the hosted copy of ${id} was not deleted: ${error.reason}`, 'id', id);
      throw error;
    }
    if (!current.endpoint || (entry && entry.endpoint === current.endpoint))
      throw new MemberCheckError(
        ClusterErrorCode.HOSTED_COPY_IN_USE,
        `${id}'s endpoint still points at its hosted copy: move it to the firm's own server first (updateMemberEndpoint)`,
        'id',
        id,
      );
    let record;
    try {
      record = await this.host.remove(id);
    } catch (error) {
      if (error instanceof HostCallError)
        throw new MemberCheckError(ClusterErrorCode.HOSTED_DELETION_FAILED, `the hosted copy of ${id} was not deleted: ${error.reason}`, 'id', id);
      throw error;
    }
    const deletion = await this.registry.recordCopyDeletion({
      memberId: id,
      endpoint: entry?.endpoint || '(the member host)',
      deletedBy: mover.userId,
      deletedAt: new Date(record.deletedAt),
      hostRecord: record,
    });
    this.logger.info({ memberId: id, by: mover.userId, deletedAt: record.deletedAt }, 'hosted copy deleted and recorded; the firm is SELF_HOSTED');
    return deletion;
  }
}
