import { suggestionAction, violationPlace, violationRule, type PlanSuggestionFieldsFragment, type PlanViolationFieldsFragment } from '@clustergraph/sdk';

/**
 * An INFEASIBLE plan (issue 14 §2): said plainly that it was not proposed (and cannot be), each
 * rule the candidate plan broke with its operation, member and week, and what the leader can do.
 */
export function InfeasiblePlan({
  orderCode,
  violations,
  suggestions,
  memberName,
}: {
  orderCode: string;
  violations: readonly PlanViolationFieldsFragment[];
  suggestions: readonly PlanSuggestionFieldsFragment[];
  memberName(id: string): string;
}) {
  return (
    <div className="infeasible" role="alert" data-testid="plan-infeasible">
      <h3>Not proposed: no valid plan for {orderCode}</h3>
      <p>This plan version is INFEASIBLE. It was not sent to the members and cannot be; the allocations they already hold stay as they are.</p>
      {violations.length > 0 ? (
        <>
          <h4>Rules the candidate plan broke</h4>
          <ul data-testid="plan-violations">
            {violations.map((v, i) => (
              <li key={i} data-kind={v.kind}>
                <b>{violationRule(v.kind)}</b>
                {violationPlace(v, memberName) && <span className="place"> — {violationPlace(v, memberName)}</span>}: {v.message}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">No candidate plan was found; the explanation below says which constraint leaves no room.</p>
      )}
      {suggestions.length > 0 && (
        <>
          <h4>What you can do</h4>
          <ul data-testid="plan-suggestions">
            {suggestions.map((s, i) => (
              <li key={i} data-kind={s.kind}>
                <b>{suggestionAction(s, memberName)}.</b> {s.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
