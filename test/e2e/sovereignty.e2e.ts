import { startTestCluster } from '../src/index.ts';
import { sovereigntyMembers } from './support/sovereignty.ts';
import { describeSovereigntyMatrix } from './support/sovereigntyMatrix.ts';

// Issue 3, adversarial: every data category of one owner (cast) read by every kind of reader
// for every purpose, through the gateway; then the ways around the gateway. Each member is a
// process of its own here; hosted-sovereignty.e2e.ts runs the same suite on a member host.
describeSovereigntyMatrix('data sovereignty: policies enforced at the source, usage ledger (issue 3)', () =>
  startTestCluster({ members: sovereigntyMembers() }),
);
