import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoErrors, gql, mondayFromNow, startTestCluster, testMember, testMemberSpecs, type TestCluster } from '../src/index.ts';
import { FUZZED_MUTATIONS, OperationFuzzer, drawFrom, type FuzzRequest } from './support/operationFuzzer.ts';
import { inspectFrame, inspectResponse, type Problem } from './support/responseInspector.ts';

// Property-based fuzzing of the whole cluster through its gateway (issue 13): thousands of
// random operations generated from the API schema — valid ones with random selections,
// arguments and variables, and broken ones — sent as a leader's planner, a partner's and an
// anchor's admin and an anonymous visitor. Whatever is sent: no 5xx, no stack trace or server
// path, no INTERNAL_SERVER_ERROR, every service healthy afterwards, every refused read of
// another firm's data in that firm's usage ledger and every allowed one backed by a policy,
// and a refused write changes nothing stored.
//
// FUZZ_SEED (default fixed), FUZZ_RUNS (queries, default 2000, in FUZZ_LANES = 4 concurrent
// lanes), FUZZ_SUBSCRIPTION_RUNS (graphql-ws, default 160) and FUZZ_MUTATION_RUNS (default
// 100) make a run reproducible and longer or shorter.

const SEED = Number(process.env['FUZZ_SEED'] ?? 1_306_2026);
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 2000);
const MUTATION_RUNS = Number(process.env['FUZZ_MUTATION_RUNS'] ?? 100);
const SUBSCRIPTION_RUNS = Number(process.env['FUZZ_SUBSCRIPTION_RUNS'] ?? 160);
const LANES = Number(process.env['FUZZ_LANES'] ?? 4);
const REQUEST_TIMEOUT_MS = 20_000;

const ROLES: Record<string, string[]> = { lead: ['LEADER'], cast: ['PARTNER'], heat: ['PARTNER'], anchor: ['ANCHOR'] };
interface Viewer {
  label: string;
  login: string | null;
  memberId: string | null;
}
const VIEWERS: Viewer[] = [
  { label: 'leader planner', login: 'planner@lead', memberId: 'lead' },
  { label: 'partner admin', login: 'admin@cast', memberId: 'cast' },
  { label: 'anchor admin', login: 'admin@anchor', memberId: 'anchor' },
  { label: 'anonymous', login: null, memberId: null },
];
const PURPOSES = ['JOINT_PLANNING', 'MONITORING', 'AI_TRANSITION', 'BENCHMARKING', 'SPYING'];

const apiSchema = buildSchema(readFileSync(new URL('../../schema/api.graphql', import.meta.url), 'utf8'));

interface ExpectedRefusal {
  owner: string;
  reader: string;
  operationName: string;
  category: string;
}

