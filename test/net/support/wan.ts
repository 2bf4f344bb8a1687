import type { LinkProfile } from '../../src/delayingProxy.ts';

/**
 * Round-trip times from the leader's site (Busan) to a firm's host, by the firm's region:
 * 10–40 ms, as leased lines and business broadband between the industrial parks of the
 * south-east measure (the farthest standing for a firm whose server sits in a data centre
 * up-country).
 */
export const REGION_ROUND_TRIP_MS: Record<string, number> = {
  Busan: 10,
  Gimhae: 15,
  Yangsan: 20,
  Changwon: 30,
  Ulsan: 40,
};

/** The firm whose link loses packets in `cluster:net` and `bench:net`: a plant on a congested line. */
export const LOSSY_FIRM = 'mirae-cnc';
/** 2 % of segments lost; TCP resends after at least 200 ms (Linux's minimum retransmission timeout). */
export const LOSS = { loss: 0.02, retransmitMs: 200 } as const;

/** The link to a firm in `region` (unknown regions: the farthest), lossy when asked. */
export function wanLink(region: string, lossy = false): LinkProfile {
  const roundTripMs = REGION_ROUND_TRIP_MS[region] ?? 40;
  const delayMs = roundTripMs / 2;
  // Jitter up to a tenth of the one-way delay; order is kept (TCP delivers in order).
  return { delayMs, jitterMs: delayMs / 10, ...(lossy ? LOSS : {}) };
}

/** The longest round trip of a link without loss: both directions at their most jittered. */
export function worstRoundTripMs(link: LinkProfile): number {
  return 2 * (link.delayMs + (link.jitterMs ?? 0));
}

/** "RTT 30 ms ± 3, 2 % loss (200 ms resend)" */
export function describeLink(link: LinkProfile): string {
  const loss = link.loss ? `, ${(link.loss * 100).toFixed(0)} % loss (${link.retransmitMs ?? 200} ms resend)` : '';
  return `RTT ${2 * link.delayMs} ms + up to ${2 * (link.jitterMs ?? 0)} ms jitter${loss}`;
}
