import { useQuery } from 'urql';
import { FirmSetupDocument, addWeeks, mondayOf } from '@clustergraph/sdk';
import { ApiErrors } from '../components/ApiErrors.tsx';
import { useSession } from '../session.tsx';
import { SetupCapabilities } from './SetupCapabilities.tsx';
import { SetupCapacity } from './SetupCapacity.tsx';
import { SetupLines } from './SetupLines.tsx';

/** Weeks of the capacity calendar, from this week on. */
export const CALENDAR_WEEKS = 8;

const TEXT = {
  title: 'Setup',
  intro: 'Your firm’s own shop-floor data, kept on your member server: lines, capabilities and the weekly capacity calendar the leader plans with.',
};

/** The signed-in firm's setup: lines, capabilities, capacity calendar (forms over the member mutations). */
export function SetupPage() {
  const { session } = useSession();
  const memberId = session!.memberId;
  const from = mondayOf();
  const to = addWeeks(from, CALENDAR_WEEKS - 1);
  const [{ data, error, fetching }, refetch] = useQuery({ query: FirmSetupDocument, variables: { memberId, from, to }, requestPolicy: 'cache-and-network' });
  const member = data?.member;
  const reload = () => refetch({ requestPolicy: 'network-only' });

  return (
    <div className="page" data-testid="setup-page">
      <h1>
        {TEXT.title}
        {member ? ` · ${member.name}` : ''}
      </h1>
      <p className="muted">{TEXT.intro}</p>
      <ApiErrors error={error} data={data} />
      {fetching && !data && <p>Loading…</p>}
      {member && (
        <>
          <SetupLines memberId={memberId} lines={member.lines ?? []} onSaved={reload} />
          <SetupCapabilities memberId={memberId} capabilities={member.capabilities ?? []} onSaved={reload} />
          <SetupCapacity memberId={memberId} weekStarts={weeks(from)} buckets={member.capacity ?? []} onSaved={reload} />
        </>
      )}
    </div>
  );
}

function weeks(from: string): string[] {
  return Array.from({ length: CALENDAR_WEEKS }, (_, i) => addWeeks(from, i));
}
