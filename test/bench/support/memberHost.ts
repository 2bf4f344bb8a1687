/**
 * Many member subgraphs in ONE process, for bench:fanout: each the real createMemberApp on
 * its own embedded PGlite database and port, seeded from a test profile. Cheaper than a
 * process per member (50 Node processes would not fit beside the rest on two cores).
 * Reads a JSON job from argv[2] ({ rootDir, publicKeyFile, members: [{ id, seedProfile }] }),
 * prints one line `{"ready":[{"id","url"}]}` when every member answers, stops on SIGTERM.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, preparePgliteDataDirs } from '@clustergraph/runtime';
import { createMemberApp, loadMemberConfig, type MemberApp } from '@clustergraph/member-subgraph';

interface Job {
  rootDir: string;
  publicKeyFile: string;
  members: { id: string; seedProfile: unknown }[];
}

const job = JSON.parse(process.argv[2]!) as Job;
const logger = createLogger('member-host', { level: 'warn', pretty: false });
const dataDir = (id: string) => join(job.rootDir, 'data', `member-${id}`);
await preparePgliteDataDirs(job.members.map((m) => dataDir(m.id)));
mkdirSync(join(job.rootDir, 'profiles'), { recursive: true });

const apps: MemberApp[] = [];
const ready: { id: string; url: string }[] = [];
// One after the other: PGlite start-up is CPU-bound, in parallel it only takes longer to fail.
for (const member of job.members) {
  const profile = join(job.rootDir, 'profiles', `${member.id}.json`);
  writeFileSync(profile, JSON.stringify(member.seedProfile));
  const config = loadMemberConfig({
    MEMBER_ID: member.id,
    DATA_DIR: dataDir(member.id),
    GATEWAY_PUBLIC_JWK_FILE: job.publicKeyFile,
    SEED_PROFILE: profile,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
  });
  const app = await createMemberApp(config, logger.child({ memberId: member.id }));
  apps.push(app);
  const { url } = await app.start(0, '127.0.0.1');
  ready.push({ id: member.id, url });
}
console.log(JSON.stringify({ ready }));

let stopping = false;
process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  void Promise.allSettled(apps.map((app) => app.stop())).then(() => process.exit(0));
});
