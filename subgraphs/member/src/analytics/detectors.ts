import { mean, sampleStandardDeviation } from 'simple-statistics';

/**
 * Shift detection on one series (per-shift scrap rate, per-shift cycle time) with a
 * CUSUM and an EWMA chart run side by side against a robust rolling baseline:
 *
 * - baseline μ = mean and σ = sample standard deviation of the last `window` in-control
 *   points (at least `warmup`), σ floored at `sigmaFloorRelative` × |μ| and
 *   `sigmaFloorAbsolute`. Points inside an anomaly never enter the window, which is what
 *   keeps the plain mean robust enough; a median/MAD baseline was tried and fails on
 *   small-count scrap rates (1 or 2 scrapped parts a shift: MAD ≈ 0);
 * - z = (x − μ) / σ; CUSUM S⁺ = max(0, S⁺ + z − k), S⁻ likewise (two-sided charts only);
 *   EWMA E = λz + (1 − λ)E with limit L·√(λ / (2 − λ));
 * - an alarm opens a segment when S > h or |E| > limit in a watched direction. The
 *   segment starts where that CUSUM last stood at 0 (its change-point estimate); while it
 *   is open the baseline is frozen. It closes after `quietPoints` consecutive points back
 *   within one σ of the baseline, ending at the last point before them; one left open
 *   at the end of the series is ongoing. A segment open longer than `maxOpenPoints` is
 *   closed there and the baseline relearnt from the new level (a persistent step is one
 *   anomaly, not an alarm for ever).
 * - segments shorter than `minPoints`, or whose mean differs from the baseline by less
 *   than `minRelativeEffect`, are dropped (single outliers and effects too small to act on).
 */
export interface DetectorOptions {
  warmup: number;
  window: number;
  k: number;
  h: number;
  lambda: number;
  L: number;
  direction: 'up' | 'both';
  sigmaFloorRelative: number;
  sigmaFloorAbsolute: number;
  minPoints: number;
  minRelativeEffect: number;
  quietPoints: number;
  maxOpenPoints: number;
}

export const DEFAULT_DETECTOR: DetectorOptions = {
  warmup: 20,
  window: 24,
  k: 0.5,
  h: 6,
  lambda: 0.2,
  L: 3.5,
  direction: 'both',
  sigmaFloorRelative: 0.01,
  sigmaFloorAbsolute: 1e-9,
  minPoints: 3,
  minRelativeEffect: 0.04,
  quietPoints: 3,
  maxOpenPoints: 60,
};

export interface DetectedShift {
  /** Index of the first shifted point (the CUSUM change-point estimate). */
  startIndex: number;
  /** Index of the last shifted point. */
  endIndex: number;
  ongoing: boolean;
  baseline: number;
  sigma: number;
  /** +1 up, −1 down. */
  direction: 1 | -1;
  /** (mean of the segment − baseline) / |baseline|. */
  relativeEffect: number;
  /** (mean of the segment − baseline) / σ. */
  sigmaEffect: number;
}

export interface BaselineTrace {
  /** The baseline each point was judged against (null during warm-up). */
  baseline: Array<number | null>;
}

export function detectShifts(values: readonly number[], options: Partial<DetectorOptions> = {}): { shifts: DetectedShift[]; trace: BaselineTrace } {
  const o = { ...DEFAULT_DETECTOR, ...options };
  const limit = o.L * Math.sqrt(o.lambda / (2 - o.lambda));
  const shifts: DetectedShift[] = [];
  const baselineTrace: Array<number | null> = [];
  let reference: number[] = [];
  let up = 0;
  let down = 0;
  let ewma = 0;
  let lastZeroUp = -1;
  let lastZeroDown = -1;
  let open: { start: number; direction: 1 | -1; mu: number; sigma: number; lastOut: number; quiet: number } | null = null;

  const stats = () => {
    const mu = mean(reference);
    const sd = reference.length > 1 ? sampleStandardDeviation(reference) : 0;
    return { mu, sigma: Math.max(sd, o.sigmaFloorRelative * Math.abs(mu), o.sigmaFloorAbsolute) };
  };
  const close = (end: number, ongoing: boolean) => {
    const seg = open!;
    open = null;
    const segment = values.slice(seg.start, end + 1);
    up = down = ewma = 0;
    if (segment.length < o.minPoints) return;
    const delta = mean(segment) - seg.mu;
    const relativeEffect = seg.mu !== 0 ? delta / Math.abs(seg.mu) : delta > 0 ? Infinity : -Infinity;
    if (Math.abs(relativeEffect) < o.minRelativeEffect || Math.sign(delta) !== seg.direction) return;
    shifts.push({
      startIndex: seg.start,
      endIndex: end,
      ongoing,
      baseline: seg.mu,
      sigma: seg.sigma,
      direction: seg.direction,
      relativeEffect,
      sigmaEffect: delta / seg.sigma,
    });
  };

  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (!open && reference.length < o.warmup) {
      reference.push(x);
      baselineTrace.push(null);
      lastZeroUp = lastZeroDown = i;
      continue;
    }
    const { mu, sigma }: { mu: number; sigma: number } = open ? { mu: open.mu, sigma: open.sigma } : stats();
    baselineTrace.push(mu);
    const z = (x - mu) / sigma;
    if (open) {
      const shifted = open.direction * z;
      if (shifted > 1) {
        open.lastOut = i;
        open.quiet = 0;
      } else if (++open.quiet >= o.quietPoints) {
        close(open.lastOut, false);
        lastZeroUp = lastZeroDown = i;
        continue;
      }
      if (i - open.start + 1 >= o.maxOpenPoints) {
        const start = open.start;
        close(i, false);
        // The level persisted: learn the new one from the points since the shift began.
        reference = values.slice(Math.max(start, i + 1 - o.window), i + 1) as number[];
        lastZeroUp = lastZeroDown = i;
      }
      continue;
    }
    up = Math.max(0, up + z - o.k);
    down = Math.max(0, down - z - o.k);
    ewma = o.lambda * z + (1 - o.lambda) * ewma;
    if (up === 0) lastZeroUp = i;
    if (down === 0) lastZeroDown = i;
    const alarmUp = up > o.h || ewma > limit;
    const alarmDown = o.direction === 'both' && (down > o.h || ewma < -limit);
    if (alarmUp || alarmDown) {
      const direction: 1 | -1 = alarmUp ? 1 : -1;
      const start = Math.min(i, (direction === 1 ? lastZeroUp : lastZeroDown) + 1);
      open = { start, direction, mu, sigma, lastOut: i, quiet: 0 };
      continue;
    }
    reference.push(x);
    if (reference.length > o.window) reference.shift();
  }
  if (open) close((open as { lastOut: number }).lastOut, true);
  return { shifts, trace: { baseline: baselineTrace } };
}
