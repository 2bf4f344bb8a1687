import { randomUUID } from 'node:crypto';
import { memberAudience, type ServiceTokenSigner } from '@clustergraph/runtime';

export interface CommittedEvent {
  seq: number;
  lineId: string;
  at: string;
}

const STATES = ['RUNNING', 'IDLE', 'DOWN', 'RUNNING', 'CHANGEOVER', 'RUNNING', 'MAINTENANCE'];

/**
 * Emits `eventsPerSecond` line events in total, spread evenly over the members, with
 * `reportLineEvents` sent to each member directly (as an MES would, with the owner's
 * identity), and records what each member committed (seq, line, commit time).
 */
export async function driveEvents(options: {
  members: Array<{ id: string; url: string; lineIds: string[] }>;
  signer: ServiceTokenSigner;
  eventsPerSecond: number;
  seconds: number;
}): Promise<{ committed: Map<string, CommittedEvent[]>; failures: number; elapsedSeconds: number; startedAt: number }> {
  const { members, signer, eventsPerSecond, seconds } = options;
  const committed = new Map(members.map((m) => [m.id, [] as CommittedEvent[]]));
  // Gateway tokens are single-use at the member: a fresh one per request, as the gateway does.
  const tokenFor = (memberId: string) =>
    signer.sign(
      { viewer: { userId: `mes@${memberId}`, memberId, roles: ['admin'], memberRoles: [] }, purpose: 'MONITORING', system: false },
      memberAudience(memberId),
    );
  let failures = 0;
  let counter = 0;
  const send = async (member: (typeof members)[number]) => {
    const lineId = member.lineIds[counter % member.lineIds.length]!;
    const state = STATES[Math.floor(counter / member.lineIds.length) % STATES.length]!;
    counter++;
    const event = { eventId: randomUUID(), lineId, state };
    // reportLineEvents is idempotent on eventId: a request lost to a closing keep-alive socket is simply sent again.
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await fetch(member.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(member.id)}` },
          body: JSON.stringify({
            query:
              'mutation($memberId: ID, $events: [LineEventInput!]!) { reportLineEvents(memberId: $memberId, events: $events) { events { seq lineId at } } }',
            variables: { memberId: member.id, events: [event] },
          }),
        });
        const body = (await response.json()) as { data?: { reportLineEvents?: { events: CommittedEvent[] } }; errors?: unknown[] };
        const events = body.data?.reportLineEvents?.events;
        if (!events) throw new Error(JSON.stringify(body.errors));
        committed.get(member.id)!.push(...events);
        return;
      } catch (error) {
        if (attempt < 3) continue;
        failures++;
        if (failures <= 3) console.error(`reportLineEvents to ${member.id} failed: ${(error as Error).message}`);
        return;
      }
    }
  };

  const intervalMs = 1000 / eventsPerSecond;
  const started = Date.now();
  const inFlight: Array<Promise<void>> = [];
  for (let i = 0; i < eventsPerSecond * seconds; i++) {
    const due = started + i * intervalMs;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(send(members[i % members.length]!));
  }
  await Promise.all(inFlight);
  const elapsedSeconds = (Date.now() - started) / 1000;
  for (const events of committed.values()) events.sort((a, b) => a.seq - b.seq);
  return { committed, failures, elapsedSeconds, startedAt: started };
}
