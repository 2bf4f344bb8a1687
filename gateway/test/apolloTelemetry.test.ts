import { describe, expect, it } from 'vitest';
import { disableApolloTelemetry } from '../src/apolloTelemetry.ts';

describe("Apollo's usage telemetry", () => {
  it('is turned off unless the operator chose otherwise', () => {
    const unset: Record<string, string | undefined> = {};
    disableApolloTelemetry(unset);
    expect(unset['APOLLO_TELEMETRY_DISABLED']).toBe('true');
    const chosen: Record<string, string | undefined> = { APOLLO_TELEMETRY_DISABLED: 'false' };
    disableApolloTelemetry(chosen);
    expect(chosen['APOLLO_TELEMETRY_DISABLED']).toBe('false');
  });
});
