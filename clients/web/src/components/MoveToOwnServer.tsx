import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import {
  BeginMemberMoveDocument,
  CancelMemberMoveDocument,
  DeleteHostedCopyDocument,
  MemberMoveDocument,
  UpdateMemberEndpointDocument,
  resolveEndpoint,
  type MemberMoveQuery,
} from '@clustergraph/sdk';
import { ApiErrors } from './ApiErrors.tsx';
import { ExportDone, useExportArchive } from './ExportMyData.tsx';
import { useI18n } from '../i18n/useI18n.ts';
import { API_ENDPOINT } from '../session.tsx';

type Deletion = NonNullable<MemberMoveQuery['member']>['copyDeletions'][number];

/** A command to copy, as the firm's IT runs it on its own server. */
function Command({ lines, testId }: { lines: string[]; testId: string }) {
  return (
    <pre className="command" data-testid={testId} translate="no">
      {lines.join('\n')}
    </pre>
  );
}

/**
 * "Move to our own server" (README "Leaving a cluster"), for the firm's admins: the steps in
 * order with where the firm stands — begin the move (the current server freezes; its last seq is
 * final), download the archive, the commands for the firm's own server, the endpoint switch
 * (checked by the cluster before it routes), and the old copy's deletion (the hosted copy from
 * here, recorded; a self-hosted one with `pnpm member:erase`).
 */
