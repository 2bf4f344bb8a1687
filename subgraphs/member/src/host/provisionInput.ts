import { PROCESS_TYPES, type ProcessType } from '@clustergraph/schema/values';
import { badInput } from './errors.ts';
import type { NewHostedFirm } from './seedFirm.ts';

/** The cluster registry's member-id rule (lower-case letters, digits, hyphens; 2–40), so every hosted id is a registrable one. */
export const HOSTED_MEMBER_ID = /^[a-z0-9-]{2,40}$/;
const MAX_NAME_LENGTH = 200;
const KEYS = new Set(['memberId', 'name', 'processes']);

export function isHostedMemberId(value: unknown): value is string {
  return typeof value === 'string' && HOSTED_MEMBER_ID.test(value);
}

/** `POST /admin/firms`'s body: `{ memberId, name, processes }`; anything else is a 400 naming the field. */
export function parseNewHostedFirm(body: unknown): NewHostedFirm {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badInput('body', 'expected a JSON object { memberId, name, processes }');
  const input = body as Record<string, unknown>;
  for (const key of Object.keys(input)) if (!KEYS.has(key)) throw badInput(key.slice(0, 60), 'unknown field');
  if (!isHostedMemberId(input['memberId'])) throw badInput('memberId', 'lower-case letters, digits and hyphens, 2 to 40 of them');
  const name = typeof input['name'] === 'string' ? input['name'].trim() : '';
  if (!name || name.length > MAX_NAME_LENGTH) throw badInput('name', `a name of 1 to ${MAX_NAME_LENGTH} characters`);
  if (!Array.isArray(input['processes'])) throw badInput('processes', 'a list of processes');
  const processes: ProcessType[] = [];
  input['processes'].forEach((value, i) => {
    if (!(PROCESS_TYPES as readonly unknown[]).includes(value)) throw badInput(`processes[${i}]`, `not a process (${PROCESS_TYPES.join(', ')})`);
    if (processes.includes(value as ProcessType)) throw badInput(`processes[${i}]`, 'listed twice');
    processes.push(value as ProcessType);
  });
  return { memberId: input['memberId'], name, processes };
}
