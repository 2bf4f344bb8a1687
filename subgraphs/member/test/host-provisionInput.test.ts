import { describe, expect, it } from 'vitest';
import { parseNewHostedFirm } from '../src/host/provisionInput.ts';
import { HostApiError } from '../src/host/errors.ts';

// POST /admin/firms's body (issue 18): what the host accepts, and the field named for the rest.

const fieldOf = (body: unknown): string | undefined => {
  try {
    parseNewHostedFirm(body);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(HostApiError);
    expect((error as HostApiError).status).toBe(400);
    return (error as HostApiError).field;
  }
};

describe('hosted firm provisioning input', () => {
  it('takes an id, a trimmed name and distinct processes', () => {
    expect(parseNewHostedFirm({ memberId: 'hanbit-ev', name: ' Hanbit EV ', processes: ['CASTING', 'WELDING'] })).toEqual({
      memberId: 'hanbit-ev',
      name: 'Hanbit EV',
      processes: ['CASTING', 'WELDING'],
    });
    expect(parseNewHostedFirm({ memberId: '00', name: 'x', processes: [] }).processes).toEqual([]);
  });

  it('names the field it refuses', () => {
    expect(fieldOf(null)).toBe('body');
    expect(fieldOf([])).toBe('body');
    expect(fieldOf({ memberId: 'UPPER', name: 'x', processes: [] })).toBe('memberId');
    expect(fieldOf({ memberId: 'a_b', name: 'x', processes: [] })).toBe('memberId');
    expect(fieldOf({ memberId: 'x'.repeat(41), name: 'x', processes: [] })).toBe('memberId');
    expect(fieldOf({ memberId: 'ok-id', name: '', processes: [] })).toBe('name');
    expect(fieldOf({ memberId: 'ok-id', name: 'n'.repeat(201), processes: [] })).toBe('name');
    expect(fieldOf({ memberId: 'ok-id', name: 'x' })).toBe('processes');
    expect(fieldOf({ memberId: 'ok-id', name: 'x', processes: ['CASTING', 'casting'] })).toBe('processes[1]');
    expect(fieldOf({ memberId: 'ok-id', name: 'x', processes: ['CASTING', 'CASTING'] })).toBe('processes[1]');
    expect(fieldOf({ memberId: 'ok-id', name: 'x', processes: [], hosting: 'SELF' })).toBe('hosting');
  });
});
