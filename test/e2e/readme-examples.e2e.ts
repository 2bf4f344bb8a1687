import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Kind, parse, print, type FieldNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPort, demoToken, startDemo, stopDemos, untilUp } from './support/demoProcess.ts';
import { isApiExample, readReadme, shiftDates, weeksBetween, type ReadmeBlock } from './support/readmeExamples.ts';

// Every API example of the README, run against a demo cluster started as `pnpm start` starts
// it (demo/src/main.ts, PGlite, free ports), in README order, and checked against what the
// README says it returns. A block the test cannot run carries a `not-run` marker with the
// reason; an API example without a marker fails the first test.

const readmeFile = fileURLToPath(new URL('../../README.md', import.meta.url));
const readme = readReadme(readmeFile);
const weeks = weeksBetween(readme.examplesWeek, new Date());
const run = promisify(execFile);

interface GraphQLError {
  message: string;
  path?: Array<string | number>;
  extensions?: Record<string, unknown>;
}
interface Answer {
  data?: Record<string, any> | null;
  errors?: GraphQLError[];
}
interface OperationResult {
  operation: OperationDefinitionNode;
  answer: Answer;
}

let origin = '';
const root = mkdtempSync(join(tmpdir(), 'cg-e2e-readme-'));
const tokens = new Map<string, string>();
const token = async (user: string) => tokens.get(user) ?? tokens.set(user, await demoToken(origin, user)).get(user)!;

/** What earlier examples left for later ones (the README's walk-through uses the ids it made). */
const context = { orders: new Map<string, { id: string; planId: string | null }>() };

async function gql(source: string, opts: { as?: string | undefined; purpose?: string | undefined; variables?: unknown }): Promise<Answer> {
  const res = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(opts.as ? { authorization: `Bearer ${await token(opts.as)}` } : {}),
      ...(opts.purpose ? { 'x-clustergraph-purpose': opts.purpose } : {}),
    },
    body: JSON.stringify({ query: source, ...(opts.variables ? { variables: opts.variables } : {}) }),
  });
  return (await res.json()) as Answer;
}

async function refreshOrders(): Promise<void> {
  const answer = await gql('{ jointOrders { id code currentPlan { id } } }', { as: 'planner@hanbit-ev', purpose: 'JOINT_PLANNING' });
  for (const o of answer.data?.['jointOrders'] ?? []) context.orders.set(o.code, { id: o.id, planId: o.currentPlan?.id ?? null });
}

/** The README's placeholders (`jo-…`, `plan-…`) replaced by the order the marker names. */
async function substitute(code: string, order: string | undefined): Promise<string> {
  if (!/(jo|plan)-…/.test(code)) return code;
  if (!order) throw new Error('the example uses jo-… or plan-… but its marker names no order=CODE');
  await refreshOrders();
  const known = context.orders.get(order);
  if (!known) throw new Error(`no joint order ${order} in the demo`);
  return code.replaceAll('jo-…', known.id).replaceAll('plan-…', known.planId ?? 'plan-none');
}

/** Keys the operation selects that its answer lacks (a field the README shows and the answer does not have). */
function missingFields(selection: SelectionSetNode | undefined, value: unknown, path: string): string[] {
  if (!selection || value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => missingFields(selection, v, `${path}[${i}]`));
  if (typeof value !== 'object') return [];
  const out: string[] = [];
  for (const s of selection.selections) {
    if (s.kind !== Kind.FIELD) continue;
    const key = (s as FieldNode).alias?.value ?? (s as FieldNode).name.value;
    if (!(key in (value as Record<string, unknown>))) out.push(`${path}.${key}`);
    else out.push(...missingFields((s as FieldNode).selectionSet, (value as Record<string, unknown>)[key], `${path}.${key}`));
  }
  return out;
}

