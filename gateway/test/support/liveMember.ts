import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError, buildSchema, graphql } from 'graphql';
import { WebSocketServer, type WebSocket } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { memberSdl } from '@clustergraph/schema';
import { SubscriptionNotice, answerSubscriptionNotices, bearerToken, type ForwardedAuth, type ServiceTokenVerifier } from '@clustergraph/runtime';

/**
 * A member-shaped subgraph serving `lineStatusChanged` over graphql-ws and the entity
 * fields the gateway's plans ask of it, on one port — for gateway tests that need a member
 * that can be stopped and restarted (same port) without a database. Events are published
 * by the test, numbered per member, and replayed after a cursor like the real member does.
 */
const LIVE_MEMBER_SCHEMA = buildSchema(`
  scalar _Any
  scalar DateTime
  type _Service { sdl: String }
  union _Entity = Member | Line
  enum LineState { RUNNING IDLE DOWN CHANGEOVER MAINTENANCE OFFLINE }
  input MemberCursor { memberId: ID! seq: Int! }
  type Line { memberId: ID! id: ID! name: String! }
  type Member { id: ID! smartFactoryLevel: Int }
  type LineStatusEvent { memberId: ID! seq: Int! eventId: ID! lineId: ID! line: Line! member: Member!
    state: LineState! previousState: LineState at: DateTime! reasonCode: String cycleTimeSeconds: Float goodCount: Int scrapCount: Int }
  input LineEventInput { eventId: ID! lineId: ID! state: LineState! at: DateTime reasonCode: String cycleTimeSeconds: Float goodCount: Int scrapCount: Int }
  type ReportLineEventsResult { accepted: Int! duplicates: Int! events: [LineStatusEvent!]! }
  type Query { _entities(representations: [_Any!]!): [_Entity]! _service: _Service! }
  type Mutation { reportLineEvents(memberId: ID, events: [LineEventInput!]!): ReportLineEventsResult! }
  type Subscription { lineStatusChanged(memberIds: [ID!], lineIds: [ID!], states: [LineState!], resumeFrom: [MemberCursor!]): LineStatusEvent! }
`);

export interface LiveEvent {
  memberId: string;
  seq: number;
  eventId: string;
  lineId: string;
  state: string;
  previousState: string | null;
  at: string;
  reasonCode: string | null;
}

interface SubscriptionArgs {
  memberIds?: string[] | null;
  lineIds?: string[] | null;
  states?: string[] | null;
  resumeFrom?: Array<{ memberId: string; seq: number }> | null;
}

