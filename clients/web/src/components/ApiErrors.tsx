import type { CombinedError } from 'urql';
import { classifyErrors, errorMemberId, memberProblems, type GraphQLFormattedError, type MemberProblem } from '@clustergraph/sdk';
import { apiLabel, describeApiError, describeProblem, withheldErrorDetail } from '@clustergraph/i18n';
import { useI18n } from '../i18n/useI18n.ts';

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

/**
 * API errors in words, above the data that did arrive. Data a firm withholds by its sharing
 * policy is normal: one calm grey line per firm, naming what it withholds. A firm that did not
 * answer, a refusal of the viewer, or the gateway out of reach is an alarm, in red. The API's
 * messages stay English; the reader's language says what kind of error each is (by code).
 */
export function ApiErrors({
  error,
  memberName = (id) => id,
  data,
  onRetry,
}: {
  error: CombinedError | undefined;
  memberName?: (id: string) => string;
  data?: unknown;
  /** Asks again; offered beside an alarm (never beside data that is only withheld: asking again changes nothing). */
  onRetry?: () => void;
}) {
  const { t } = useI18n();
  if (!error) return null;
  const { withheld, unreachable, other } = classifyErrors(formattedErrors(error), data);
  const alarms = new Set<string>();
  // A write whose tries all failed in transport says so itself ("…unknown; it is safe to retry").
  if (error.networkError)
    alarms.add(
      error.networkError.name === 'WriteOutcomeUnknownError'
        ? t('api:problem.writeOutcomeUnknown')
        : t('api:problem.gatewayUnreachable', { message: error.networkError.message }),
    );
  for (const e of [...unreachable, ...other]) alarms.add(describeApiError(t, e, memberName, data));
  const byFirm = new Map<string, Set<string>>();
  for (const e of withheld) {
    const memberId = errorMemberId(e, data)!;
    byFirm.set(memberId, (byFirm.get(memberId) ?? new Set()).add(withheldErrorDetail(t, e)));
  }
  return (
    <>
      {alarms.size > 0 && (
        <div className="api-errors" role="alert">
          {[...alarms].map((m) => (
            <div key={m}>⚠ {m}</div>
          ))}
          {onRetry && (
            <button type="button" className="retry" onClick={onRetry}>
              {t('common:tryAgain')}
            </button>
          )}
        </div>
      )}
      {byFirm.size > 0 && (
        <div className="withheld-notes" role="status" data-testid="withheld-notes">
          {[...byFirm].map(([memberId, details]) => {
            const named = [...details].filter(Boolean);
            const firm = t('api:problem.withheldBy', { firm: memberName(memberId) });
            return (
              <div key={memberId} data-testid={`withheld-${memberId}`}>
                {named.length ? t('common:withheldWith', { withheld: firm, what: named.join(', ') }) : firm}
              </div>
            );
          })}
        </div>
      )}
    </>
  );
}

/** The words shown in a cell whose member data is missing. */
export function MissingData({ problem, memberName }: { problem: MemberProblem | undefined; memberName: string }) {
  const { t } = useI18n();
  if (!problem) return <span className="muted">—</span>;
  return <span className={`missing missing-${problem.kind}`}>{describeProblem(t, problem, memberName)}</span>;
}

/** Which purpose a view's reads were checked against (the owners' policies grant per purpose). */
export function PurposeNote({ purpose }: { purpose: string }) {
  const { t } = useI18n();
  return (
    <span className="purpose-note" data-testid="purpose-note">
      {t('common:askedFor', { purpose: apiLabel(t, 'Purpose', purpose) })}
    </span>
  );
}
