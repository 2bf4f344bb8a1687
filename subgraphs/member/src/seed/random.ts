import { mulberry32 } from '@clustergraph/runtime/random';

/** The shared seeded generator (mulberry32), seeded by a hash of `seed`: the demo data must be the same on every machine and start. */
export function seededRandom(seed: string): () => number {
  return mulberry32(hashString(seed));
}

/** FNV-1a, 32 bit. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function between(random: () => number, min: number, max: number): number {
  return min + random() * (max - min);
}
