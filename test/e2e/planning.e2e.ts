import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, importJWK, type JWK } from 'jose';
import { addDays } from '@clustergraph/runtime';
import { expectNoErrors, gql, mondayFromNow, startTestCluster, testMember, waitFor, withPolicies, type GraphQLResult, type TestCluster } from '../src/index.ts';

// Joint production planning end to end (issue 5): orders, the HiGHS planner, proposals the
// members answer through the gateway, a decline re-planned elsewhere, confirmation, progress.

/** Partners let the leader's planner read their answers to its proposals (ORDERS for joint planning). */
const ordersToLeader = [{ category: 'ORDERS', grantee: 'LEADER', purpose: 'JOINT_PLANNING' }];

const PLAN_FIELDS = /* GraphQL */ `
  id version status trigger solverStatus gap totalCost lateDays completionDate jointOrderIds infeasibleOrderIds explanation previousPlanId
  costBreakdown { production transport lateness split }
  allocations { allocationId memberId member { id name } jointOrderId operationIndex process weekStart quantity hours cost status }
  changes { kind memberId operationIndex process weekStart quantityBefore quantityAfter }
`;
const ORDER_FIELDS = /* GraphQL */ `
  id code status quantity dueDate
  routing { index process hoursPerUnit setupHours minLotSize transportDaysToNext }
  currentPlan { ${PLAN_FIELDS} }
  plans { id version status }
  progress { operationIndex process quantity plannedQuantity acceptedQuantity goodQuantity progress }
`;
const CREATE = `mutation($input: CreateJointOrderInput!) { createJointOrder(input: $input) { id code status } }`;
const PLAN = `mutation($id: ID!, $options: PlanOptions) { planJointOrder(id: $id, options: $options) { ${PLAN_FIELDS} } }`;
const PROPOSE = `mutation($planId: ID!) { proposePlan(planId: $planId) { ${PLAN_FIELDS} } }`;
const ORDER = `query($id: ID!) { jointOrder(id: $id) { ${ORDER_FIELDS} } }`;
const RESPOND = `mutation($memberId: ID!, $id: ID!, $accept: Boolean!, $reason: String) { respondToAllocation(memberId: $memberId, id: $id, accept: $accept, reason: $reason) { id status } }`;
const CAPACITY = `query($id: ID!, $from: Date!, $to: Date!) { member(id: $id) { capacity(from: $from, to: $to) { process weekStart actualHours committedHours availableHours } } }`;
const ALLOCATIONS = `query($id: ID!) { member(id: $id) { allocations { id jointOrderId operationIndex status quantity hours } } }`;

function errorOf(result: GraphQLResult): { code: unknown; field: unknown; message: string } {
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
  return { code: error.extensions?.['code'], field: error.extensions?.['field'], message: error.message };
}

/** Two small assembly orders seeded on first start; the second is planned once the gateway answers. */
function seedFile(): string {
  const file = seedFile.path;
  const order = (code: string, plan: boolean) => ({
    code,
    customer: 'Seed Customer',
    product: 'Seed part',
    quantity: 50,
    dueInWeeks: 8,
    routing: [{ process: 'ASSEMBLY', hoursPerUnit: 0.1 }],
    plan,
  });
  writeFileSync(file, JSON.stringify([order('JO-SEED-DRAFT', false), order('JO-SEED-PLANNED', true)]));
  return file;
}
seedFile.path = join(tmpdir(), `cg-e2e-seed-orders-${process.pid}.json`);

