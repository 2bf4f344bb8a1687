import type { MemberDatabase } from '../db/database.ts';

/**
 * One analytics model that runs on the member, over the member's own database. Only its
 * output crosses the boundary, and always as category AI_INSIGHTS: the resolver that
 * serves a model's output asks the owner's sharing policies for AI_INSIGHTS first.
 * `version` changes whenever a formula or threshold does, so a stored result (a programme
 * baseline) says which version produced it.
 */
export interface AnalyticsModel<Params, Output> {
  readonly id: string;
  readonly version: string;
  readonly description: string;
  readonly category: 'AI_INSIGHTS';
  run(db: MemberDatabase, params: Params): Promise<Output>;
}

/** What the catalogue shows of a model (Member.analyticsModels). */
export interface AnalyticsModelInfo {
  id: string;
  version: string;
  description: string;
  category: 'AI_INSIGHTS';
}

export function describeModel(model: AnalyticsModel<unknown, unknown>): AnalyticsModelInfo {
  return { id: model.id, version: model.version, description: model.description, category: model.category };
}
