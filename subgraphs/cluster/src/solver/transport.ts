import type { TransportModel } from './types.ts';

/** Industrial regions of the default table (cities with national industrial complexes). */
export const DEFAULT_REGIONS = ['BUSAN', 'ULSAN', 'CHANGWON', 'DAEGU', 'GUMI', 'GWANGJU', 'INCHEON', 'ANSAN'] as const;

/** Approximate road distances in km between the default regions (symmetric). */
const ROAD_KM: Record<string, number> = {
  'BUSAN|ULSAN': 50,
  'BUSAN|CHANGWON': 45,
  'BUSAN|DAEGU': 120,
  'BUSAN|GUMI': 160,
  'BUSAN|GWANGJU': 260,
  'BUSAN|INCHEON': 420,
  'BUSAN|ANSAN': 400,
  'ULSAN|CHANGWON': 90,
  'ULSAN|DAEGU': 110,
  'ULSAN|GUMI': 150,
  'ULSAN|GWANGJU': 300,
  'ULSAN|INCHEON': 410,
  'ULSAN|ANSAN': 390,
  'CHANGWON|DAEGU': 100,
  'CHANGWON|GUMI': 130,
  'CHANGWON|GWANGJU': 220,
  'CHANGWON|INCHEON': 390,
  'CHANGWON|ANSAN': 370,
  'DAEGU|GUMI': 40,
  'DAEGU|GWANGJU': 220,
  'DAEGU|INCHEON': 300,
  'DAEGU|ANSAN': 280,
  'GUMI|GWANGJU': 230,
  'GUMI|INCHEON': 260,
  'GUMI|ANSAN': 240,
  'GWANGJU|INCHEON': 330,
  'GWANGJU|ANSAN': 310,
  'INCHEON|ANSAN': 35,
};

/** Distance between two different members of the same region. */
export const SAME_REGION_KM = 15;
/** Distance assumed for a region pair missing from the table. */
export const UNKNOWN_REGION_KM = 300;

export function defaultDistanceKm(fromRegion: string, toRegion: string): number {
  const from = fromRegion.toUpperCase();
  const to = toRegion.toUpperCase();
  if (from === to) return SAME_REGION_KM;
  return ROAD_KM[`${from}|${to}`] ?? ROAD_KM[`${to}|${from}`] ?? UNKNOWN_REGION_KM;
}

/**
 * Default transport: cost per unit·km (0.02 per piece per km, i.e. 2 per piece for 100 km).
 * Per-unit pricing keeps the model linear; a per-shipment tariff would need a binary per lane.
 */
export function defaultTransportModel(costPerUnitKm = 0.02): TransportModel {
  return { distanceKm: defaultDistanceKm, costPerUnitKm };
}
