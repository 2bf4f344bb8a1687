import { useEffect, useMemo, useState } from 'react';
import { CombinedError, useQuery } from 'urql';
import { ErrorCode, LiveLinesDocument, type LineState, type LiveLinesQuery } from '@clustergraph/sdk';
import { ApiErrors, MissingData, problemsOf } from '../components/ApiErrors.tsx';
import { Chart, type ChartOption } from '../charts/Chart.tsx';
import { timeBarRenderItem } from '../charts/timeBars.ts';
import { LINE_STATE_COLOURS } from '../format.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { lineKey, useLineStatusFeed } from '../live/useLineStatusFeed.ts';
import { WithheldLines } from '../live/WithheldLines.tsx';

type MemberRow = LiveLinesQuery['members'][number];
type LineRow = NonNullable<MemberRow['lines']>[number];
interface TimelineEvent {
  seq: number;
  state: LineState;
  at: string;
  reasonCode?: string | null | undefined;
}

/** The query's errors other than "withheld" (shown calmly apart), or undefined when none is left. */
function notWithheld(error: CombinedError | undefined): CombinedError | undefined {
  if (!error) return undefined;
  const graphQLErrors = error.graphQLErrors.filter((e) => e.extensions?.['code'] !== ErrorCode.FORBIDDEN);
  if (!error.networkError && graphQLErrors.length === 0) return undefined;
  return new CombinedError({ graphQLErrors, ...(error.networkError ? { networkError: error.networkError } : {}) });
}
const TIMELINE_HOURS = 8;

/** Every visible line coloured by state, kept current by the gateway's lineStatusChanged subscription. */
export function LivePage() {
  const { t, label, ago, firm } = useI18n();
  const [{ data, error, fetching }] = useQuery({ query: LiveLinesDocument, variables: { limit: 50 }, requestPolicy: 'network-only' });
  const feed = useLineStatusFeed();
  const live = feed.events;
  const [selected, setSelected] = useState<string | null>(null);
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 30_000);
    return () => clearInterval(timer);
  }, []);

  const members = useMemo(() => data?.members ?? [], [data]);
  const names = useMemo(() => new Map(members.map((m) => [m.id, firm(m)])), [members, firm]);
  const problems = useMemo(() => problemsOf(error, data), [error, data]);
  // Withheld firms, from the subscription's notice and from the board's query, one line each.
  const withheld = useMemo(() => {
    const byMember = new Map(feed.withheld.map((m) => [m.memberId, { memberId: m.memberId, purpose: m.purpose }]));
    for (const p of problems.values())
      if (p.kind === 'withheld' && !byMember.has(p.memberId)) byMember.set(p.memberId, { memberId: p.memberId, purpose: null });
    return [...byMember.values()];
  }, [feed.withheld, problems]);
  const alarms = useMemo(() => notWithheld(error), [error]);

  const eventsOf = (line: LineRow): TimelineEvent[] => {
    const stored = (line.recentEvents ?? []).map((e) => ({ seq: e.seq, state: e.state, at: e.at, reasonCode: e.reasonCode }));
    const fresh = live.get(lineKey(line.memberId, line.id)) ?? [];
    const bySeq = new Map([...stored, ...fresh].map((e) => [e.seq, e]));
    return [...bySeq.values()].sort((a, b) => b.seq - a.seq);
  };
  const stateOf = (line: LineRow) => {
    const latest = eventsOf(line)[0];
    if (latest && latest.seq >= (line.status?.seq ?? 0)) return { state: latest.state, since: latest.at, reasonCode: latest.reasonCode };
    return line.status ? { state: line.status.state, since: line.status.since, reasonCode: line.status.reasonCode } : null;
  };
  const selectedLine = members.flatMap((m) => m.lines ?? []).find((l) => lineKey(l.memberId, l.id) === selected);

  return (
    <div className="page" data-testid="live-page">
      <div className="drill-head">
        <h1>{t('live:title')}</h1>
        <span className={`live-mark ${feed.interruption !== null ? 'bad' : ''}`} data-testid="live-connection">
          {feed.interruption !== null ? t('live:interrupted', { reason: feed.interruption || t('live:connectionClosed') }) : t('live:live')}
        </span>
      </div>
      <p className="muted">{t('live:intro')}</p>
      <WithheldLines members={withheld} memberName={(id) => names.get(id) ?? id} />
      <ApiErrors error={alarms} data={data} memberName={(id) => names.get(id) ?? id} />
      {fetching && !data && <p>{t('live:loading')}</p>}
      <div className="legend-row">
        {Object.entries(LINE_STATE_COLOURS).map(([state, colour]) => (
          <span key={state}>
            <span className="dot" style={{ background: colour }} />
            {label('LineState', state).toLowerCase()}
          </span>
        ))}
      </div>
      <div className="board" data-testid="live-board">
        {members.map((m) => (
          <section key={m.id} className="board-member" data-testid={`board-${m.id}`}>
            <h3>{firm(m)}</h3>
            {!m.lines && (
              <div className="line-tile unreachable-tile">
                <MissingData problem={problems.get(m.id)} memberName={firm(m)} />
              </div>
            )}
            {m.lines?.map((line) => {
              const status = stateOf(line);
              return (
                <button
                  type="button"
                  key={line.id}
                  className={`line-tile ${selected === lineKey(line.memberId, line.id) ? 'selected' : ''}`}
                  data-testid={`tile-${line.id}`}
                  data-state={status?.state ?? 'UNKNOWN'}
                  style={{ background: status ? LINE_STATE_COLOURS[status.state] : '#e3e7ec', color: status ? '#fff' : '#555' }}
                  onClick={() => setSelected(lineKey(line.memberId, line.id))}
                >
                  <b>{line.name}</b>
                  <span>
                    {status ? (
                      `${label('LineState', status.state)}${status.reasonCode ? ` · ${status.reasonCode}` : ''}`
                    ) : (
                      <MissingData problem={problems.get(m.id)} memberName={firm(m)} />
                    )}
                  </span>
                  {status && <span className="small">{t('live:since', { ago: ago(status.since) })}</span>}
                </button>
              );
            })}
          </section>
        ))}
      </div>
      {selectedLine && <LineTimeline line={selectedLine} events={eventsOf(selectedLine)} />}
    </div>
  );
}

