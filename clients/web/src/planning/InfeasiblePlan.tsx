import type { PlanSuggestionFieldsFragment, PlanViolationFieldsFragment } from '@clustergraph/sdk';
import { apiLabel, suggestionActionText, violationPlaceText } from '@clustergraph/i18n';
import { useI18n } from '../i18n/useI18n.ts';

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
  const { t, fmt, language } = useI18n();
  // Plan texts name processes by the API's value in English (as the CLI and the server's messages do), by their word in Korean.
  const words = {
    process: (p: string) => (language === 'en' ? p : apiLabel(t, 'ProcessType', p)),
    firm: memberName,
    week: fmt.week,
    date: fmt.date,
  };
  return (
    <div className="infeasible" role="alert" data-testid="plan-infeasible">
      <h3>{t('orders:infeasible.title', { code: orderCode })}</h3>
      <p>{t('orders:infeasible.explain', { status: apiLabel(t, 'PlanStatus', 'INFEASIBLE') })}</p>
      {violations.length > 0 ? (
        <>
          <h4>{t('orders:infeasible.rules')}</h4>
          <ul data-testid="plan-violations">
            {violations.map((v, i) => (
              <li key={i} data-kind={v.kind}>
                <b>{apiLabel(t, 'PlanViolationKind', v.kind)}</b>
                {violationPlaceText(t, v, words) && <span className="place"> — {violationPlaceText(t, v, words)}</span>}:{' '}
                <span translate="no">{v.message}</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">{t('orders:infeasible.noCandidate')}</p>
      )}
      {suggestions.length > 0 && (
        <>
          <h4>{t('orders:infeasible.whatToDo')}</h4>
          <ul data-testid="plan-suggestions">
            {suggestions.map((s, i) => (
              <li key={i} data-kind={s.kind}>
                <b>{suggestionActionText(t, s, words)}.</b> <span translate="no">{s.message}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