export interface LiveMember {
  memberId: string;
  url: string;
  events: LiveEvent[];
  /** Arguments of every subscription the member accepted, and the auth it came with. */
  subscriptions: Array<{ args: SubscriptionArgs; auth: ForwardedAuth }>;
  /** Open graphql-ws subscriptions right now. */
  readonly activeSubscriptions: number;
  /** Reason codes whose field errors with FORBIDDEN (a policy check stand-in). */
  forbiddenReasonCodes: Set<string>;
  /** Replay this many events before the cursor too (a sloppy member), to exercise the gateway's de-duplication. */
  replayOverlap: number;
  /**
   * Withholds the stream as the real member does (README "Live line status"): open
   * subscriptions get one notice and no events until `withhold(false)` sends "shared again";
   * new subscriptions start with the notice.
   */
  withhold(on: boolean): void;
  /** Refuse subscriptions the old way (a FORBIDDEN answer, then complete), as another firm's member might. */
  refuseAtSubscribe: boolean;
  /** Withheld notices sent (one per subscription and change), for the "once" assertions. */
  readonly noticesSent: number;
  publish(lineId: string, state: string, reasonCode?: string | null): LiveEvent;
  /** Crash: cut every socket and stop listening (events stay stored). */
  kill(): Promise<void>;
  /** Listen again on the same port. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

class EventQueue<T> implements AsyncIterableIterator<T> {
  private readonly buffered: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private done = false;

  constructor(private readonly onReturn: () => void) {}

  push(value: T): void {
    if (this.done) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value, done: false });
    } else this.buffered.push(value);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffered.length > 0) return Promise.resolve({ value: this.buffered.shift()!, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.done = true;
    this.onReturn();
    this.waiting?.({ value: undefined, done: true });
    this.waiting = null;
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startLiveMember(memberId: string, verifier: ServiceTokenVerifier): Promise<LiveMember> {
  const events: LiveEvent[] = [];
  const live = new Set<(event: LiveEvent) => void>();
  const subscriptions: LiveMember['subscriptions'] = [];
  const forbiddenReasonCodes = new Set<string>();
  const queues = new Set<EventQueue<Record<string, unknown>>>();
  let withholding = false;
  let noticesSent = 0;
  const notice = (on: boolean) => {
    noticesSent++;
    const response = on
      ? {
          data: null,
          errors: [
            {
              message: `${memberId} does not share this`,
              path: ['lineStatusChanged'],
              extensions: { code: 'FORBIDDEN', category: 'LINE_STATUS', purpose: 'MONITORING', memberId, reason: 'NO_POLICY' },
            },
          ],
          extensions: { withheld: [{ memberId, category: 'LINE_STATUS', purpose: 'MONITORING', reason: 'NO_POLICY' }] },
        }
      : { data: null, extensions: { withheld: [] } };
    return {
      lineStatusChanged: () => {
        throw new SubscriptionNotice(response);
      },
    };
  };
  const lineName = (lineId: string) => `${memberId} line ${lineId.split('-').at(-1)}`;
  const member = (id: string) => ({ __typename: 'Member', id, smartFactoryLevel: 3 });
  const line = (id: string) => ({ __typename: 'Line', memberId, id, name: lineName(id) });
  const eventView = (event: LiveEvent) => ({
    ...event,
    line: line(event.lineId),
    member: member(memberId),
    reasonCode: () => {
      if (event.reasonCode && forbiddenReasonCodes.has(event.reasonCode)) {
        throw new GraphQLError(`LINE_STATUS reason codes of ${memberId} are not shared for MONITORING`, { extensions: { code: 'FORBIDDEN' } });
      }
      return event.reasonCode;
    },
  });
  const matches = (args: SubscriptionArgs, event: LiveEvent) =>
    (!args.lineIds || args.lineIds.includes(event.lineId)) && (!args.states || args.states.includes(event.state));

  const roots = {
    subscription: {
      lineStatusChanged: (args: SubscriptionArgs) => {
        if (handle.refuseAtSubscribe && ++noticesSent)
          throw new GraphQLError(`${memberId} does not share this`, {
            extensions: { code: 'FORBIDDEN', category: 'LINE_STATUS', purpose: 'MONITORING', memberId, reason: 'NO_POLICY' },
          });
        let listener: ((event: LiveEvent) => void) | null = null;
        const queue: EventQueue<Record<string, unknown>> = new EventQueue(() => {
          if (listener) live.delete(listener);
          queues.delete(queue);
        });
        if (args.memberIds && !args.memberIds.includes(memberId)) return queue;
        queues.add(queue);
        if (withholding) queue.push(notice(true));
        const cursor = args.resumeFrom?.find((c) => c.memberId === memberId);
        if (cursor)
          for (const event of events)
            if (event.seq > cursor.seq - handle.replayOverlap && matches(args, event)) queue.push({ lineStatusChanged: eventView(event) });
        listener = (event) => {
          if (matches(args, event) && !withholding) queue.push({ lineStatusChanged: eventView(event) });
        };
        live.add(listener);
        return queue;
      },
    },
  };

  const rootValue = {
    _service: () => ({ sdl: memberSdl }),
    reportLineEvents: ({
      memberId: target,
      events: input,
    }: {
      memberId?: string | null;
      events: Array<{ lineId: string; state: string; reasonCode?: string | null }>;
    }) => {
      if (target != null && target !== memberId) throw new GraphQLError(`this is member ${memberId}, not ${target}`);
      const published = input.map((e) => handle.publish(e.lineId, e.state, e.reasonCode ?? null));
      return { accepted: published.length, duplicates: 0, events: published.map(eventView) };
    },
    _entities: ({ representations }: { representations: Array<Record<string, string>> }) =>
      representations.map((rep) => (rep['__typename'] === 'Member' ? member(rep['id']!) : rep['memberId'] === memberId ? line(rep['id']!) : null)),
  };

  const sockets = new Set<WebSocket>();
  let server: Server;
  let wss: WebSocketServer;
  let port = 0;
  let activeSubscriptions = 0;

  const listen = async () => {
    server = createServer(async (req, res) => {
      const body = JSON.parse(await readBody(req)) as { query: string; variables?: Record<string, unknown>; operationName?: string };
      const auth = await verifier.verify(bearerToken(req.headers.authorization));
      if (!auth) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'gateway token required' }] }));
        return;
      }
      const result = await graphql({
        schema: LIVE_MEMBER_SCHEMA,
        source: body.query,
        rootValue,
        variableValues: body.variables ?? {},
        operationName: body.operationName ?? null,
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    });
    wss = new WebSocketServer({ server, path: '/graphql' });
    wss.on('connection', (socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    useServer<Record<string, unknown>, { auth?: ForwardedAuth }>(
      {
        schema: LIVE_MEMBER_SCHEMA,
        roots,
        onConnect: async (ctx) => {
          const raw = ctx.connectionParams?.['authorization'];
          const auth = await verifier.verify(bearerToken(typeof raw === 'string' ? raw : undefined));
          if (!auth) return false;
          ctx.extra.auth = auth;
          return true;
        },
        onSubscribe: (ctx, _id, payload) => {
          subscriptions.push({ args: extractArgs(payload.variables ?? {}), auth: ctx.extra.auth! });
          activeSubscriptions++;
        },
        onComplete: () => {
          activeSubscriptions--;
        },
        // As lib/runtime's service app: a SubscriptionNotice answers the event with its own response.
        onNext: answerSubscriptionNotices,
      },
      wss,
    );
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
    port = (server.address() as AddressInfo).port;
  };

  const kill = async () => {
    for (const socket of sockets) socket.terminate();
    wss.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  await listen();
  const handle: LiveMember = {
    memberId,
    url: `http://127.0.0.1:${port}/graphql`,
    events,
    subscriptions,
    get activeSubscriptions() {
      return activeSubscriptions;
    },
    forbiddenReasonCodes,
    publish(lineId, state, reasonCode = null) {
      const previous = [...events].reverse().find((e) => e.lineId === lineId);
      const event: LiveEvent = {
        memberId,
        seq: events.length + 1,
        eventId: `${memberId}-e${events.length + 1}`,
        lineId,
        state,
        previousState: previous?.state ?? null,
        at: new Date().toISOString(),
        reasonCode,
      };
      events.push(event);
      for (const listener of live) listener(event);
      return event;
    },
    replayOverlap: 0,
    refuseAtSubscribe: false,
    get noticesSent() {
      return noticesSent;
    },
    withhold(on) {
      if (on === withholding) return;
      withholding = on;
      for (const queue of queues) queue.push(notice(on));
    },
    kill,
    restart: listen,
    close: kill,
  };
  return handle;
}

/** The gateway sends memberIds/resumeFrom as its own variables; tests look at them by argument name. */
function extractArgs(variables: Record<string, unknown>): SubscriptionArgs {
  return {
    memberIds: (variables['_cgMemberIds'] as string[] | undefined) ?? null,
    resumeFrom: (variables['_cgResumeFrom'] as SubscriptionArgs['resumeFrom']) ?? null,
    lineIds: (Object.entries(variables).find(([k]) => /line/i.test(k))?.[1] as string[] | undefined) ?? null,
    states: (Object.entries(variables).find(([k]) => /state/i.test(k))?.[1] as string[] | undefined) ?? null,
  };
}
