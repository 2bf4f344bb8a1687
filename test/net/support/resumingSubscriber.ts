import { createRequire } from 'node:module';
import { createClient, type Client } from 'graphql-ws';

// The test package has no @types/ws; graphql-ws only needs a WebSocket constructor.
const WebSocket = createRequire(import.meta.url)('ws') as unknown;

export interface ReceivedEvent {
  memberId: string;
  seq: number;
  reasonCode: string | null;
  at: number;
}

const SUBSCRIPTION = `subscription Live($memberIds: [ID!], $resumeFrom: [MemberCursor!]) {
  lineStatusChanged(memberIds: $memberIds, resumeFrom: $resumeFrom) { memberId seq reasonCode line { id } member { name } }
}`;

/**
 * A live-line client as the README tells one to write it: keeps the last seq per member and,
 * whenever its socket goes (a gateway replica dies, a slow-consumer close), connects again —
 * to whatever answers on the address, here HAProxy — and subscribes with those cursors.
 */
export class ResumingSubscriber {
  readonly events: ReceivedEvent[] = [];
  readonly cursors = new Map<string, number>();
  readonly errors: unknown[] = [];
  /** When each socket was (re)acknowledged by a gateway. */
  readonly connectedAt: number[] = [];
  reconnects = 0;
  /** Why each socket ended (close code, or the error's message). */
  readonly endings: string[] = [];
  private client: Client | null = null;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly memberIds: string[],
    initialCursors: Record<string, number> = {},
  ) {
    for (const [memberId, seq] of Object.entries(initialCursors)) this.cursors.set(memberId, seq);
  }

  start(): void {
    if (this.stopped) return;
    const client = createClient({
      url: this.url,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${this.token}` },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => {}, // the sink's error handler reconnects
      on: { connected: () => this.connectedAt.push(Date.now()) },
    });
    this.client = client;
    const resumeFrom = [...this.cursors].map(([memberId, seq]) => ({ memberId, seq }));
    let ended = false;
    const again = (why?: unknown) => {
      if (ended) return;
      const code = (why as { code?: unknown } | undefined)?.code;
      this.endings.push(code !== undefined ? `close ${String(code)}` : why instanceof Error ? why.message : JSON.stringify(why ?? 'complete').slice(0, 200));
      ended = true;
      void client.dispose();
      if (this.stopped) return;
      this.reconnects++;
      // A little spread, as real clients have: 500 of them do not all knock in the same millisecond.
      setTimeout(() => this.start(), 100 + Math.random() * 400);
    };
    client.subscribe<{ lineStatusChanged: { memberId: string; seq: number; reasonCode: string | null } }>(
      { query: SUBSCRIPTION, variables: { memberIds: this.memberIds, resumeFrom } },
      {
        next: ({ data, errors }) => {
          if (errors) this.errors.push(...errors);
          const event = data?.lineStatusChanged;
          if (!event) return;
          this.events.push({ memberId: event.memberId, seq: event.seq, reasonCode: event.reasonCode, at: Date.now() });
          this.cursors.set(event.memberId, event.seq);
        },
        error: again,
        complete: () => again(),
      },
    );
  }

  /** Events of one member: the seqs received, in order. */
  seqs(memberId: string): number[] {
    return this.events.filter((e) => e.memberId === memberId).map((e) => e.seq);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.client?.dispose();
  }
}
