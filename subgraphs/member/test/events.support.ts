import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { memberAudience, silentLogger } from '@clustergraph/runtime';
import { createTestDatabase, createTestSigningKeys, type TestDatabase } from '@clustergraph/runtime/testing';
import { createMemberApp, type MemberApp } from '../src/app.ts';
import { loadMemberConfig } from '../src/config.ts';
import type { GraphQLResponse } from './harness.ts';

// Helpers for the live line status tests (events*.test.ts): a member started with extra
// environment (MQTT, simulator), sharing a database with another instance when asked, and a
// graphql-ws subscriber that records what it receives.

export interface LiveMember {
  memberId: string;
  app: MemberApp;
  url: string;
  wsUrl: string;
  testDatabase: TestDatabase;
  /** Gateway tokens are single-use: these name whose fresh token each request gets. One of the owner's users… */
  ownerToken: TokenHolder;
  /** …or a user of another firm (no LINE_STATUS grant by default). */
  strangerToken: TokenHolder;
  gql(query: string, variables?: Record<string, unknown>, token?: TokenHolder): Promise<GraphQLResponse>;
  health(): Promise<Record<string, any>>;
  subscribe(query: string, variables?: Record<string, unknown>, token?: TokenHolder): Subscriber;
  stop(options?: { drop?: boolean }): Promise<void>;
}

export type TokenHolder = 'owner' | 'stranger';

export async function startLiveMember(
  label: string,
  options: { memberId?: string; testDatabase?: TestDatabase; driver?: 'postgres' | 'pglite'; env?: Record<string, string> } = {},
): Promise<LiveMember> {
  const memberId = options.memberId ?? 'acme';
  const testDatabase = options.testDatabase ?? (await createTestDatabase(label, options.driver));
  const keys = await createTestSigningKeys();
  const config = loadMemberConfig({
    MEMBER_ID: memberId,
    DATABASE_URL: testDatabase.url,
    DATA_DIR: testDatabase.dataDir,
    GATEWAY_PUBLIC_JWK_FILE: keys.publicKeyFile,
    EXPOSE_ERRORS: 'true',
    ...options.env,
  });
  const app = await createMemberApp(config, silentLogger);
  const { url } = await app.start(0);
  const viewers = {
    owner: { userId: `planner@${memberId}`, memberId, roles: ['planner', 'admin'], memberRoles: ['PARTNER'] },
    stranger: { userId: 'someone@elsewhere', memberId: 'elsewhere', roles: ['planner'], memberRoles: ['PARTNER'] },
  };
  const mint = (holder: TokenHolder) => keys.signer.sign({ viewer: viewers[holder], purpose: 'MONITORING', system: false }, memberAudience(memberId));
  const ownerToken: TokenHolder = 'owner';
  const strangerToken: TokenHolder = 'stranger';
  const subscribers: Subscriber[] = [];
  const member: LiveMember = {
    memberId,
    app,
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    testDatabase,
    ownerToken,
    strangerToken,
    async gql(query, variables = {}, token = ownerToken) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await mint(token)}` },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async health() {
      return (await (await fetch(url.replace(/\/graphql$/, '/health'))).json()) as Record<string, any>;
    },
    subscribe(query, variables = {}, token = ownerToken) {
      const subscriber = new Subscriber(member.wsUrl, () => mint(token), query, variables);
      subscribers.push(subscriber);
      return subscriber;
    },
    async stop({ drop = true } = {}) {
      await Promise.all(subscribers.map((s) => s.close()));
      await app.stop();
      if (drop) await testDatabase.drop();
    },
  };
  return member;
}

/** One graphql-ws subscription; retries off, socket terminated at close. */
export class Subscriber {
  readonly events: Array<Record<string, any>> = [];
  readonly errors: unknown[] = [];
  /** `extensions.withheld` of every withheld notice (README "Live line status"). */
  readonly notices: Array<{ withheld: Array<{ memberId: string }> }> = [];
  completed = false;
  private readonly client: Client;
  private readonly dispose: () => void;
  private waiters: Array<() => void> = [];

  constructor(wsUrl: string, token: () => Promise<string>, query: string, variables: Record<string, unknown>) {
    this.client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: async () => ({ authorization: `Bearer ${await token()}` }),
      retryAttempts: 0,
      lazy: true,
    });
    this.dispose = this.client.subscribe(
      { query, variables },
      {
        next: (result) => {
          if (result.errors) this.errors.push(...result.errors);
          const withheld = (result.extensions as { withheld?: Array<{ memberId: string }> } | undefined)?.withheld;
          if (withheld) this.notices.push({ withheld });
          const event = (result.data as Record<string, any> | null | undefined)?.['lineStatusChanged'];
          if (event) this.events.push(event);
          this.notify();
        },
        error: (error) => {
          this.errors.push(error);
          this.completed = true;
          this.notify();
        },
        complete: () => {
          this.completed = true;
          this.notify();
        },
      },
    );
  }

  get seqs(): number[] {
    return this.events.map((e) => e['seq'] as number);
  }

  /** Resolves when `predicate` holds (checked on every message), or fails after `timeoutMs`. */
  async until(predicate: (s: Subscriber) => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`subscriber: timed out waiting for ${what}; got seqs ${JSON.stringify(this.seqs)} errors ${JSON.stringify(this.errors)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  untilCount(n: number, timeoutMs?: number): Promise<void> {
    return this.until((s) => s.events.length >= n, timeoutMs, `${n} events`);
  }

  async close(): Promise<void> {
    this.dispose();
    await this.client.dispose();
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

export const LINE_STATUS_CHANGED = /* GraphQL */ `
  subscription Live($memberIds: [ID!], $lineIds: [ID!], $states: [LineState!], $resumeFrom: [MemberCursor!]) {
    lineStatusChanged(memberIds: $memberIds, lineIds: $lineIds, states: $states, resumeFrom: $resumeFrom) {
      memberId
      seq
      eventId
      lineId
      state
      previousState
      at
      reasonCode
      cycleTimeSeconds
      goodCount
      scrapCount
      line {
        id
        name
        status {
          state
          seq
        }
      }
      member {
        id
      }
    }
  }
`;

export const REPORT = /* GraphQL */ `
  mutation Report($memberId: ID, $events: [LineEventInput!]!) {
    reportLineEvents(memberId: $memberId, events: $events) {
      accepted
      duplicates
      events {
        seq
        eventId
        lineId
        state
        previousState
        at
        reasonCode
        goodCount
        scrapCount
      }
    }
  }
`;

export async function addLines(member: LiveMember, ids: string[]): Promise<void> {
  for (const id of ids) {
    const response = await member.gql('mutation($m: ID!, $i: LineInput!) { upsertLine(memberId: $m, input: $i) { id } }', {
      m: member.memberId,
      i: { id, name: `Line ${id}`, processes: ['CNC_MACHINING'], ratedUnitsPerHour: 30 },
    });
    if (response.errors) throw new Error(JSON.stringify(response.errors));
  }
}

let counter = 0;
/** A valid event input with a fresh eventId. */
export function eventInput(lineId: string, state = 'RUNNING', extra: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return { eventId: `t-${process.pid}-${Date.now().toString(36)}-${counter}`, lineId, state, ...extra };
}

/** Asserts seqs are exactly first..first+n-1 (in order, no gap, no duplicate). */
export function isRun(seqs: number[], first: number, n: number): boolean {
  return seqs.length === n && seqs.every((s, i) => s === first + i);
}
