import { CLUSTER_AUDIENCE, ServiceTokenVerifier, memberAudience } from '@clustergraph/runtime';

/** Each test server verifies gateway tokens for its own audience only, as the real subgraphs do. */
export interface TestVerifiers {
  member(memberId: string): Promise<ServiceTokenVerifier>;
  cluster(): Promise<ServiceTokenVerifier>;
}

export function testVerifiers(publicKeyFile: string): TestVerifiers {
  return {
    member: (memberId) => ServiceTokenVerifier.create({ file: publicKeyFile }, { audience: memberAudience(memberId) }),
    cluster: () => ServiceTokenVerifier.create({ file: publicKeyFile }, { audience: CLUSTER_AUDIENCE }),
  };
}