async function firstEvent(source: string, as: string, purpose: string | undefined, timeoutMs = 45_000): Promise<Answer> {
  const client = createClient({
    url: `${origin.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${await token(as)}`, ...(purpose ? { purpose } : {}) },
    retryAttempts: 0,
  });
  try {
    const iterator = client.iterate({ query: source });
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no event within ${timeoutMs} ms`)), timeoutMs));
    // Frames that carry only errors (a firm that withholds) are skipped: the README's claim is the events.
    for (;;) {
      const next = await Promise.race([iterator.next(), timeout]);
      if (next.done) throw new Error('the subscription ended without an event');
      if ((next.value as Answer).data) return next.value as Answer;
    }
  } finally {
    await client.dispose();
  }
}

async function runGraphql(block: ReadmeBlock): Promise<OperationResult[]> {
  const marker = block.marker!;
  if (marker.kind !== 'run') throw new Error('not runnable');
  const code = await substitute(shiftDates(block.code, weeks), marker.order);
  const document = parse(code);
  const variables = block.nextJson ? JSON.parse(block.nextJson) : undefined;
  const results: OperationResult[] = [];
  let previousId: string | undefined;
  for (const operation of document.definitions) {
    if (operation.kind !== Kind.OPERATION_DEFINITION) continue;
    // `pol-…` in a later operation: the policy the block's first mutation just made.
    const source = previousId ? print(operation).replaceAll('pol-…', previousId) : print(operation);
    const answer = marker.subscription
      ? await firstEvent(source, marker.as!, marker.purpose)
      : await gql(source, { as: marker.as, purpose: marker.purpose, variables });
    const first = answer.data ? Object.values(answer.data)[0] : undefined;
    if (first && typeof first === 'object' && !Array.isArray(first) && typeof (first as { id?: unknown }).id === 'string')
      previousId = (first as { id: string }).id;
    results.push({ operation, answer });
  }
  return results;
}

/** A ```sh example through bash, as pasted: the gateway's address swapped for the test's. Prints its JSON answers and the variables it sets. */
async function runShell(block: ReadmeBlock): Promise<{ answers: Answer[]; vars: Record<string, string> }> {
  const code = shiftDates(block.code, weeks).replace(/(http:\/\/)?localhost:4000/g, origin);
  const names = [...code.matchAll(/^([A-Z_]+)=\$\(/gm)].map((m) => m[1]!);
  const script = `set -e -o pipefail\n${code}\necho\n${names.map((n) => `printf '@@var %s=%s\\n' ${n} "$${n}"`).join('\n')}`;
  const { stdout } = await run('bash', ['-c', script], { timeout: 60_000 });
  const vars: Record<string, string> = {};
  let text = '';
  for (const line of stdout.split('\n')) {
    const v = /^@@var ([A-Z_]+)=(.*)$/.exec(line);
    if (v) vars[v[1]!] = v[2]!;
    else text += `${line}\n`;
  }
  return { answers: jsonValues(text) as Answer[], vars };
}

/** The JSON documents curl printed one after another (without newlines between them). */
function jsonValues(text: string): unknown[] {
  const values: unknown[] = [];
  let depth = 0;
  let inString = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth++ === 0) start = i;
    } else if ((c === '}' || c === ']') && --depth === 0) values.push(JSON.parse(text.slice(start, i + 1)));
  }
  return values;
}

const errorsOf = (results: Array<{ answer: Answer }>) => results.flatMap((r) => r.answer.errors ?? []);
const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/** The members answer of the README's first example: what the text above it says comes back. */
function checkMembersAnswer(answer: Answer): void {
  const members = answer.data!['members'] as Array<{
    id: string;
    lines: Array<{ id: string; status: { state: string } | null }> | null;
    capacity: unknown[] | null;
  }>;
  expect(members.map((m) => m.id).sort()).toEqual(['daesung-casting', 'dongbang-mold', 'hanbit-ev', 'kmobility', 'mirae-cnc', 'sejin-heat']);
  const withholding = ['dongbang-mold', 'kmobility'];
  for (const m of members) {
    expect(m.lines?.length, `${m.id} lists its lines`).toBeGreaterThan(0);
    expect(m.capacity?.length, `${m.id} shows its capacity`).toBeGreaterThan(0);
    for (const line of m.lines!) {
      if (withholding.includes(m.id)) expect(line.status, `${m.id}/${line.id} status withheld`).toBeNull();
      else expect(line.status?.state, `${m.id}/${line.id} status shared`).toBeTruthy();
    }
  }
  const errors = answer.errors ?? [];
  const withheldLines = members.filter((m) => withholding.includes(m.id)).reduce((n, m) => n + m.lines!.length, 0);
  expect(errors).toHaveLength(withheldLines); // one per withheld line
  for (const e of errors) {
    expect(e.extensions).toMatchObject({ code: 'FORBIDDEN', category: 'LINE_STATUS' });
    expect(withholding).toContain(e.extensions!['memberId']);
    expect(e.path?.at(-1)).toBe('status');
  }
}

