// The AI-transition part of the demo (issue 6): each firm's self-assessment as its declared
// level implies, one planted scrap-rate shift for the anomaly detector to find, and
// K-Mobility's support programme over three suppliers at different levels.

/** Self-assessment answers consistent with a declared smart-factory level (1–5). */
export function selfAssessmentForLevel(level: number) {
  return {
    lotTraceability: level >= 1,
    automaticEquipmentData: level >= 2,
    realTimeControl: level >= 3,
    environmentSafetyMonitoring: level >= 4,
    analyticsInOperations: level >= 4,
    autonomousControl: level >= 5,
  };
}

/** Daesung's 1250 t cell scraps three times its usual share over its last 30 shifts (worn die insert). */
const PLANTED: Record<string, Array<{ lineId: string; shifts: number; factor: number }>> = {
  'daesung-casting': [{ lineId: 'dc-1250t', shifts: 30, factor: 3 }],
};

/** The `analytics` section of a demo firm's seed profile. */
export function demoAnalyticsSeed(firmId: string, level: number) {
  return { selfAssessment: selfAssessmentForLevel(level), plantedScrapShifts: PLANTED[firmId] ?? [] };
}

export const DEMO_PROGRAMME = {
  anchorId: 'kmobility',
  name: 'K-Mobility win-win AI factory programme',
  // Levels 2, 3 and 1 (declared); the computed levels follow once their lines report live status.
  supplierIds: ['daesung-casting', 'mirae-cnc', 'dongbang-mold'],
  baselineWeeks: 3,
};

/**
 * Starts the demo programme through the gateway as K-Mobility's admin, like the console
 * would, once: the baseline is the 3 weeks before a start 3 weeks ago, inside the seeded
 * history, and each supplier freezes its baseline when the programme is first read.
 */
export async function seedDemoProgramme(gatewayOrigin: string): Promise<'created' | 'exists'> {
  const tokenResponse = await fetch(`${gatewayOrigin}/auth/demo-token?user=${encodeURIComponent(`admin@${DEMO_PROGRAMME.anchorId}`)}`);
  const { token } = (await tokenResponse.json()) as { token?: string };
  if (!token) throw new Error(`no demo token for admin@${DEMO_PROGRAMME.anchorId}`);
  const call = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${gatewayOrigin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-clustergraph-purpose': 'AI_TRANSITION' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: Record<string, any>; errors?: Array<{ message: string }> };
    if (!body.data) throw new Error(body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`);
    return body.data;
  };
  const existing = await call(`query($anchorId: ID) { supportProgrammes(anchorId: $anchorId) { id } }`, { anchorId: DEMO_PROGRAMME.anchorId });
  if (existing['supportProgrammes'].length > 0) return 'exists';
  const now = new Date(Date.now() + 9 * 3_600_000);
  const weekday = (now.getUTCDay() + 6) % 7;
  const startDate = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (weekday + 21) * 86_400_000).toISOString().slice(0, 10);
  await call(`mutation($input: SupportProgrammeInput!) { createSupportProgramme(input: $input) { id suppliers { progress { levelThen } } } }`, {
    input: { ...DEMO_PROGRAMME, startDate },
  });
  return 'created';
}