describe('fuzzing the gateway with random operations (issue 13)', () => {
  let cluster: TestCluster;
  let fuzzer: OperationFuzzer;
  const tokens = new Map<string, string>();
  const problems: Problem[] = [];
  const refusals: ExpectedRefusal[] = [];
  const startedAt = new Date(Date.now() - 1000).toISOString();
  const tally = new Map<string, number>();

  beforeAll(async () => {
    cluster = await startTestCluster({
      members: [...testMemberSpecs(), testMember('anchor', 'Anchor Motors', ['ANCHOR'], 'Ulsan', { ASSEMBLY: { actual: 400, maximum: 480, price: 90_000 } })],
      // As deployed: errors masked (the test cluster exposes them by default for debugging).
      gatewayEnv: { EXPOSE_ERRORS: 'false' },
    });
    for (const login of ['planner@lead', 'admin@lead', 'admin@cast', 'admin@heat', 'admin@anchor']) tokens.set(login, await cluster.token(login));
    fuzzer = new OperationFuzzer(apiSchema, {
      memberIds: Object.keys(ROLES),
      lineIds: Object.keys(ROLES).map((id) => `${id}-line-1`),
      mondays: [-2, 0, 1, 4, 12].map((w) => mondayFromNow(w)),
    });
  });

  afterAll(async () => {
    await cluster?.dispose();
  });

  async function send(request: FuzzRequest, viewer: Viewer, purpose: string): Promise<{ status: number; text: string; json: any }> {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-clustergraph-purpose': purpose };
    if (viewer.login) headers['authorization'] = `Bearer ${tokens.get(viewer.login)}`;
    const body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    const res = await fetch(cluster.gatewayUrl, { method: 'POST', headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await res.text();
    let json: any = null;
    try {
      json = JSON.parse(text);
    } catch {
      // inspectResponse reports it
    }
    return { status: res.status, text, json };
  }

  async function run(request: FuzzRequest, viewer: Viewer, purpose: string): Promise<{ status: number; json: any } | null> {
    tally.set(request.kind, (tally.get(request.kind) ?? 0) + 1);
    const sent = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    let answer: { status: number; text: string; json: any };
    try {
      answer = await send(request, viewer, purpose);
    } catch (error) {
      problems.push({ what: `no answer: ${(error as Error).message}`, request: sent, viewer: viewer.label });
      return null;
    }
    for (const what of inspectResponse(answer.status, answer.text, answer.json, sent))
      problems.push({ what, request: sent, viewer: viewer.label, status: answer.status, answer: answer.text.slice(0, 600) });
    return answer;
  }

  it(`answers ${RUNS} random queries without a 5xx, a stack trace or an internal error`, { timeout: 30 * 60_000 }, async () => {
    // LANES independent properties side by side (seeds SEED, SEED+1, …): the gateway and the
    // members see concurrent traffic, and each lane still replays exactly from its seed.
    const lane = (index: number) => {
      let n = 0;
      return fc.assert(
        fc.asyncProperty(
          fc.gen(),
          fc.constantFrom(...VIEWERS),
          fc.constantFrom(...PURPOSES),
          fc.integer({ min: 0, max: 9 }),
          async (g, viewer, purpose, dice) => {
            const draw = drawFrom(g);
            const operationName = `Fz${index}x${n++}`;
            const request = dice < 8 ? fuzzer.query(draw, operationName) : fuzzer.garbage(draw);
            const answer = await run(request, viewer, purpose);
            if (!answer?.json || !request.readOnly || !request.operationName || request.kind !== 'none') return;
            for (const error of answer.json.errors ?? []) {
              const owner = error.extensions?.memberId;
              const category = error.extensions?.category;
              if (error.extensions?.code !== 'FORBIDDEN' || typeof owner !== 'string' || typeof category !== 'string' || owner === viewer.memberId) continue;
              refusals.push({ owner, reader: viewer.memberId ?? '(anonymous)', operationName: request.operationName, category });
            }
          },
        ),
        { seed: SEED + index, numRuns: Math.ceil(RUNS / LANES), endOnFailure: true },
      );
    };
    await Promise.all(Array.from({ length: LANES }, (_, index) => lane(index)));
    console.log(
      `fuzz: ${RUNS} requests (seed ${SEED}, ${LANES} lanes): ${[...tally].map(([k, v]) => `${k} ${v}`).join(', ')}; ${refusals.length} refused cross-firm reads`,
    );
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it(`answers ${SUBSCRIPTION_RUNS} random subscriptions over graphql-ws with coded errors only`, { timeout: 10 * 60_000 }, async () => {
    // One socket per viewer, operations one after another on it: each gets 300 ms to answer
    // (an error frame, a result or nothing yet), then is completed.
    const lane = async (viewer: Viewer, index: number) => {
      const socket = new WebSocket(cluster.gatewayUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
      const frames: Array<{ type: string; id?: string; payload?: any }> = [];
      let closed: { code: number; reason: string } | null = null;
      socket.on('message', (data) => {
        const text = String(data);
        for (const what of inspectFrame(text)) problems.push({ what, request: '(frame)', viewer: viewer.label, answer: text.slice(0, 600) });
        frames.push(JSON.parse(text));
      });
      socket.on('close', (code, reason) => (closed = { code, reason: String(reason) }));
      await new Promise<void>((resolve, reject) => {
        socket.once('open', () => resolve());
        socket.once('error', reject);
      });
      socket.send(
        JSON.stringify({
          type: 'connection_init',
          payload: viewer.login
            ? { authorization: `Bearer ${tokens.get(viewer.login)}`, purpose: viewer.memberId === 'lead' ? 'MONITORING' : 'AI_TRANSITION' }
            : {},
        }),
      );
      for (let i = 0; i < 100 && !frames.some((f) => f.type === 'connection_ack'); i++) await new Promise((r) => setTimeout(r, 50));
      let n = 0;
      await fc.assert(
        fc.asyncProperty(fc.gen(), async (g) => {
          const id = `s${n++}`;
          const operation = fuzzer.subscription(drawFrom(g), `FzSub${index}x${id}`);
          tally.set(`ws:${operation.kind}`, (tally.get(`ws:${operation.kind}`) ?? 0) + 1);
          socket.send(
            JSON.stringify({
              type: 'subscribe',
              id,
              payload: { query: operation.query, variables: operation.variables, operationName: operation.operationName },
            }),
          );
          await new Promise((r) => setTimeout(r, 300));
          if (!frames.some((f) => f.id === id && (f.type === 'error' || f.type === 'complete'))) socket.send(JSON.stringify({ type: 'complete', id }));
        }),
        { seed: SEED + 100 + index, numRuns: Math.ceil(SUBSCRIPTION_RUNS / VIEWERS.length), endOnFailure: true },
      );
      expect(closed, `${viewer.label}'s socket`).toBeNull();
      socket.close(1000);
    };
    const before = problems.length;
    await Promise.all(VIEWERS.map((viewer, index) => lane(viewer, index)));
    expect(problems.slice(before, before + 10)).toEqual([]);
  });

  it('leaves every service healthy', async () => {
    const urls = [cluster.gatewayOrigin, new URL(cluster.clusterUrl).origin, ...[...cluster.members.keys()].map((id) => new URL(cluster.memberUrl(id)).origin)];
    for (const origin of urls) {
      const res = await fetch(`${origin}/health`, { signal: AbortSignal.timeout(5000) });
      expect(res.status, origin).toBe(200);
      expect(((await res.json()) as { status: string }).status, origin).toBe('ok');
    }
    // Still answering real work, every member included.
    const data = expectNoErrors(await gql(cluster.gatewayUrl, '{ members { id lines { id } } }', {}, { token: tokens.get('planner@lead')! }));
    expect(data['members'].map((m: { id: string }) => m.id).sort()).toEqual(Object.keys(ROLES).sort());
  });

  it("records every refused read in the owner's ledger, and backs every allowed one with a policy", async () => {
    await new Promise((r) => setTimeout(r, 1500)); // ledger batches flush every 0.5 s
    expect(refusals.length).toBeGreaterThan(0);
    for (const owner of Object.keys(ROLES)) {
      const data = expectNoErrors(
        await gql(
          cluster.gatewayUrl,
          `query($id: ID!, $from: DateTime) { member(id: $id) { sharingPolicies(includeRevoked: true) { id category grantee purpose } dataUsage(from: $from) { readerMemberId category purpose operationName allowed policyId } } }`,
          { id: owner, from: startedAt },
          { token: tokens.get(`admin@${owner}`)! },
        ),
      );
      const ledger = data['member'].dataUsage as Array<{
        readerMemberId: string;
        category: string;
        purpose: string;
        operationName: string | null;
        allowed: boolean;
        policyId: string | null;
      }>;
      const policies = new Map(
        (data['member'].sharingPolicies as Array<{ id: string; category: string; grantee: string; purpose: string }>).map((p) => [p.id, p]),
      );
      const missing = refusals
        .filter((r) => r.owner === owner)
        .filter(
          (r) => !ledger.some((row) => !row.allowed && row.operationName === r.operationName && row.category === r.category && row.readerMemberId === r.reader),
        );
      expect(missing.slice(0, 5), `refusals missing from ${owner}'s ledger`).toEqual([]);
      const unbacked = ledger.filter((row) => {
        if (!row.allowed || row.readerMemberId === owner) return false;
        const policy = row.policyId ? policies.get(row.policyId) : undefined;
        if (!policy || policy.category !== row.category || (policy.purpose !== 'ANY' && policy.purpose !== row.purpose)) return true;
        if (row.readerMemberId === '(anonymous)') return !(policy.category === 'PROFILE' && policy.grantee === 'ANY_MEMBER');
        return !(policy.grantee === row.readerMemberId || policy.grantee === 'ANY_MEMBER' || (ROLES[row.readerMemberId] ?? []).includes(policy.grantee));
      });
      expect(unbacked.slice(0, 5), `allowed reads of ${owner}'s data without a matching policy`).toEqual([]);
    }
  });

  it(`loses nothing stored to ${MUTATION_RUNS} random writes, and a refused write changes nothing`, { timeout: 20 * 60_000 }, async () => {
    const before = problems.length;
    const writeProblems: string[] = [];
    const accepted = new Map<string, number>();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.gen(),
        fc.constantFrom(...VIEWERS),
        fc.constantFrom(...FUZZED_MUTATIONS),
        fc.integer({ min: 0, max: 9 }),
        async (g, viewer, field, dice) => {
          const draw = drawFrom(g);
          // Mostly the viewer's own firm (where writes can succeed), otherwise anyone's.
          const target = viewer.memberId && dice < 6 ? viewer.memberId : draw(fc.constantFrom(...Object.keys(ROLES)));
          const request = fuzzer.mutation(draw, `FzWrite${n++}`, field, target);
          const stored = await snapshot(target);
          const answer = await run(request, viewer, viewer.memberId === 'lead' ? 'JOINT_PLANNING' : 'MONITORING');
          const after = await snapshot(target);
          const refused = !answer?.json?.data?.[field];
          if (!refused) accepted.set(field, (accepted.get(field) ?? 0) + 1);
          const lost = lostItems(stored, after);
          if (refused && !isDeepStrictEqual(stored, after))
            writeProblems.push(`refused ${field} by ${viewer.label} on ${target} changed stored data: ${JSON.stringify(request.body).slice(0, 400)}`);
          else if (lost.length) writeProblems.push(`${field} by ${viewer.label} on ${target} lost ${lost.join(', ')}`);
        },
      ),
      { seed: SEED + 1, numRuns: MUTATION_RUNS, endOnFailure: true },
    );
    console.log(`fuzz: ${MUTATION_RUNS} writes, accepted: ${[...accepted].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
    // Some writes must have gone through, or "nothing lost" says nothing.
    expect(accepted.size).toBeGreaterThan(0);
    expect(problems.slice(before, before + 10)).toEqual([]);
    expect(writeProblems.slice(0, 10)).toEqual([]);
  });

  type Snapshot = { member: Record<string, unknown[] | unknown>; jointOrders: string[] };

  /** What a firm has stored, as its own admin reads it, and the cluster's joint orders. */
  async function snapshot(memberId: string): Promise<Snapshot> {
    const from = mondayFromNow(-2);
    const to = mondayFromNow(12);
    const member = expectNoErrors(
      await gql(
        cluster.gatewayUrl,
        `query($id: ID!, $from: Date!, $to: Date!) { member(id: $id) {
          smartFactoryLevel
          lines { id name processes ratedUnitsPerHour }
          capabilities { process }
          capacity(from: $from, to: $to) { process weekStart actualHours maximumHours pricePerHour }
          production(from: $from, to: $to) { lineId shiftStart goodQuantity }
          allocations { id status }
          sharingPolicies(includeRevoked: true) { id revokedAt }
          selfAssessment { answeredAt }
        } }`,
        { id: memberId, from, to },
        { token: tokens.get(`admin@${memberId}`)! },
      ),
    )['member'];
    const orders = expectNoErrors(await gql(cluster.gatewayUrl, '{ jointOrders { id status } }', {}, { token: tokens.get('admin@lead')! }))['jointOrders'];
    return { member, jointOrders: orders.map((o: { id: string; status: string }) => `${o.id}:${o.status}`) };
  }
});

/** Items present before and gone after: lines, capacity weeks, production, allocations, policies, joint orders. */
function lostItems(
  before: { member: Record<string, unknown>; jointOrders: string[] },
  after: { member: Record<string, unknown>; jointOrders: string[] },
): string[] {
  const keys = (snapshot: typeof before, list: string, key: (item: any) => string) => new Set(((snapshot.member[list] as any[]) ?? []).map(key));
  const lost: string[] = [];
  const check = (list: string, key: (item: any) => string) => {
    const now = keys(after, list, key);
    for (const k of keys(before, list, key)) if (!now.has(k)) lost.push(`${list} ${k}`);
  };
  check('lines', (l) => l.id);
  check('capacity', (c) => `${c.process}@${c.weekStart}`);
  check('production', (p) => `${p.lineId}@${p.shiftStart}`);
  check('allocations', (a) => a.id);
  check('sharingPolicies', (p) => p.id);
  const orders = new Set(after.jointOrders.map((o) => o.split(':')[0]));
  for (const o of before.jointOrders) if (!orders.has(o.split(':')[0]!)) lost.push(`joint order ${o}`);
  return lost;
}
