// deploy/k8s under `podman kube play`: the demo kustomization (base + one overlay per demo
// firm) rendered with kustomize, run from the images `pnpm images` built, and the acceptance
// query answered through both gateway replicas. Needs root, podman and the images:
// `pnpm test:net` builds them first.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@clustergraph/launcher';
import { demoToken, gql, mondayFromNow, waitFor } from '../src/index.ts';
import { podman, renderKustomization, toPlayable } from './podmanKube.ts';

const demoDir = fileURLToPath(new URL('../../deploy/k8s/demo', import.meta.url));
const DEMO_MEMBERS = ['hanbit-ev', 'daesung-casting', 'sejin-heat', 'mirae-cnc', 'dongbang-mold', 'kmobility'];
const OVERVIEW = `query Overview($from: Date!, $to: Date!) { members { id name roles lines { id name status { state } } capacity(from: $from, to: $to) { process weekStart availableHours } } }`;

type Doc = Record<string, any>;
let docs: Doc[] = [];
const workDir = mkdtempSync(join(tmpdir(), 'cg-k8s-'));
const network = `cg-k8s-${process.pid}`;
const playFile = join(workDir, 'play.yaml');
let played: ReturnType<typeof toPlayable> | undefined;
const origins: string[] = [];

beforeAll(async () => {
  docs = await renderKustomization(demoDir);
  const ports = [await freePort(), await freePort()];
  played = toPlayable(docs, { workDir, publish: { 'clustergraph-gateway': ports[0]!, 'clustergraph-gateway-1': ports[1]! } });
  writeFileSync(playFile, played.yaml);
  for (const volume of played.volumes) await podman(['volume', 'rm', '-f', volume]).catch(() => ''); // a run that was killed
  await podman(['network', 'create', network]);
  await podman(['kube', 'play', '--network', network, playFile], 600_000);
  for (const port of ports) origins.push(`http://127.0.0.1:${port}`);
  // Eight Node services and seven PostgreSQL servers start on two cores: minutes, not seconds.
  for (const origin of origins) {
    await waitFor(
      `${origin}/health with every member routed`,
      async () => {
        const res = await fetch(`${origin}/health`);
        const health = (await res.json()) as { routing?: { active?: number } };
        return res.ok && health.routing?.active === DEMO_MEMBERS.length;
      },
      480_000,
      2000,
    );
  }
  // A member that started before its database was up restarts (as under Kubernetes): the
  // cluster is ready once every member answers its part.
  const token = await demoToken(origins[0]!, 'planner@hanbit-ev');
  await waitFor(
    'every member answering through the gateway',
    async () => {
      const result = await gql(`${origins[0]}/graphql`, OVERVIEW, { from: mondayFromNow(0), to: mondayFromNow(4) }, { token, purpose: 'JOINT_PLANNING' });
      return result.status === 200 && !(result.errors ?? []).some((e) => e.extensions?.['code'] === 'MEMBER_UNAVAILABLE');
    },
    300_000,
    3000,
  );
}, 900_000);

afterAll(async () => {
  if (played) {
    await podman(['kube', 'down', playFile], 300_000).catch(() => '');
    for (const volume of played.volumes) await podman(['volume', 'rm', '-f', volume]).catch(() => '');
  }
  await podman(['network', 'rm', '-f', network]).catch(() => '');
  rmSync(workDir, { recursive: true, force: true });
}, 600_000);

