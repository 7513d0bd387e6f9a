// lib/extract/meetings' NumberTable (the meeting index's key → list head table) against a Map.
import { describe, expect, it } from "vitest";
import { NumberTable } from "@/lib/extract/meetings";

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

describe("lib/extract/meetings NumberTable", () => {
  it("should answer as a Map does through growth, repeated keys and keys near 2^53 (seeded)", () => {
    const random = lcg(20261126);
    const table = new NumberTable();
    const map = new Map<number, number>();
    // Keys as the meeting index packs them (kind · 2^48 + a · 2^24 + b), and some that collide in their low bits.
    const keyOf = () => {
      const kind = 1 + Math.floor(random() * 6);
      const a = Math.floor(random() * 3000);
      const b = random() < 0.2 ? 0 : Math.floor(random() * 3000);
      return (kind * 2 ** 24 + a) * 2 ** 24 + b;
    };
    for (let i = 0; i < 50_000; i++) {
      const key = i % 7 === 0 ? 2 ** 32 * (i + 1) : keyOf();
      table.set(key, i);
      map.set(key, i);
    }
    table.set(Number.MAX_SAFE_INTEGER, 7);
    map.set(Number.MAX_SAFE_INTEGER, 7);
    expect(table.size).toBe(map.size);
    for (const [key, value] of map) expect(table.get(key)).toBe(value);
    for (let i = 0; i < 10_000; i++) {
      const key = keyOf() + 2 ** 52;
      expect(table.get(key)).toBe(map.get(key) ?? -1);
    }
  });

  it("should refuse keys and values it cannot hold, naming them", () => {
    const table = new NumberTable();
    expect(() => table.set(0, 1)).toThrow(/key must be a positive integer below 2\^53, got 0/);
    expect(() => table.set(1.5, 1)).toThrow(/got 1.5/);
    expect(() => table.set(2 ** 53, 1)).toThrow(/got 9007199254740992/);
    expect(() => table.set(5, -1)).toThrow(/value must be an integer from 0 to 2\^31 - 1, got -1/);
    expect(table.get(5)).toBe(-1);
  });
});
