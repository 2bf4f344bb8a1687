import type { WithheldMember } from '@clustergraph/sdk';

/** "withheld by …": calm and grey, one line per firm — a sharing policy, not an outage. */
export function WithheldLines({
  members,
  memberName,
}: {
  members: ReadonlyArray<Pick<WithheldMember, 'memberId' | 'purpose'>>;
  memberName: (id: string) => string;
}) {
  if (members.length === 0) return null;
  return (
    <div className="withheld-lines" data-testid="live-withheld">
      {members.map((m) => (
        <div key={m.memberId} className="muted" data-testid={`withheld-${m.memberId}`}>
          withheld by {memberName(m.memberId)}&apos;s sharing policy: its line status{m.purpose ? ` for ${m.purpose.toLowerCase().replace(/_/g, ' ')}` : ''} is
          not shared with you
        </div>
      ))}
    </div>
  );
}