describe('joint production planning through the gateway (issue 5)', () => {
  let cluster: TestCluster;
  const due = addDays(mondayFromNow(4), 4); // Friday in four weeks
  const orderInput = {
    code: 'JO-E2E-001',
    customer: 'K-Mobility Motors',
    product: 'EV motor housing MH-220',
    quantity: 100,
    dueDate: due,
    priority: 2,
    routing: [
      { process: 'CASTING', hoursPerUnit: 0.5, setupHours: 2, transportDaysToNext: 1 },
      { process: 'HEAT_TREATMENT', hoursPerUnit: 0.2, setupHours: 2 },
      { process: 'ASSEMBLY', hoursPerUnit: 0.4, setupHours: 2 },
    ],
  };
  const planner = async () => ({ token: await cluster.token('planner@lead') });
  const admin = async (memberId: string) => ({ token: await cluster.token(`admin@${memberId}`) });
  let orderId = '';

  beforeAll(async () => {
    cluster = await startTestCluster({
      members: [
        testMember('lead', 'Lead Assembly Co.', ['LEADER'], 'Busan', { ASSEMBLY: { actual: 80, maximum: 100, price: 60_000 } }),
        // Two casters: the cheaper one gets the work first; when it declines, the other takes it.
        withPolicies(testMember('cast', 'Cast Partner Co.', ['PARTNER'], 'Busan', { CASTING: { actual: 120, maximum: 150, price: 60_000 } }), ordersToLeader),
        withPolicies(testMember('cast2', 'Second Caster Co.', ['PARTNER'], 'Busan', { CASTING: { actual: 120, maximum: 150, price: 80_000 } }), ordersToLeader),
        withPolicies(
          testMember('heat', 'Heat Partner Co.', ['PARTNER'], 'Busan', { HEAT_TREATMENT: { actual: 100, maximum: 140, price: 50_000 } }),
          ordersToLeader,
        ),
      ],
      clusterEnv: { PLANNING_RECONCILE_MS: '1000', SEED_ORDERS_FILE: seedFile() },
    });
  });
  afterAll(async () => {
    await cluster?.dispose();
    rmSync(seedFile.path, { force: true });
  });

  it('refuses bad orders with a clear error naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ quantity: 0 }, 'input.quantity'],
      [{ routing: [] }, 'input.routing'],
      [{ dueDate: addDays(mondayFromNow(0), -3) }, 'input.dueDate'],
      [{ routing: [{ process: 'CASTING', hoursPerUnit: -1 }] }, 'input.routing[0].hoursPerUnit'],
    ];
    for (const [change, field] of cases) {
      const error = errorOf(await gql(cluster.gatewayUrl, CREATE, { input: { ...orderInput, code: 'JO-BAD', ...change } }, await planner()));
      expect(error, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    // An unknown process is refused by the GraphQL enum before any resolver runs.
    const unknown = await gql(
      cluster.gatewayUrl,
      CREATE,
      { input: { ...orderInput, code: 'JO-BAD', routing: [{ process: 'WELDNG', hoursPerUnit: 1 }] } },
      await planner(),
    );
    expect(errorOf(unknown).code).toBe('BAD_USER_INPUT');
    expect(errorOf(unknown).message).toMatch(/WELDNG/);
    // Only the leader's planners create orders.
    const partner = await gql(cluster.gatewayUrl, CREATE, { input: orderInput }, await admin('cast'));
    expect(errorOf(partner).code).toBe('FORBIDDEN');
    const orders = expectNoErrors(await gql(cluster.gatewayUrl, '{ jointOrders { code } }', {}, await planner()));
    expect(orders['jointOrders'].map((o: any) => o.code).sort()).toEqual(['JO-SEED-DRAFT', 'JO-SEED-PLANNED']);
  });

  it('seeds joint orders on first start and plans the marked ones once the gateway answers', async () => {
    const seeded = await waitFor('the seeded plan', async () => {
      const data = expectNoErrors(
        await gql(cluster.gatewayUrl, '{ jointOrders { code status currentPlan { version allocations { memberId quantity } } } }', {}, await planner()),
      );
      const list = data['jointOrders'] as any[];
      return list.find((o) => o.code === 'JO-SEED-PLANNED')?.status === 'PLANNED' ? list : null;
    });
    expect(seeded.find((o: any) => o.code === 'JO-SEED-PLANNED').currentPlan).toEqual({ version: 1, allocations: [{ memberId: 'lead', quantity: 50 }] });
    expect(seeded.find((o: any) => o.code === 'JO-SEED-DRAFT')).toMatchObject({ status: 'DRAFT', currentPlan: null });
  });

  it('creates an order, plans it on the members’ real capacity and explains the plan', async () => {
    const created = expectNoErrors(await gql(cluster.gatewayUrl, CREATE, { input: orderInput }, await planner()));
    orderId = created['createJointOrder'].id;
    expect(created['createJointOrder']).toMatchObject({ code: 'JO-E2E-001', status: 'DRAFT' });
    const duplicate = await gql(cluster.gatewayUrl, CREATE, { input: orderInput }, await planner());
    expect(errorOf(duplicate)).toMatchObject({ code: 'CONFLICT', field: 'input.code' });

    const plan = expectNoErrors(await gql(cluster.gatewayUrl, PLAN, { id: orderId, options: { timeLimitSeconds: 20 } }, await planner()))['planJointOrder'];
    expect(plan).toMatchObject({
      version: 1,
      status: 'DRAFT',
      trigger: 'MANUAL',
      jointOrderIds: [orderId],
      infeasibleOrderIds: [],
      lateDays: 0,
      previousPlanId: null,
      changes: [],
    });
    expect(['OPTIMAL', 'TIME_LIMIT']).toContain(plan.solverStatus);
    expect(plan.explanation.length).toBeGreaterThan(0);
    const byOperation = plan.allocations.map((a: any) => [a.operationIndex, a.memberId, a.quantity]);
    expect(byOperation).toEqual([
      [0, 'cast', 100],
      [1, 'heat', 100],
      [2, 'lead', 100],
    ]);
    expect(plan.allocations[0]).toMatchObject({
      process: 'CASTING',
      hours: 52,
      cost: 52 * 60_000,
      status: 'NOT_PROPOSED',
      member: { id: 'cast', name: 'Cast Partner Co.' },
    });
    // Precedence: heat treatment is not before casting, assembly not before heat treatment.
    expect(plan.allocations[0].weekStart <= plan.allocations[1].weekStart && plan.allocations[1].weekStart <= plan.allocations[2].weekStart).toBe(true);
    expect(plan.completionDate <= due).toBe(true);

    const order = expectNoErrors(await gql(cluster.gatewayUrl, ORDER, { id: orderId }, await planner()))['jointOrder'];
    expect(order).toMatchObject({ status: 'PLANNED', currentPlan: { id: plan.id } });
    expect(order.routing[0]).toEqual({ index: 0, process: 'CASTING', hoursPerUnit: 0.5, setupHours: 2, minLotSize: 1, transportDaysToNext: 1 });
  });

  it('shows demand against capacity per process and ISO week (DCM)', async () => {
    const data = expectNoErrors(
      await gql(
        cluster.gatewayUrl,
        `query($from: Date!, $to: Date!) { demandCapacity(from: $from, to: $to) { process weekStart isoWeek demandHours actualHours maximumHours surplusHours status memberIds } }`,
        { from: mondayFromNow(0), to: mondayFromNow(5) },
        await planner(),
      ),
    );
    const buckets = data['demandCapacity'] as any[];
    const casting = buckets.filter((b) => b.process === 'CASTING');
    expect(casting.every((b) => b.actualHours === 240 && b.maximumHours === 300 && b.memberIds.join() === 'cast,cast2')).toBe(true);
    expect(casting.reduce((sum, b) => sum + b.demandHours, 0)).toBe(52);
    expect(buckets.every((b) => b.status === 'OK')).toBe(true);
    const partner = await gql(
      cluster.gatewayUrl,
      `{ demandCapacity(from: "${mondayFromNow(0)}", to: "${mondayFromNow(1)}") { status } }`,
      {},
      await admin('cast'),
    );
    expect(errorOf(partner).code).toBe('FORBIDDEN');
  });

  it('proposes the plan to the members (idempotently), re-plans a decline elsewhere keeping the accepted work, then confirms', async () => {
    const order = expectNoErrors(await gql(cluster.gatewayUrl, ORDER, { id: orderId }, await planner()))['jointOrder'];
    const planId = order.currentPlan.id;
    const proposed = expectNoErrors(await gql(cluster.gatewayUrl, PROPOSE, { planId }, await planner()))['proposePlan'];
    expect(proposed.status).toBe('PROPOSED');
    expect(proposed.allocations.map((a: any) => a.status)).toEqual(['PROPOSED', 'PROPOSED', 'PROPOSED']);
    // Proposing again changes nothing on the members.
    expectNoErrors(await gql(cluster.gatewayUrl, PROPOSE, { planId }, await planner()));
    const [castAlloc, heatAlloc, leadAlloc] = proposed.allocations;
    for (const a of proposed.allocations) {
      const onMember = expectNoErrors(await gql(cluster.gatewayUrl, ALLOCATIONS, { id: a.memberId }, await admin(a.memberId)))['member'].allocations;
      expect(onMember).toEqual([
        { id: a.allocationId, jointOrderId: orderId, operationIndex: a.operationIndex, status: 'PROPOSED', quantity: 100, hours: a.hours },
      ]);
    }
    expect(expectNoErrors(await gql(cluster.gatewayUrl, ORDER, { id: orderId }, await planner()))['jointOrder'].status).toBe('PROPOSED');

    // Two members accept, the caster declines.
    for (const a of [heatAlloc, leadAlloc]) {
      expectNoErrors(await gql(cluster.gatewayUrl, RESPOND, { memberId: a.memberId, id: a.allocationId, accept: true }, await admin(a.memberId)));
    }
    expectNoErrors(
      await gql(
        cluster.gatewayUrl,
        RESPOND,
        { memberId: 'cast', id: castAlloc.allocationId, accept: false, reason: 'die casting cell 800 t down for repair' },
        await admin('cast'),
      ),
    );

    // Reading the order (or the background reconciler) picks up the answers and re-plans the casting only.
    const replanned = await waitFor(
      'the re-plan after the decline',
      async () => {
        const o = expectNoErrors(await gql(cluster.gatewayUrl, ORDER, { id: orderId }, await planner()))['jointOrder'];
        return o.currentPlan.version === 2 && o.currentPlan.allocations.some((a: any) => a.memberId === 'cast2' && a.status === 'PROPOSED') ? o : null;
      },
      60_000,
      500,
    );
    const v2 = replanned.currentPlan;
    expect(v2).toMatchObject({ trigger: 'DECLINE', status: 'PROPOSED', previousPlanId: planId });
    expect(v2.explanation[0]).toMatch(/cast declined .*die casting cell 800 t down for repair/);
    expect(v2.changes.map((c: any) => [c.kind, c.memberId, c.operationIndex, c.quantityBefore, c.quantityAfter])).toEqual([
      ['REMOVED', 'cast', 0, 100, 0],
      ['ADDED', 'cast2', 0, 0, 100],
    ]);
    // The accepted allocations are kept: same member-side ids, still ACCEPTED.
    const kept = v2.allocations.filter((a: any) => a.memberId !== 'cast2').map((a: any) => [a.allocationId, a.status]);
    expect(kept).toEqual([
      [heatAlloc.allocationId, 'ACCEPTED'],
      [leadAlloc.allocationId, 'ACCEPTED'],
    ]);
    expect(replanned.plans.map((p: any) => [p.version, p.status])).toEqual([
      [2, 'PROPOSED'],
      [1, 'SUPERSEDED'],
    ]);
    expect(replanned.status).toBe('PROPOSED');

    // The second caster accepts: every allocation is accepted, the order is CONFIRMED.
    const cast2Alloc = v2.allocations.find((a: any) => a.memberId === 'cast2');
    expectNoErrors(await gql(cluster.gatewayUrl, RESPOND, { memberId: 'cast2', id: cast2Alloc.allocationId, accept: true }, await admin('cast2')));
    const confirmed = await waitFor('CONFIRMED', async () => {
      const o = expectNoErrors(await gql(cluster.gatewayUrl, ORDER, { id: orderId }, await planner()))['jointOrder'];
      return o.status === 'CONFIRMED' ? o : null;
    });
    expect(confirmed.progress.map((p: any) => [p.process, p.plannedQuantity, p.acceptedQuantity])).toEqual([
      ['CASTING', 100, 100],
      ['HEAT_TREATMENT', 100, 100],
      ['ASSEMBLY', 100, 100],
    ]);

    // The members count the accepted work in committedHours and take it out of availableHours.
    const range = { from: mondayFromNow(0), to: mondayFromNow(6) };
    const expectCommitted = async (memberId: string, week: string, hours: number, actual: number) => {
      const buckets = expectNoErrors(await gql(cluster.gatewayUrl, CAPACITY, { id: memberId, ...range }, await admin(memberId)))['member'].capacity as any[];
      const bucket = buckets.find((b) => b.weekStart === week);
      expect(bucket, `${memberId} ${week}`).toMatchObject({ actualHours: actual, committedHours: hours, availableHours: actual - hours });
      expect(buckets.filter((b) => b.weekStart !== week).every((b) => b.committedHours === 0)).toBe(true);
    };
    await expectCommitted('cast2', cast2Alloc.weekStart, 52, 120);
    await expectCommitted('heat', heatAlloc.weekStart, 22, 100);
    await expectCommitted('lead', leadAlloc.weekStart, 42, 80);
    const castBuckets = expectNoErrors(await gql(cluster.gatewayUrl, CAPACITY, { id: 'cast', ...range }, await admin('cast')))['member'].capacity as any[];
    expect(castBuckets.every((b) => b.committedHours === 0 && b.availableHours === 120)).toBe(true);

    // Progress reported by a member shows on the order's operation.
    expectNoErrors(
      await gql(
        cluster.gatewayUrl,
        `mutation($id: ID!) { reportAllocationProgress(memberId: "cast2", id: $id, goodQuantity: 40, scrapQuantity: 1) { status } }`,
        { id: cast2Alloc.allocationId },
        await admin('cast2'),
      ),
    );
    const inProduction = await waitFor('IN_PRODUCTION', async () => {
      const o = expectNoErrors(await gql(cluster.gatewayUrl, ORDER, { id: orderId }, await planner()))['jointOrder'];
      return o.status === 'IN_PRODUCTION' ? o : null;
    });
    expect(inProduction.progress[0]).toMatchObject({ process: 'CASTING', goodQuantity: 40, progress: 0.4 });
    // A proposed order cannot be planned or edited again.
    expect(errorOf(await gql(cluster.gatewayUrl, PLAN, { id: orderId }, await planner())).code).toBe('CONFLICT');
    expect(
      errorOf(
        await gql(cluster.gatewayUrl, `mutation($id: ID!) { updateJointOrder(id: $id, input: { quantity: 5 }) { id } }`, { id: orderId }, await planner()),
      ).code,
    ).toBe('CONFLICT');
  });

  it('edits and cancels draft orders', async () => {
    const created = expectNoErrors(await gql(cluster.gatewayUrl, CREATE, { input: { ...orderInput, code: 'JO-E2E-002' } }, await planner()))[
      'createJointOrder'
    ];
    const edited = expectNoErrors(
      await gql(
        cluster.gatewayUrl,
        `mutation($id: ID!) { updateJointOrder(id: $id, input: { quantity: 80, priority: 3 }) { quantity priority status } }`,
        { id: created.id },
        await planner(),
      ),
    );
    expect(edited['updateJointOrder']).toEqual({ quantity: 80, priority: 3, status: 'DRAFT' });
    const bad = await gql(
      cluster.gatewayUrl,
      `mutation($id: ID!) { updateJointOrder(id: $id, input: { quantity: 0 }) { id } }`,
      { id: created.id },
      await planner(),
    );
    expect(errorOf(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.quantity' });
    const cancelled = expectNoErrors(
      await gql(
        cluster.gatewayUrl,
        `mutation($id: ID!) { cancelJointOrder(id: $id, reason: "customer moved the launch") { status cancelReason } }`,
        { id: created.id },
        await planner(),
      ),
    );
    expect(cancelled['cancelJointOrder']).toEqual({ status: 'CANCELLED', cancelReason: 'customer moved the launch' });
    const drafts = expectNoErrors(await gql(cluster.gatewayUrl, '{ jointOrders(status: CANCELLED) { code } }', {}, await planner()));
    expect(drafts['jointOrders']).toEqual([{ code: 'JO-E2E-002' }]);
    const missing = await gql(cluster.gatewayUrl, PLAN, { id: 'jo-nope' }, await planner());
    expect(errorOf(missing).code).toBe('NOT_FOUND');
  });

  it('accepts the planner’s service identity only as the leader, for joint planning', async () => {
    const stored = JSON.parse(readFileSync(join(cluster.rootDir, 'data', 'cluster', 'service-key.json'), 'utf8')) as { privateJwk: JWK };
    const key = await importJWK(stored.privateJwk, 'ES256');
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT({ member_id: 'lead', roles: ['planner'], purpose: 'JOINT_PLANNING', ...claims })
        .setProtectedHeader({ alg: 'ES256', kid: stored.privateJwk.kid ?? 'cluster' })
        .setIssuer('clustergraph-cluster')
        .setAudience('clustergraph-gateway')
        .setSubject('service:planner')
        .setIssuedAt()
        .setExpirationTime('2m')
        .sign(key);
    const me = '{ me { userId memberId roles memberRoles } }';
    const ok = expectNoErrors(await gql(cluster.gatewayUrl, me, {}, { token: await sign({}), purpose: 'JOINT_PLANNING' }));
    expect(ok['me']).toEqual({ userId: 'service:planner', memberId: 'lead', roles: ['planner'], memberRoles: ['LEADER'] });
    const otherPurpose = await gql(cluster.gatewayUrl, me, {}, { token: await sign({}), purpose: 'MONITORING' });
    expect(errorOf(otherPurpose).code).toBe('FORBIDDEN');
    const notLeader = await gql(cluster.gatewayUrl, me, {}, { token: await sign({ member_id: 'cast' }), purpose: 'JOINT_PLANNING' });
    expect(errorOf(notLeader).code).toBe('UNAUTHENTICATED');
    const jwks = (await (await fetch(cluster.clusterUrl.replace('/graphql', '/.well-known/jwks.json'))).json()) as { keys: JWK[] };
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });
});
