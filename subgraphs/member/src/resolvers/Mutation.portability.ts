import { BadUserInputError, ForbiddenError } from '@clustergraph/runtime';
import { DATA_CATEGORIES } from '../db/schema.ts';
import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import type { MemberContext } from '../context.ts';
import { ExportTooLargeError } from '../errors.ts';
import { ANONYMOUS_READER, clientOperationName } from '../sovereignty/access.ts';
import { ArchiveTooLargeError, exportMemberArchive } from '../portability/exporter.ts';
import type { TransferStatus } from '../portability/transferState.ts';
import { assertOwnMember } from '../validation/common.ts';

const MAX_REASON_LENGTH = 500;

/**
 * The firm's admins only. Anyone else is refused and the refusal is written to the firm's
 * usage ledger, one denied read per data category (an export would have read them all),
 * whoever asked: another firm, an anonymous visitor or one of the firm's own non-admin users.
 */
function assertMayExport(context: MemberContext, operationName: string | null): void {
  const viewer = context.auth.viewer;
  if (viewer && viewer.memberId === context.memberId && viewer.roles.includes('admin')) return;
  const at = new Date();
  for (const category of DATA_CATEGORIES) {
    context.ledger.record({
      at,
      readerMemberId: viewer?.memberId ?? ANONYMOUS_READER,
      readerUserId: viewer?.userId ?? null,
      category,
      purpose: context.auth.purpose,
      operationName: clientOperationName(operationName),
      records: 1,
      allowed: false,
      policyId: null,
      granularity: null,
    });
  }
  throw new ForbiddenError(`exportMemberData needs an admin of ${context.memberId}`, {
    required: 'OWNER_ADMIN',
    field: 'exportMemberData',
    memberId: context.memberId,
    purpose: context.auth.purpose,
  });
}

const statusAnswer = (memberId: string, status: TransferStatus) => ({ memberId, ...status });

function checkReason(reason: string | null | undefined): string | null {
  const trimmed = reason?.trim() ?? '';
  if (trimmed.length > MAX_REASON_LENGTH) throw new BadUserInputError('reason', `at most ${MAX_REASON_LENGTH} characters`);
  return trimmed === '' ? null : trimmed;
}

export const portabilityMutations: Pick<MutationResolvers, 'exportMemberData' | 'beginMemberMove' | 'cancelMemberMove'> = {
  async exportMemberData(_parent, { memberId }, context, info) {
    assertOwnMember(memberId, context.memberId);
    assertMayExport(context, info.operation.name?.value ?? null);
    // Reads recorded up to now belong in the archive.
    await context.ledger.flush();
    let archive;
    try {
      archive = await exportMemberArchive(context.db, context.memberId, { maxContentBytes: context.portability.exportMaxBytes });
    } catch (error) {
      if (error instanceof ArchiveTooLargeError) throw new ExportTooLargeError(context.memberId, error.limitBytes);
      throw error;
    }
    context.logger.info(
      {
        memberId,
        by: context.auth.viewer?.userId,
        bytes: archive.bytes.length,
        lastEventSeq: archive.manifest.lastEventSeq,
        state: archive.manifest.transferState,
      },
      'member data exported',
    );
    return {
      manifest: { ...archive.manifest, exportedAt: new Date(archive.manifest.exportedAt) },
      fileName: archive.fileName,
      archiveBase64: archive.bytes.toString('base64'),
      sizeBytes: archive.bytes.length,
    };
  },

  async beginMemberMove(_parent, { memberId, reason }, context) {
    assertOwnMember(memberId, context.memberId);
    context.access.assertOwnerAdmin('beginMemberMove');
    const status = await context.portability.transfer.begin(context.auth.viewer!.userId, checkReason(reason));
    return statusAnswer(memberId, status);
  },

  async cancelMemberMove(_parent, { memberId }, context) {
    assertOwnMember(memberId, context.memberId);
    context.access.assertOwnerAdmin('cancelMemberMove');
    return statusAnswer(memberId, await context.portability.transfer.cancel(context.auth.viewer!.userId));
  },
};
