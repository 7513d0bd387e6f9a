// The build's heap budget (lib/build/memory.ts): the limit made from the corpus's size, the user's
// override, and what counts as a heap flag already given or an out-of-heap stop.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { corpusTextBytes, HEAP_BUDGET_MIN_TEXT_BYTES, hasHeapLimit, heapBudgetMb, heapBudgetOverride, heapGrowthOverride, ranOutOfHeap } from "@/lib/build/memory";

const MiB = 1024 * 1024;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-memory-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("lib/build/memory", () => {
  it("should leave small corpora to V8 and give larger ones a budget that grows linearly with the text", () => {
    expect(heapBudgetMb(0)).toBeNull();
    expect(heapBudgetMb(HEAP_BUDGET_MIN_TEXT_BYTES - 1)).toBeNull();
    const at16 = heapBudgetMb(16 * MiB)!;
    const at32 = heapBudgetMb(32 * MiB)!;
    const at64 = heapBudgetMb(64 * MiB)!;
    expect(at32).toBeGreaterThan(at16);
    expect(Math.abs(at64 - at32 - 2 * (at32 - at16))).toBeLessThanOrEqual(1);
    // The 10,000-article synthetic corpus (43.5 MiB): its live heap peaked near 800 MB; the budget stays above it.
    expect(heapBudgetMb(43.5 * MiB)).toBeGreaterThan(900);
    expect(heapBudgetMb(43.5 * MiB)).toBeLessThan(1100);
    expect(() => heapBudgetMb(-1)).toThrow(/textBytes must be a size in bytes, got -1/);
    expect(() => heapBudgetMb(Number.NaN)).toThrow(/got NaN/);
  });

  it("should see a heap limit given to node on its command line or in NODE_OPTIONS", () => {
    expect(hasHeapLimit(["--import", "tsx"], undefined)).toBe(false);
    expect(hasHeapLimit(["--max-old-space-size=4096"], undefined)).toBe(true);
    expect(hasHeapLimit(["--max_old_space_size=4096"], undefined)).toBe(true);
    expect(hasHeapLimit(["--max-heap-size=4096"], undefined)).toBe(true);
    expect(hasHeapLimit(["--max-semi-space-size=32"], undefined)).toBe(false);
    expect(hasHeapLimit([], "--enable-source-maps --max-old-space-size=2048")).toBe(true);
    expect(hasHeapLimit([], "--max-old-space-sizes")).toBe(false);
  });

  it("should read NEWSGRAPH_HEAP_MB as a number of MB, auto, 0 or off, and name anything else", () => {
    expect(heapBudgetOverride(undefined)).toBeNull();
    expect(heapBudgetOverride(" ")).toBeNull();
    expect(heapBudgetOverride("off")).toBe("off");
    expect(heapBudgetOverride("OFF")).toBe("off");
    expect(heapBudgetOverride("0")).toBe("off");
    expect(heapBudgetOverride("Auto")).toBe("auto");
    expect(heapBudgetOverride("1536")).toBe(1536);
    expect(() => heapBudgetOverride("8")).toThrow('NEWSGRAPH_HEAP_MB must be a number of MB (at least 16), "auto", 0 or "off", got "8"');
    expect(() => heapBudgetOverride("1.5g")).toThrow('got "1.5g"');
  });

  it("should read NEWSGRAPH_HEAP_GROWTH as a whole percent or off, and name anything else", () => {
    expect(heapGrowthOverride(undefined)).toBeNull();
    expect(heapGrowthOverride("")).toBeNull();
    expect(heapGrowthOverride("Off")).toBe("off");
    expect(heapGrowthOverride(" 25 ")).toBe(25);
    expect(heapGrowthOverride("1000")).toBe(1000);
    for (const bad of ["0", "1001", "2.5", "-10", "40%"]) {
      expect(() => heapGrowthOverride(bad)).toThrow(`NEWSGRAPH_HEAP_GROWTH must be a whole percent from 1 to 1000, or "off", got ${JSON.stringify(bad)}`);
    }
  });

  it("should count the bytes of the article files only, without reading them", () => {
    const dir = path.join(work, "corpus");
    fs.mkdirSync(path.join(dir, "nested.txt"), { recursive: true });
    fs.writeFileSync(path.join(dir, "a.txt"), "x".repeat(1000));
    fs.writeFileSync(path.join(dir, "b.MD"), "é".repeat(100)); // 200 bytes
    fs.writeFileSync(path.join(dir, ".hidden.txt"), "x".repeat(50));
    fs.writeFileSync(path.join(dir, "articles.json"), "[]".repeat(500));
    fs.writeFileSync(path.join(dir, "notes.csv"), "x".repeat(70));
    expect(corpusTextBytes(dir)).toBe(1200);
    expect(corpusTextBytes(path.join(work, "missing"))).toBeNull();
  });

  it("should take an abort for running out of heap, and nothing else", () => {
    expect(ranOutOfHeap(null, "SIGABRT")).toBe(true);
    expect(ranOutOfHeap(134, null)).toBe(true);
    expect(ranOutOfHeap(1, null)).toBe(false);
    expect(ranOutOfHeap(0, null)).toBe(false);
    expect(ranOutOfHeap(null, "SIGKILL")).toBe(false);
  });
});
