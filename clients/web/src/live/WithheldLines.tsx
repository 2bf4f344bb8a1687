import type { WithheldMember } from '@clustergraph/sdk';
import { apiLabel } from '@clustergraph/i18n';
import { useI18n } from '../i18n/useI18n.ts';

/** "withheld by …": calm and grey, one line per firm — a sharing policy, not an outage. */
export function WithheldLines({
  members,
  memberName,
}: {
  members: ReadonlyArray<Pick<WithheldMember, 'memberId' | 'purpose'>>;
  memberName: (id: string) => string;
}) {
  const { t } = useI18n();
  if (members.length === 0) return null;
  return (
    <div className="withheld-lines" data-testid="live-withheld">
      {members.map((m) => (
        <div key={m.memberId} className="muted" data-testid={`withheld-${m.memberId}`}>
          {m.purpose
            ? t('live:withheldLineStatusFor', { firm: memberName(m.memberId), purpose: apiLabel(t, 'Purpose', m.purpose).toLowerCase().replace(/_/g, ' ') })
            : t('live:withheldLineStatus', { firm: memberName(m.memberId) })}
        </div>
      ))}
    </div>
  );
}
