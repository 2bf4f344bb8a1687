import { readFileSync } from 'node:fs';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { validateRegistration, type MemberRegistration } from './registrationInput.ts';

const seedFileSchema = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    localName: z.string().nullish(),
    roles: z.array(z.string()),
    region: z.string().nullish(),
    endpoint: z.string(),
  }),
);

/**
 * Reads SEED_MEMBERS_FILE (the demo and test launcher write one) and validates each entry
 * with the same rules as `registerMember`, so a bad seed fails start-up instead of
 * putting a member in the registry that the API would have refused.
 */
export function readSeedMembers(file: string, leaderId: string | null): MemberRegistration[] {
  const fail = (why: string): never => {
    throw new Error(`SEED_MEMBERS_FILE ${file}: ${why}`);
  };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const parsed = seedFileSchema.safeParse(raw);
  if (!parsed.success) return fail(parsed.error.issues.map((issue) => `seed[${issue.path.join('.')}]: ${issue.message}`).join('; '));

  const seen = new Set<string>();
  return parsed.data.map((entry, index) => {
    let registration: MemberRegistration;
    try {
      registration = validateRegistration(entry, leaderId, `seed[${index}]`);
    } catch (error) {
      return fail(error instanceof GraphQLError ? error.message : String(error));
    }
    if (seen.has(registration.id)) fail(`seed[${index}].id: ${registration.id} appears twice`);
    seen.add(registration.id);
    return registration;
  });
}