type Check = (results: OperationResult[]) => void | Promise<void>;
const data = (r: OperationResult) => r.answer.data!;

/** What the README says each example returns, beyond "no errors and every field it selects". */
const CLAIMS: Record<
  string,
  { allowErrors?: boolean; check?: Check; sh?: (out: { answers: Answer[]; vars: Record<string, string> }) => void | Promise<void> }
> = {
  'members-planner': { sh: ({ answers }) => (expect(answers).toHaveLength(1), checkMembersAnswer(answers[0]!)) },
  'members-everything': { allowErrors: true, check: ([r]) => checkMembersAnswer(r!.answer) },
  'lines-down': {
    check: ([r]) => {
      for (const line of data(r!)['lines']) expect(['daesung-casting', 'sejin-heat']).toContain(line.memberId);
    },
  },
  'set-capacity': {
    sh: ({ answers }) => {
      expect(answers[0]!.errors).toBeUndefined();
      const [row] = answers[0]!.data!['setCapacity'];
      expect(row.weekStart).toBe(shiftDates('2026-11-30', weeks));
      expect(row.availableHours).toBeLessThanOrEqual(100);
    },
  },
  'sharing-policies': {
    check: ([grant, update, revoke, list]) => {
      expect(data(grant!)['grantSharing'].id).toMatch(/^pol-/);
      expect(data(update!)['updateSharing'].granularity).toBe('RAW');
      expect(data(revoke!)['revokeSharing'].revokedAt).toBeTruthy();
      const policies = data(list!)['member']['sharingPolicies'] as Array<{ id: string; revokedAt: string | null }>;
      expect(policies.find((p) => p.id === 'default-capacity-leader')?.revokedAt).toBeTruthy(); // revoked ones are kept
    },
  },
  'usage-ledger': { check: ([r]) => expect(typeof data(r!)['member']['dataUsageCsv']).toBe('string') },
  'report-line-events': {
    check: ([r]) => {
      const report = data(r!)['reportLineEvents'];
      expect(report.accepted + report.duplicates).toBe(2);
      expect(report.events.map((e: { eventId: string }) => e.eventId)).toEqual(['mes-88121', 'mes-88122']);
    },
  },
  subscribe: {
    check: ([r]) => {
      const event = data(r!)['lineStatusChanged'];
      expect(['DOWN', 'RUNNING']).toContain(event.state);
      expect(event.line.name).toBeTruthy();
      expect(event.member.name).toBeTruthy();
    },
  },
  'past-events': { check: ([r]) => expect(data(r!)['lines'].length).toBe(3) },
  'sign-in-planner': { sh: ({ vars }) => expect(vars['PLANNER']).toMatch(JWT) },
  'sign-in-sejin': { sh: ({ vars }) => expect(vars['SEJIN']).toMatch(JWT) },
  'sign-in-heat': { sh: ({ vars }) => expect(vars['HEAT']).toMatch(JWT) },
  orders: {
    check: ([r]) => {
      const codes = (data(r!)['jointOrders'] as Array<{ code: string }>).map((o) => o.code);
      expect(codes).toEqual(expect.arrayContaining(['JO-MH220-01', 'JO-BPF7-01', 'JO-CH3-01']));
    },
  },
  'demand-capacity': {
    check: ([r]) => {
      const rows = data(r!)['demandCapacity'] as Array<{
        process: string;
        demandHours: number;
        actualHours: number;
        maximumHours: number;
        status: string;
        memberIds: string[];
      }>;
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.process).toBe('HEAT_TREATMENT');
        expect(row.memberIds).toEqual(['sejin-heat']);
        // The DCM rule the README states under the example.
        const expected = row.demandHours <= row.actualHours ? 'OK' : row.demandHours <= row.maximumHours ? 'BOTTLENECK_FLEXIBLE' : 'BOTTLENECK';
        expect(row.status).toBe(expected);
      }
    },
  },
  'create-order': {
    check: ([r]) => {
      const order = data(r!)['createJointOrder'];
      expect(order).toMatchObject({ code: 'JO-HS40-01', status: 'DRAFT' });
      expect(order.routing.map((o: { process: string }) => o.process)).toEqual(['CASTING', 'HEAT_TREATMENT', 'CNC_MACHINING', 'INSPECTION']);
    },
  },
  'plan-order': {
    check: ([r]) => {
      const plan = data(r!)['planJointOrder'];
      expect(plan.version).toBe(1);
      expect(plan.allocations.length).toBeGreaterThan(0);
      // Every operation's 1,500 units allocated.
      for (const op of [0, 1, 2, 3]) {
        const qty = plan.allocations
          .filter((a: { operationIndex: number }) => a.operationIndex === op)
          .reduce((n: number, a: { quantity: number }) => n + a.quantity, 0);
        expect(qty, `operation ${op}`).toBe(1500);
      }
    },
  },
  'propose-plan': {
    check: ([r]) => {
      const plan = data(r!)['proposePlan'];
      expect(plan.status).toBe('PROPOSED');
      for (const a of plan.allocations) expect(a.allocationId).toMatch(/^plan-.+-a\d+$/);
    },
  },
  'committed-hours': {
    check: ([r]) => {
      for (const row of data(r!)['member']['capacity']) expect(row.availableHours).toBe(Math.max(0, row.actualHours - row.committedHours));
    },
  },
  'plan-history': { check: ([r]) => expect(data(r!)['jointOrder']['plans'].length).toBeGreaterThan(0) },
  'order-progress': {
    check: ([r]) => expect(data(r!)['jointOrder']['progress'].map((p: { operationIndex: number }) => p.operationIndex)).toEqual([0, 1, 2, 3]),
  },
  'debug-subscriptions': {
    sh: ({ answers }) => {
      // The leader's admin may read the figures (GET) and reset the timing (POST): two JSON answers, no error.
      expect(answers).toHaveLength(2);
      for (const a of answers) {
        expect(a.errors).toBeUndefined();
        expect(a as Record<string, unknown>).toHaveProperty('connections');
        expect(a as Record<string, unknown>).toHaveProperty('timing');
      }
    },
  },
  'idempotent-write': {
    sh: async ({ answers }) => {
      // The same write twice with one Idempotency-Key: one policy, and the retry answers its id.
      expect(answers).toHaveLength(2);
      for (const a of answers) expect(a.errors).toBeUndefined();
      const ids = answers.map((a) => a.data!['grantSharing'].id as string);
      expect(ids[1]).toBe(ids[0]);
      const policies = await gql('{ member(id: "sejin-heat") { sharingPolicies { id grantee category purpose } } }', { as: 'admin@sejin-heat' });
      const matching = (policies.data!['member']['sharingPolicies'] as Array<{ grantee: string; category: string; purpose: string }>).filter(
        (p) => p.grantee === 'mirae-cnc' && p.category === 'CAPACITY' && p.purpose === 'JOINT_PLANNING',
      );
      expect(matching).toHaveLength(1);
    },
  },
  'plan-violations': {
    check: ([r]) => {
      // JO-HS40-01 was just planned (step 3, before it is proposed): a valid plan, so no broken rule and nothing to suggest.
      const order = data(r!)['jointOrder'];
      expect(order.status).toBe('PLANNED');
      expect(order.violations ?? []).toEqual([]);
      expect(order.suggestions ?? []).toEqual([]);
    },
  },
  'delay-risk': {
    check: ([r]) => {
      const allocations = data(r!)['jointOrder']['currentPlan']['allocations'] as Array<{
        memberId: string;
        allocation: { status: string; delayRisk: { level: string; probability: number } | null } | null;
      }>;
      expect(allocations.length).toBeGreaterThan(0);
      for (const a of allocations) {
        expect(a.allocation?.status, a.memberId).toBe('PROPOSED');
        expect(['LOW', 'MEDIUM', 'HIGH']).toContain(a.allocation?.delayRisk?.level);
        expect(a.allocation!.delayRisk!.probability).toBeGreaterThan(0);
      }
    },
  },
  'support-programme': {
    check: ([create, list]) => {
      expect(data(create!)['createSupportProgramme'].id).toBeTruthy();
      const programmes = data(list!)['supportProgrammes'] as Array<{ name: string; suppliers: Array<{ member: { id: string } }> }>;
      const mine = programmes.filter((p) => p.name === 'K-Mobility win-win AI factory programme');
      expect(mine.length).toBeGreaterThan(0);
      for (const p of mine) expect(p.suppliers.map((s) => s.member.id).sort()).toEqual(['daesung-casting', 'dongbang-mold', 'mirae-cnc']);
    },
  },
};