describe('deploy/k8s rendered with kustomize', () => {
  it('has the gateway at 2 replicas, and per demo firm a member Deployment and its own PostgreSQL StatefulSet with a claim', () => {
    const gateway = docs.find((d) => d.kind === 'Deployment' && d.metadata.name === 'clustergraph-gateway');
    expect(gateway?.spec.replicas).toBe(2);
    for (const id of DEMO_MEMBERS) {
      const member = docs.find((d) => d.kind === 'Deployment' && d.metadata.name === `member-${id}`);
      const db = docs.find((d) => d.kind === 'StatefulSet' && d.metadata.name === `member-db-${id}`);
      expect(member?.spec.template.metadata.labels['clustergraph.io/member']).toBe(id);
      expect(db?.spec.volumeClaimTemplates?.[0]?.spec.resources.requests.storage).toBeTruthy();
      for (const container of [...member!.spec.template.spec.containers, ...db!.spec.template.spec.containers]) {
        expect(container.resources?.requests && container.resources?.limits, `${container.name} of ${id}`).toBeTruthy();
        expect(container.livenessProbe && container.readinessProbe, `${container.name} of ${id}`).toBeTruthy();
      }
    }
  });

  it('probes every ClusterGraph service: liveness on /health, readiness on /ready', () => {
    const services = docs.filter((d) => d.kind === 'Deployment');
    expect(services.length).toBe(2 + DEMO_MEMBERS.length); // gateway, cluster subgraph, one member per firm
    for (const service of services) {
      for (const container of service.spec.template.spec.containers) {
        expect(container.livenessProbe?.httpGet?.path, `${service.metadata.name}`).toBe('/health');
        expect(container.readinessProbe?.httpGet?.path, `${service.metadata.name}`).toBe('/ready');
      }
    }
  });

  it("lets only a firm's own member reach its database, and only the gateway and the cluster subgraph (its endpoint check) reach a member", () => {
    const policies = docs.filter((d) => d.kind === 'NetworkPolicy');
    const labelsOf = (name: string) =>
      docs.find((d) => (d.kind === 'Deployment' || d.kind === 'StatefulSet') && d.metadata.name === name)!.spec.template.metadata.labels;
    const matches = (selector: Doc, labels: Record<string, string>) =>
      Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v) &&
      (selector.matchExpressions ?? []).every((e: Doc) => e.operator === 'In' && e.values.includes(labels[e.key]));
    // Every workload that may reach `target` under the policies that select it.
    const admitted = (target: string) => {
      const targetLabels = labelsOf(target);
      const selecting = policies.filter((p) => matches(p.spec.podSelector, targetLabels));
      expect(selecting.length, `a policy selects ${target}`).toBeGreaterThan(0);
      const workloads = docs.filter((d) => d.kind === 'Deployment' || d.kind === 'StatefulSet').map((d) => d.metadata.name as string);
      return workloads.filter((w) =>
        selecting.some((p) => p.spec.ingress.some((rule: Doc) => rule.from.some((f: Doc) => matches(f.podSelector, labelsOf(w))))),
      );
    };
    for (const id of DEMO_MEMBERS) {
      expect(admitted(`member-db-${id}`)).toEqual([`member-${id}`]);
      expect(admitted(`member-${id}`).sort()).toEqual(['clustergraph-cluster', 'clustergraph-gateway']);
    }
    expect(admitted('clustergraph-cluster-db')).toEqual(['clustergraph-cluster']);
  });

  it('keeps keys in Secrets: no private key or password in a ConfigMap or a container env value', () => {
    const plain = JSON.stringify(docs.filter((d) => d.kind !== 'Secret'));
    expect(plain).not.toMatch(/"d":"|POSTGRES_PASSWORD=|postgres:\/\/[^"]*:[^"]*@/);
  });
});

describe('deploy/k8s under podman kube play', () => {
  it('answers the acceptance query through both gateway replicas, every firm from its own member and database', async () => {
    // Signed in on one replica, asking the other: the replicas share the issuer's and the signing keys (Secrets).
    const token = await demoToken(origins[0]!, 'planner@hanbit-ev');
    for (const origin of [origins[1]!, origins[0]!]) {
      const result = await gql(`${origin}/graphql`, OVERVIEW, { from: mondayFromNow(0), to: mondayFromNow(4) }, { token, purpose: 'JOINT_PLANNING' });
      expect(result.status, JSON.stringify(result.errors)).toBe(200);
      expect(
        (result.errors ?? []).filter((e) => e.extensions?.['code'] !== 'FORBIDDEN'),
        origin,
      ).toEqual([]);
      const members = result.data?.['members'] as Array<{ id: string; lines: unknown[]; capacity: unknown[] }>;
      expect(members.map((m) => m.id).sort()).toEqual([...DEMO_MEMBERS].sort());
      for (const member of members) {
        expect(member.lines.length, member.id).toBeGreaterThan(0);
        expect(member.capacity.length, member.id).toBeGreaterThan(0);
      }
      // Only what the demo's sharing policies withhold (line status of two firms), no member down.
      const codes = new Set((result.errors ?? []).map((e) => e.extensions?.['code']));
      expect([...codes].filter((c) => c !== 'FORBIDDEN')).toEqual([]);
      // What the readiness probes ask (podman runs no probes, so the test asks it itself).
      const ready = await fetch(`${origin}/ready`);
      expect(ready.status, origin).toBe(200);
      expect(((await ready.json()) as { status: string }).status).toBe('ready');
    }
  });

  it('runs each service as a non-root user', async () => {
    for (const pod of ['clustergraph-gateway', 'clustergraph-cluster', 'member-hanbit-ev']) {
      const id = (await podman(['exec', `${pod}-${pod.startsWith('member') ? 'member' : pod.replace('clustergraph-', '')}`, 'id', '-u'])).trim();
      expect(id, pod).toBe('10001');
    }
  });
});
