import { useQuery } from 'urql';
import { FirmSetupDocument, addWeeks, mondayOf } from '@clustergraph/sdk';
import { ApiErrors } from '../components/ApiErrors.tsx';
import { useI18n } from '../i18n/useI18n.ts';
import { useSession } from '../session.tsx';
import { SetupCapabilities } from './SetupCapabilities.tsx';
import { SetupCapacity } from './SetupCapacity.tsx';
import { SetupLines } from './SetupLines.tsx';

/** Weeks of the capacity calendar, from this week on. */
export const CALENDAR_WEEKS = 8;

/** The signed-in firm's setup: lines, capabilities, capacity calendar (forms over the member mutations). */
export function SetupPage() {
  const { t, firm } = useI18n();
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
        {t('setup:title')}
        {member ? ` · ${firm(member)}` : ''}
      </h1>
      <p className="muted">{t('setup:intro')}</p>
      <ApiErrors error={error} data={data} />
      {fetching && !data && <p>{t('common:loading')}</p>}
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
