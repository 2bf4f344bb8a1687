import type { CombinedError } from 'urql';
import { describeGraphQLError, memberProblems, describeMemberProblem, type GraphQLFormattedError, type MemberProblem } from '@clustergraph/sdk';

export function formattedErrors(error: CombinedError | undefined): GraphQLFormattedError[] {
  return (error?.graphQLErrors ?? []).map((e) => ({
    message: e.message,
    ...(e.path ? { path: e.path } : {}),
    ...(e.extensions ? { extensions: e.extensions } : {}),
  }));
}

/** Per member, what blanked its data in this answer (unreachable, withheld…). */
export function problemsOf(error: CombinedError | undefined, data: unknown): Map<string, MemberProblem> {
  return memberProblems(formattedErrors(error), data);
}

/** API errors in words, above the data that did arrive. */
export function ApiErrors({ error, memberName, data }: { error: CombinedError | undefined; memberName?: (id: string) => string; data?: unknown }) {
  if (!error) return null;
  const messages = new Set<string>();
  if (error.networkError) messages.add(`Cannot reach the gateway: ${error.networkError.message}`);
  for (const e of formattedErrors(error)) messages.add(describeGraphQLError(e, memberName, data));
  return (
    <div className="api-errors" role="alert">
      {[...messages].map((m) => (
        <div key={m}>⚠ {m}</div>
      ))}
    </div>
  );
}

/** The words shown in a cell whose member data is missing. */
export function MissingData({ problem, memberName }: { problem: MemberProblem | undefined; memberName: string }) {
  if (!problem) return <span className="muted">—</span>;
  return <span className={`missing missing-${problem.kind}`}>{describeMemberProblem(problem, memberName)}</span>;
}
