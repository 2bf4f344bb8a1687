import {
  ErrorCodes,
  errorCode,
  errorMemberId,
  lineStatusSummary,
  type GraphQLFormattedError,
  type LineStatusSummary,
  type MemberProblem,
  type NeighbourOperationFieldsFragment,
  type PlanSuggestionFieldsFragment,
  type PlanViolationFieldsFragment,
  type WithheldMember,
  type standardEnums,
} from '@clustergraph/sdk';

/**
 * A message looked up by `namespace:key` with its ICU arguments. The console wraps react-i18next's
 * `t`, the CLI its own instance's; both are plain functions of this shape, so the words of the API
 * below are the same in both clients.
 */
export type Translate = (key: string, values?: Record<string, unknown>) => string;

export type StandardEnum = keyof typeof standardEnums;

/** One of the standard's enum values in words ("HEAT_TREATMENT" → "열처리" / "Heat treatment"); an unknown value as it is. */
export function apiLabel<E extends StandardEnum>(t: Translate, enumName: E, value: (typeof standardEnums)[E][number] | (string & {})): string {
  return t(`api:enum.${enumName}.${value}`, { defaultValue: value });
}

function extension(error: GraphQLFormattedError, key: string): string | undefined {
  const value = error.extensions?.[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * An API error in the reader's language. The API's message stays English (it is the API's, and
 * what a support desk searches for); in Korean the client first says what kind of error it is,
 * from `extensions.code` (and the field it names). A code it has no words for — a service's own —
 * shows the message alone, as English does for every code but the few it words itself.
 */
export function describeApiError(t: Translate, error: GraphQLFormattedError, memberName: (id: string) => string = (id) => id, data?: unknown): string {
  const memberId = errorMemberId(error, data);
  const firm = memberId ? memberName(memberId) : undefined;
  const code = errorCode(error);
  switch (code) {
    case ErrorCodes.memberUnavailable:
      return t('api:problem.unreachable', { firm: firm ?? t('api:problem.someMember') });
    case ErrorCodes.forbidden:
      // A refusal of the viewer's role (`required`: OWNER, OWNER_ADMIN…) is not a sharing policy: its message says what is needed.
      if (extension(error, 'required')) return t('api:errorWithMessage', { category: t('api:error.FORBIDDEN'), message: error.message });
      return firm ? t('api:problem.withheldBy', { firm }) : t('api:problem.withheldByOwner', { message: error.message });
    case ErrorCodes.writeOutcomeUnknown:
      return firm ? t('api:problem.writeOutcomeUnknownAt', { firm }) : t('api:problem.writeOutcomeUnknown');
    case ErrorCodes.multiPartWrite:
      return t('api:problem.multiPartWrite', { message: error.message });
    case ErrorCodes.unauthenticated:
      return t('api:problem.unauthenticated', { message: error.message });
    default: {
      const category = code ? t(`api:error.${code}`, { defaultValue: '' }) : '';
      // A service's own code (not the standard's) has no words here: its message says it all.
      if (!code || !category || category.includes(code)) return error.message;
      const field = extension(error, 'field');
      return t('api:errorWithMessage', { category: field ? `${category} (${field})` : category, message: error.message });
    }
  }
}

/** What to show in place of a member's missing data: calm for withheld, an alarm for unreachable. */
export function describeProblem(t: Translate, problem: MemberProblem, memberName: string): string {
  switch (problem.kind) {
    case 'unreachable':
      return t('api:problem.unreachable', { firm: memberName });
    case 'withheld':
      return t('api:problem.withheldBy', { firm: memberName });
    case 'error':
      return t('api:problem.memberError', { firm: memberName, message: problem.message });
    default: {
      const unreachable: never = problem.kind;
      throw new Error(`unknown problem kind ${String(unreachable)}`);
    }
  }
}

/** "CAPACITY for JOINT_PLANNING" / "공동 생산계획 목적의 생산능력": what a withheld error or notice names besides the firm. */
export function withheldWhat(t: Translate, category: string | null | undefined, purpose: string | null | undefined): string {
  const categoryText = category ? apiLabel(t, 'DataCategory', category) : undefined;
  const purposeText = purpose ? apiLabel(t, 'PolicyPurpose', purpose) : undefined;
  if (categoryText && purposeText) return t('api:detail.categoryForPurpose', { category: categoryText, purpose: purposeText });
  if (categoryText) return t('api:detail.category', { category: categoryText });
  if (purposeText) return t('api:detail.forPurpose', { purpose: purposeText });
  return '';
}

export function withheldErrorDetail(t: Translate, error: GraphQLFormattedError): string {
  return withheldWhat(t, extension(error, 'category'), extension(error, 'purpose'));
}

/** "dongbang-mold (LINE_STATUS for MONITORING)", in the reader's language. */
export function describeWithheldMember(t: Translate, member: WithheldMember, nameOf: (memberId: string) => string = (id) => id): string {
  const what = withheldWhat(t, member.category, member.purpose);
  return what ? `${nameOf(member.memberId)} (${what})` : nameOf(member.memberId);
}

/** A member's lines in one cell ("1/2 running"), never a zero made up of withheld data. */
export function lineSummaryText(
  t: Translate,
  lines: ReadonlyArray<{ status?: { state: string } | null }>,
  problem: MemberProblem | undefined,
): LineStatusSummary {
  const summary = lineStatusSummary(lines, problem);
  const { total, known, running, unknown } = summary.counts;
  const text =
    total > 0 && known === 0
      ? t('api:lineSummary.noneKnown', { lines: t('api:lineSummary.lines', { count: total }), why: summary.why })
      : unknown > 0
        ? t('api:lineSummary.someKnown', { running, known, unknown, why: summary.why })
        : t('api:lineSummary.allKnown', { running, total });
  return { ...summary, text };
}

/** How plan texts name processes, firms, weeks and dates (the CLI's English keeps the API's process values). */
export interface PlanWords {
  process(value: string): string;
  firm(memberId: string): string;
  week(weekStart: string): string;
  date(iso: string): string;
}

/** Where a plan rule broke: "operation 1 (HEAT_TREATMENT) · Heat Partner · 2026-W50" (the parts that are known). */
export function violationPlaceText(t: Translate, violation: PlanViolationFieldsFragment, words: PlanWords): string {
  const process = violation.process ? words.process(violation.process) : undefined;
  return [
    violation.operationIndex != null
      ? process
        ? t('api:plan.operationProcess', { index: violation.operationIndex, process })
        : t('api:plan.operation', { index: violation.operationIndex })
      : process,
    violation.memberId ? words.firm(violation.memberId) : undefined,
    violation.weekStart ? words.week(violation.weekStart) : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** What the leader can do, as a short imperative ("Extend the due date to 2026-12-24"); the server's message says more. */
export function suggestionActionText(t: Translate, suggestion: PlanSuggestionFieldsFragment, words: PlanWords): string {
  const process = suggestion.process ? words.process(suggestion.process) : undefined;
  switch (suggestion.kind) {
    case 'EXTEND_DUE_DATE':
      return suggestion.dueDate ? t('api:plan.extendDueDateTo', { date: words.date(suggestion.dueDate) }) : t('api:plan.extendDueDate');
    case 'ALLOW_MEMBER':
      if (suggestion.memberId) {
        const firm = words.firm(suggestion.memberId);
        return process ? t('api:plan.allowMemberFor', { firm, process }) : t('api:plan.allowMember', { firm });
      }
      return process ? t('api:plan.admitPartnerFor', { process }) : t('api:plan.admitPartner');
    case 'ACCEPT_LATENESS':
      return suggestion.completionDate ? t('api:plan.acceptLatenessUntil', { date: words.date(suggestion.completionDate) }) : t('api:plan.acceptLateness');
    default:
      return apiLabel(t, 'PlanSuggestionKind', suggestion.kind);
  }
}

/** "5 min ago" / "5분 전". */
export function timeAgo(t: Translate, iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const minutes = Math.round((now - Date.parse(iso)) / 60_000);
  if (minutes < 1) return t('api:relative.justNow');
  if (minutes < 60) return t('api:relative.minutes', { count: minutes });
  const hours = Math.round(minutes / 60);
  return hours < 48 ? t('api:relative.hours', { count: hours }) : t('api:relative.days', { count: Math.round(hours / 24) });
}

/** "op 1 HEAT_TREATMENT: Sejin Heat Treatment W51 (300)" — an operation next to an allocation and who does it. */
export function neighbourText(
  t: Translate,
  operation: NeighbourOperationFieldsFragment | null | undefined,
  words: { process(value: string): string; firm(member: { name: string; localName?: string | null }): string; week(weekStart: string): string },
): string {
  if (!operation) return '—';
  const who = operation.assignments.length
    ? operation.assignments.map((a) => t('api:plan.assignment', { firm: words.firm(a.member), week: words.week(a.weekStart), quantity: a.quantity })).join(', ')
    : t('api:plan.notPlanned');
  return t('api:plan.neighbour', { index: operation.operationIndex, process: words.process(operation.process), who });
}