function LineTimeline({ line, events }: { line: LineRow; events: TimelineEvent[] }) {
  const { t, fmt, label } = useI18n();
  const now = Date.now();
  const from = now - TIMELINE_HOURS * 3_600_000;
  const ascending = [...events].reverse();
  const bars = ascending.map((e, i) => {
    const start = Math.max(from, Date.parse(e.at));
    const end = i + 1 < ascending.length ? Date.parse(ascending[i + 1]!.at) : now;
    return { value: [0, start, end, e.state, e.reasonCode ?? ''], itemStyle: { color: LINE_STATE_COLOURS[e.state] } };
  });
  const option: ChartOption = {
    tooltip: {
      formatter: (p: { value: [number, number, number, string, string] }) =>
        `${label('LineState', p.value[3])} ${p.value[4]}<br/>${fmt.time(p.value[1])} – ${fmt.time(p.value[2])}`,
    },
    grid: { left: 20, right: 20, top: 10, bottom: 30 },
    xAxis: { type: 'time', min: from, max: now },
    yAxis: { type: 'category', data: [line.name], show: false },
    series: [{ type: 'custom', renderItem: timeBarRenderItem, encode: { x: [1, 2], y: 0 }, data: bars }],
  } as ChartOption;
  return (
    <section className="card" data-testid="line-timeline">
      <h3>
        {line.name} · {t('live:timeline.last', { hours: TIMELINE_HOURS })}
      </h3>
      {events.length === 0 ? <p className="muted">{t('live:timeline.none')}</p> : <Chart option={option} style={{ height: 110 }} />}
      <table>
        <thead>
          <tr>
            <th>{t('live:timeline.seq')}</th>
            <th>{t('live:timeline.when')}</th>
            <th>{t('live:timeline.state')}</th>
            <th>{t('live:timeline.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {events.slice(0, 10).map((e) => (
            <tr key={e.seq}>
              <td>{e.seq}</td>
              <td title={e.at}>{fmt.time(e.at)}</td>
              <td>
                <span className="state" style={{ background: LINE_STATE_COLOURS[e.state] }}>
                  {label('LineState', e.state)}
                </span>
              </td>
              <td>{e.reasonCode ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