const examples = readme.blocks.filter(isApiExample);
const runnable = examples.filter((b): b is ReadmeBlock & { marker: { kind: 'run'; name: string } } => b.marker?.kind === 'run');

describe('every API example of the README has a marker', () => {
  it('marks each graphql/sh/ts API block as an example with checks, or as not run with a reason', () => {
    const unmarked = examples.filter((b) => !b.marker).map((b) => `README.md:${b.line} (${b.lang})`);
    expect(unmarked, 'API examples without <!-- example: … --> or <!-- not-run: … -->').toEqual([]);
    for (const b of examples) if (b.marker?.kind === 'not-run') expect(b.marker.reason.length, `README.md:${b.line}`).toBeGreaterThan(20);
    const names = runnable.map((b) => b.marker.name);
    expect(new Set(names).size, 'example names are unique').toBe(names.length);
    expect(
      names.filter((n) => !CLAIMS[n]),
      'examples whose README claims the test does not check',
    ).toEqual([]);
    expect(
      Object.keys(CLAIMS).filter((n) => !names.includes(n)),
      'checks for examples no longer in the README',
    ).toEqual([]);
  });
});

describe('the README examples against the demo', () => {
  beforeAll(async () => {
    const port = await demoPort();
    const demo = startDemo({ DEMO_DATA_DIR: join(root, 'demo'), PORT: String(port), CLUSTER_PORT: String(await demoPort()) });
    await untilUp(demo);
    origin = `http://localhost:${port}`;
  }, 480_000);

  afterAll(async () => {
    await stopDemos();
    rmSync(root, { recursive: true, force: true });
  }, 60_000);

  for (const block of runnable) {
    it(`${block.marker.name} (README.md:${block.line})`, async () => {
      const claim = CLAIMS[block.marker.name]!;
      if (block.lang === 'sh') {
        const out = await runShell(block);
        await claim.sh?.(out);
        return;
      }
      const results = await runGraphql(block);
      if (!claim.allowErrors) expect(errorsOf(results), 'errors').toEqual([]);
      for (const r of results) {
        const root = r.operation.selectionSet;
        expect(missingFields(root, r.answer.data, 'data'), 'fields the example selects').toEqual([]);
      }
      await claim.check?.(results);
      // The README's policy example revokes Sejin's default capacity grant; the walk-through
      // after it plans on Sejin's capacity, so give it back as Sejin's admin would.
      if (block.marker.name === 'sharing-policies') {
        const regrant = await gql(
          'mutation { grantSharing(memberId: "sejin-heat", input: { category: CAPACITY, grantee: "LEADER", purpose: JOINT_PLANNING }) { id } }',
          { as: 'admin@sejin-heat' },
        );
        expect(regrant.errors).toBeUndefined();
      }
    }, 120_000);
  }
});
