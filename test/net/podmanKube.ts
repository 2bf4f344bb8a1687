// Runs rendered Kubernetes manifests (kustomize output) under `podman kube play`, which knows
// Pods, Deployments, PersistentVolumeClaims and ConfigMaps only. What it lacks is translated,
// and nothing else is changed:
// - a Deployment or StatefulSet becomes one Pod per replica; a pod selected by a Service is
//   named after that Service (replica 0; replica i gets "-i"), because podman's network DNS
//   resolves pod names: `clustergraph-gateway`, `member-db-hanbit-ev` resolve as in a cluster;
// - a StatefulSet's volumeClaimTemplates become PersistentVolumeClaims (podman volumes);
// - Secret and ConfigMap volumes become host folders holding their keys as files, and env
//   from Secrets and ConfigMaps is written out as plain values;
// - probes are dropped (podman runs them with systemd timers, which this machine has not),
//   and so are container ports (podman would publish each on the host) except those asked
//   for, and Services, NetworkPolicies and Namespaces, which podman cannot enforce; the
//   policies are checked on the rendered manifests instead (k8s.net.ts).
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments, stringify } from 'yaml';

const run = promisify(execFile);

/** The project's podman settings (runc, no default ulimits): deploy/podman/containers.conf. */
export const podmanEnv = { ...process.env, CONTAINERS_CONF: new URL('../../deploy/podman/containers.conf', import.meta.url).pathname };

export async function podman(args: string[], timeoutMs = 300_000): Promise<string> {
  const { stdout } = await run('podman', args, { env: podmanEnv, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

// Manifests are plain JSON-ish trees; a loose type keeps the translation short.
type Doc = Record<string, any>;

/** `kubectl kustomize <dir>` parsed into documents. */
export async function renderKustomization(dir: string): Promise<Doc[]> {
  const { stdout } = await run('kubectl', ['kustomize', dir], { maxBuffer: 64 * 1024 * 1024 });
  return parseAllDocuments(stdout)
    .map((d) => d.toJS() as Doc)
    .filter(Boolean);
}

const selects = (selector: Record<string, string> | undefined, labels: Record<string, string>) =>
  !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

export interface PlayableOptions {
  /** Folder for Secret and ConfigMap files. */
  workDir: string;
  /** Pod name → host port on 127.0.0.1 for its first container port. */
  publish?: Record<string, number>;
}

/** Translates rendered manifests into documents `podman kube play` runs (see the file comment). */
export function toPlayable(docs: Doc[], options: PlayableOptions): { yaml: string; pods: string[]; volumes: string[] } {
  const byKind = (kind: string) => docs.filter((d) => d.kind === kind);
  const secrets = new Map<string, Record<string, string>>(
    byKind('Secret').map((s) => [
      s.metadata.name,
      {
        ...Object.fromEntries(Object.entries(s.data ?? {}).map(([k, v]) => [k, Buffer.from(String(v), 'base64').toString('utf8')])),
        ...(s.stringData ?? {}),
      },
    ]),
  );
  const configMaps = new Map<string, Record<string, string>>(byKind('ConfigMap').map((c) => [c.metadata.name, c.data ?? {}]));
  const services = byKind('Service');
  const out: Doc[] = [];
  const pods: string[] = [];
  const volumes: string[] = [];

  const source = (kind: 'secret' | 'configMap', name: string) => {
    const data = (kind === 'secret' ? secrets : configMaps).get(name);
    if (!data) throw new Error(`${kind} ${name} is referenced but not rendered`);
    return data;
  };
  const folderOf = (kind: string, name: string, data: Record<string, string>) => {
    const dir = join(options.workDir, `${kind}-${name}`);
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o755);
    for (const [key, value] of Object.entries(data)) writeFileSync(join(dir, key), value, { mode: 0o644 });
    return dir;
  };

  for (const workload of [...byKind('Deployment'), ...byKind('StatefulSet')]) {
    const template = workload.spec.template;
    const labels: Record<string, string> = template.metadata?.labels ?? {};
    const service = services.find((s) => selects(s.spec?.selector, labels));
    const base = service?.metadata.name ?? workload.metadata.name;
    const replicas: number = workload.spec.replicas ?? 1;
    for (let i = 0; i < replicas; i++) {
      const podName = i === 0 && service ? base : `${base}-${i}`;
      const spec: Doc = structuredClone(template.spec);
      delete spec.securityContext; // fsGroup etc.: the images already run as their own user
      spec.restartPolicy = 'Always';
      spec.volumes = (spec.volumes ?? []).map((v: Doc) => {
        if (v.secret)
          return { name: v.name, hostPath: { path: folderOf('secret', v.secret.secretName, source('secret', v.secret.secretName)), type: 'Directory' } };
        if (v.configMap)
          return { name: v.name, hostPath: { path: folderOf('configmap', v.configMap.name, source('configMap', v.configMap.name)), type: 'Directory' } };
        return v;
      });
      for (const claim of workload.spec.volumeClaimTemplates ?? []) {
        const claimName = `${claim.metadata.name}-${podName}`;
        volumes.push(claimName);
        out.push({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: claimName }, spec: claim.spec });
        spec.volumes.push({ name: claim.metadata.name, persistentVolumeClaim: { claimName } });
      }
      spec.containers = spec.containers.map((c: Doc, index: number) => {
        const env = new Map<string, string>();
        for (const from of c.envFrom ?? []) {
          const data = from.secretRef ? source('secret', from.secretRef.name) : source('configMap', from.configMapRef.name);
          for (const [k, v] of Object.entries(data)) env.set(k, v);
        }
        for (const e of c.env ?? []) {
          if (e.value !== undefined) env.set(e.name, String(e.value));
          else if (e.valueFrom?.secretKeyRef) env.set(e.name, source('secret', e.valueFrom.secretKeyRef.name)[e.valueFrom.secretKeyRef.key] ?? '');
          else if (e.valueFrom?.configMapKeyRef) env.set(e.name, source('configMap', e.valueFrom.configMapKeyRef.name)[e.valueFrom.configMapKeyRef.key] ?? '');
        }
        const container: Doc = { ...c, env: [...env].map(([name, value]) => ({ name, value })) };
        delete container.envFrom;
        delete container.livenessProbe;
        delete container.readinessProbe;
        delete container.startupProbe;
        // podman publishes every declared containerPort on the host (all would want 4101 or
        // 5432); pods reach each other over the network without them. Only what the test
        // asks for is published, on 127.0.0.1.
        const hostPort = options.publish?.[podName];
        if (index === 0 && hostPort !== undefined) container.ports = [{ containerPort: container.ports[0].containerPort, hostPort, hostIP: '127.0.0.1' }];
        else delete container.ports;
        return container;
      });
      out.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: podName, labels }, spec });
      pods.push(podName);
    }
  }
  return { yaml: out.map((d) => stringify(d)).join('---\n'), pods, volumes };
}
