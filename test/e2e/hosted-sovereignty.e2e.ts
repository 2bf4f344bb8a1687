import { startTestCluster } from '../src/index.ts';
import { sovereigntyMembers } from './support/sovereignty.ts';
import { describeSovereigntyMatrix } from './support/sovereigntyMatrix.ts';

// Issue 18: the adversarial sovereignty matrix of issue 3, unchanged, against a cluster whose
// five members are all served by ONE member host (five firms, one process, one database pool).
// Every refusal and every ledger row must come out as with a process per firm.
describeSovereigntyMatrix('data sovereignty with every member on one member host (issue 18)', () =>
  startTestCluster({
    members: sovereigntyMembers().map((member) => ({ ...member, hosted: true })),
    memberHost: {},
    // The matrix opens with 24 concurrent reads of one firm, all on the one host process: on a
    // loaded 2-core machine its part may take longer than the usual test timeout of 3 s, which
    // would withhold it as MEMBER_UNAVAILABLE. This suite is about who sees what; speed is bench:hosted's.
    gatewayEnv: { MEMBER_TIMEOUT_MS: '15000' },
  }),
);
