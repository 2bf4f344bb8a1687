import type { MemberSpec } from '@clustergraph/launcher';
import type { TestCluster } from './testCluster.ts';

/**
 * Starts a member process the registry does not know yet (a firm about to apply with its own
 * server), on a database of its own; the test registers it through the API.
 */
export async function startUnregisteredMember(cluster: TestCluster, spec: MemberSpec): Promise<void> {
  const url = await cluster.database(spec.id);
  await cluster.startMember({ ...spec, registered: false, env: { ...spec.env, ...(url ? { DATABASE_URL: url } : {}) } });
}