export function MoveToOwnServer({ memberId }: { memberId: string }) {
  const { t, fmt, label } = useI18n();
  const [{ data, error }, refetch] = useQuery({ query: MemberMoveDocument, variables: { id: memberId }, requestPolicy: 'cache-and-network' });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const member = data?.member;
  const [reason, setReason] = useState('');
  const [begun, begin] = useMutation(BeginMemberMoveDocument);
  const [cancelled, cancel] = useMutation(CancelMemberMoveDocument);
  const archive = useExportArchive(memberId);
  const [endpoint, setEndpoint] = useState('');
  const [switched, switchEndpoint] = useMutation(UpdateMemberEndpointDocument);
  const [switchedFrom, setSwitchedFrom] = useState<{ endpoint: string | null; hosting: string } | null>(null);
  const [deleted, deleteCopy] = useMutation(DeleteHostedCopyDocument);
  if (!member) return <ApiErrors error={error} />;

  const state = member.transfer?.state ?? null;
  const moving = state === 'MOVING';
  const fileName = archive.done?.fileName ?? t('myData:move.theFile');
  const database = 'postgres://…';
  // The gateway's public key, served beside its GraphQL endpoint.
  const jwks = new URL('/.well-known/jwks.json', resolveEndpoint(API_ENDPOINT)).toString();
  const selfHostedOldCopy = switchedFrom ? switchedFrom.hosting === 'SELF_HOSTED' : member.hosting === 'SELF_HOSTED';

  return (
    <section data-testid="move-firm">
      <h2>{t('myData:move.heading')}</h2>
      <p className="muted">{t('myData:move.intro')}</p>
      <p data-testid="move-current">
        {t('myData:move.current', {
          hosting: member.hosting === 'HOSTED' ? t('myData:move.hosted') : t('myData:move.ownServer'),
          endpoint: member.endpoint ?? '—',
        })}{' '}
        <b data-testid="move-state" data-state={state ?? 'UNKNOWN'}>
          {state ? label('MemberTransferState', state) : t('myData:move.stateUnknown')}
        </b>
        {member.transfer && (
          <span className="muted"> · {t('myData:move.stateDetail', { since: fmt.dateTime(member.transfer.since), seq: member.transfer.lastEventSeq })}</span>
        )}
      </p>
      <ApiErrors error={error} />
      <ol className="move-steps">
        <li data-testid="move-step-begin">
          <b>{t('myData:move.begin.title')}</b> <span className="muted">{t('myData:move.begin.what')}</span>
          {moving ? (
            <div className="inline-form">
              <span data-testid="move-moving">{t('myData:move.begin.moving', { seq: member.transfer!.lastEventSeq })}</span>
              <button
                type="button"
                disabled={cancelled.fetching}
                onClick={async () => {
                  if ((await cancel({ memberId })).data) reload();
                }}
              >
                {t('myData:move.begin.cancel')}
              </button>
            </div>
          ) : (
            state === 'SERVING' && (
              <form
                className="inline-form"
                onSubmit={async (e) => {
                  e.preventDefault();
                  if ((await begin({ memberId, reason: reason.trim() || null })).data) {
                    setReason('');
                    reload();
                  }
                }}
              >
                <input
                  aria-label={t('myData:move.begin.reason')}
                  placeholder={t('myData:move.begin.reason')}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  style={{ width: 280 }}
                />
                <button type="submit" className="primary" disabled={begun.fetching}>
                  {t('myData:move.begin.button')}
                </button>
              </form>
            )
          )}
          <ApiErrors error={begun.error ?? cancelled.error} />
        </li>
        <li data-testid="move-step-archive">
          <b>{t('myData:move.archive.title')}</b> <span className="muted">{t('myData:move.archive.what')}</span>
          <div className="inline-form">
            <button type="button" disabled={!moving || archive.fetching} onClick={() => void archive.exportNow()}>
              {archive.fetching ? t('myData:export.exporting') : t('myData:move.archive.button')}
            </button>
          </div>
          <ApiErrors error={archive.error} />
          {archive.done && <ExportDone done={archive.done} testId="move-archive-done" />}
        </li>
        <li data-testid="move-step-commands">
          <b>{t('myData:move.commands.title')}</b> <span className="muted">{t('myData:move.commands.what')}</span>
          <Command testId="move-import-command" lines={[`MEMBER_ID=${memberId} DATABASE_URL=${database} pnpm member:import --file ${fileName}`]} />
          <p className="muted">{t('myData:move.commands.start')}</p>
          <Command
            testId="move-start-command"
            lines={[
              `MEMBER_ID=${memberId} DATABASE_URL=${database} GATEWAY_JWKS_URL=${jwks} PORT=4101 \\`,
              `  pnpm --filter @clustergraph/member-subgraph start`,
            ]}
          />
          <p className="muted">{t('myData:move.commands.reach')}</p>
        </li>
        <li data-testid="move-step-switch">
          <b>{t('myData:move.switch.title')}</b> <span className="muted">{t('myData:move.switch.what')}</span>
          <form
            className="inline-form"
            onSubmit={async (e) => {
              e.preventDefault();
              const from = { endpoint: member.endpoint ?? null, hosting: member.hosting };
              const result = await switchEndpoint({ id: memberId, endpoint: endpoint.trim() });
              if (result.data) {
                setSwitchedFrom(from);
                setEndpoint('');
                reload();
              }
            }}
          >
            <input
              aria-label={t('myData:move.switch.endpoint')}
              placeholder="https://mes.example.kr/graphql"
              value={endpoint}
              onChange={(e) => setEndpoint(e.target.value)}
              style={{ width: 360 }}
            />
            <button type="submit" className="primary" disabled={!moving || switched.fetching || endpoint.trim() === ''}>
              {switched.fetching ? t('myData:move.switch.checking') : t('myData:move.switch.button')}
            </button>
          </form>
          <ApiErrors error={switched.error} />
          {switched.data && <p data-testid="move-switched">{t('myData:move.switch.done', { endpoint: switched.data.updateMemberEndpoint.endpoint ?? '' })}</p>}
        </li>
        <li data-testid="move-step-delete">
          <b>{t('myData:move.delete.title')}</b>{' '}
          {member.hosting === 'HOSTED' ? (
            <>
              <span className="muted">{t('myData:move.delete.hostedWhat')}</span>
              <div className="inline-form">
                <button
                  type="button"
                  className="danger"
                  disabled={moving || deleted.fetching}
                  onClick={async () => {
                    if ((await deleteCopy({ id: memberId })).data) reload();
                  }}
                >
                  {t('myData:move.delete.button')}
                </button>
              </div>
            </>
          ) : (
            selfHostedOldCopy && (
              <>
                <span className="muted">{t('myData:move.delete.selfHostedWhat')}</span>
                <Command testId="move-erase-command" lines={[`MEMBER_ID=${memberId} DATABASE_URL=${database} pnpm member:erase --confirm ${memberId}`]} />
              </>
            )
          )}
          <ApiErrors error={deleted.error} />
          <CopyDeletions deletions={member.copyDeletions} />
        </li>
      </ol>
    </section>
  );
}

/** The recorded deletions of the firm's hosted copies (who, when, what the host said). */
export function CopyDeletions({ deletions }: { deletions: readonly Pick<Deletion, 'endpoint' | 'deletedBy' | 'deletedAt' | 'recordedAt' | 'hostRecord'>[] }) {
  const { t, fmt } = useI18n();
  if (deletions.length === 0) return null;
  return (
    <ul data-testid="copy-deletions">
      {deletions.map((d) => (
        <li key={`${d.recordedAt}|${d.endpoint}`} data-testid="copy-deletion">
          {t('myData:move.delete.record', {
            endpoint: d.endpoint,
            by: d.deletedBy,
            deletedAt: fmt.dateTime(d.deletedAt),
            recordedAt: fmt.dateTime(d.recordedAt),
          })}{' '}
          <code className="muted small" translate="no">
            {d.hostRecord}
          </code>
        </li>
      ))}
    </ul>
  );
}
