// Seeded randomness for the synthetic corpus and graph generators: the same seed always gives
// the same corpus, byte for byte, on any machine.

import { seededRandom as mulberry32 } from "../../lib/layout";

/** mulberry32, the layout's seeded PRNG (one implementation): floats in [0, 1). */
export { mulberry32 };

/** A 32-bit seed mixed from a base seed and a list of parts (FNV-1a over their text, then murmur's finalizer). */
export function mixSeed(seed: number, ...parts: Array<string | number>): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (const part of parts) {
    const s = `|${part}`;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

export class Rng {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  float(): number {
    return this.next();
  }

  /** Integer in [min, max] (both included). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("newsgraph/synth: pick from an empty list");
    return items[Math.floor(this.next() * items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Index in [0, n), skewed towards 0 (a few names recur far more often than the rest). */
  skewed(n: number, power = 2.2): number {
    return Math.min(n - 1, Math.floor(n * Math.pow(this.next(), power)));
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}
