import { NotFoundError, BadUserInputError } from '@clustergraph/runtime';
import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { anomalyAcknowledgements } from '../db/schema.ts';
import { anomalyModel } from '../analytics/anomalies.ts';
import { validateAnswers, writeSelfAssessment } from '../analytics/selfAssessment.ts';
import { assertOwnMember } from '../validation/common.ts';

const MAX_ACTION_LENGTH = 2000;
/** Anomaly ids are `<kind>~<lineId>~<instant>`; anything longer is not one. */
const MAX_ANOMALY_ID_LENGTH = 256;

export const analyticsMutations: Pick<MutationResolvers, 'setSelfAssessment' | 'acknowledgeAnomaly'> = {
  async setSelfAssessment(_parent, { memberId, input }, context) {
    assertOwnMember(memberId, context.memberId);
    context.access.assertOwner('setSelfAssessment');
    const answers = validateAnswers(input);
    return writeSelfAssessment(context.db, answers, context.auth.viewer!.userId);
  },

  async acknowledgeAnomaly(_parent, { memberId, id, action }, context) {
    assertOwnMember(memberId, context.memberId);
    context.access.assertOwner('acknowledgeAnomaly');
    if (id.length > MAX_ANOMALY_ID_LENGTH) throw new BadUserInputError('id', `must be at most ${MAX_ANOMALY_ID_LENGTH} characters`);
    const text = action.trim();
    if (!text) throw new BadUserInputError('action', 'say what was done');
    if (text.length > MAX_ACTION_LENGTH) throw new BadUserInputError('action', `at most ${MAX_ACTION_LENGTH} characters`);
    // Ids are recomputed by the detector, so an id must name an anomaly it finds today.
    const lineId = id.split('~')[1] ?? null;
    const anomaly = lineId ? (await anomalyModel.run(context.db, { lineId })).find((a) => a.id === id) : undefined;
    if (!anomaly) throw new NotFoundError('anomaly', id, 'id');
    const at = new Date();
    const by = context.auth.viewer!.userId;
    const values = { lineId: anomaly.lineId, kind: anomaly.kind, anomalyStart: anomaly.start, action: text, acknowledgedBy: by, acknowledgedAt: at };
    await context.db
      .insert(anomalyAcknowledgements)
      .values({ anomalyId: id, ...values })
      .onConflictDoUpdate({ target: anomalyAcknowledgements.anomalyId, set: values });
    return { ...anomaly, acknowledgement: { action: text, by, at } };
  },
};
