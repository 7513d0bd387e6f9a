// lib/memo: the bounded memo behind foldText, lowerCase, nameKey, wordKey, epochMs and the role
// classes. Each must compute an argument once, stay within its bound, and remember answers that
// are themselves undefined or null.
import { describe, expect, it } from "vitest";
import { memoized } from "@/lib/memo";

describe("memo", () => {
  it("should compute each argument once and give back the same answer", () => {
    const calls: string[] = [];
    const upper = memoized((s) => (calls.push(s), s.toUpperCase()), 10);
    expect([upper("a"), upper("b"), upper("a"), upper("a")]).toEqual(["A", "B", "A", "A"]);
    expect(calls).toEqual(["a", "b"]);
  });

  it("should remember answers that are undefined or null", () => {
    let calls = 0;
    const nothing = memoized((s) => (calls++, s === "u" ? undefined : null), 10);
    nothing("u");
    nothing("u");
    nothing("n");
    nothing("n");
    expect(calls).toBe(2);
  });

  it("should hold at most maxEntries answers, forgetting them all when full", () => {
    const calls: string[] = [];
    const id = memoized((s) => (calls.push(s), s), 2);
    for (const s of ["a", "b", "a", "c", "a", "b"]) id(s);
    // "c" found the memo full and cleared it: "a" and "b" are computed again afterwards.
    expect(calls).toEqual(["a", "b", "c", "a", "b"]);
  });

  it("should refuse a bound below one", () => {
    expect(() => memoized((s) => s, 0)).toThrow(/newsgraph\/memo: maxEntries must be at least 1, got 0/);
    expect(() => memoized((s) => s, Number.NaN)).toThrow(/maxEntries/);
  });
});
