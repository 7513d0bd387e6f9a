// The collection between the corpus stage's phases (lib/build/gc.ts) and the phase callback it hangs on.
import v8 from "node:v8";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readCorpus } from "@/lib/corpus";
import {
  collectAfterPhase,
  collectGarbage,
  CORPUS_HEAP_GROWTH_PERCENT,
  corpusHeapGrowth,
  EARLY_CORPUS_HEAP_GROWTH_PERCENT,
  limitGrowthAfterPhase,
  limitHeapGrowth,
} from "@/lib/build/gc";
import { analyzeArticle, buildGazetteer, extractFromAnalyses } from "@/lib/extract";

const g = globalThis as { gc?: () => void };
const original = g.gc;
afterEach(() => {
  if (original) g.gc = original;
  else delete g.gc;
  vi.restoreAllMocks();
});

describe("lib/build/gc", () => {
  it("should collect once meetings are found and once the graph is assembled, and not after the other phases", () => {
    const gc = vi.fn();
    g.gc = gc;
    for (const phase of ["resolve", "relations"]) collectAfterPhase(phase);
    expect(gc).not.toHaveBeenCalled();
    collectAfterPhase("meetings");
    expect(gc).toHaveBeenCalledTimes(1);
    collectAfterPhase("assemble");
    expect(gc).toHaveBeenCalledTimes(2);
  });

  it("should refuse a heap growth limit that is not a whole percent from 1 to 1000, naming it", () => {
    for (const bad of [0, -5, 12.5, 1001, Number.NaN]) {
      expect(() => limitHeapGrowth(bad)).toThrow(`newsgraph/build: the heap growth limit must be a whole percent from 1 to 1000, got ${bad}`);
    }
  });

  it("should let the heap grow further until relations are found, then hold it to the late limit", () => {
    const growth = corpusHeapGrowth(null)!;
    expect(growth).toEqual({ early: EARLY_CORPUS_HEAP_GROWTH_PERCENT, late: CORPUS_HEAP_GROWTH_PERCENT });
    expect(growth.early).toBeGreaterThan(growth.late);
    const flags = vi.spyOn(v8, "setFlagsFromString").mockImplementation(() => undefined);
    limitGrowthAfterPhase("resolve", growth);
    expect(flags).not.toHaveBeenCalled();
    limitGrowthAfterPhase("relations", growth);
    expect(flags.mock.calls).toEqual([[`--heap-growing-percent=${CORPUS_HEAP_GROWTH_PERCENT}`]]);
    for (const phase of ["meetings", "assemble"]) limitGrowthAfterPhase(phase, growth);
    expect(flags).toHaveBeenCalledTimes(1);
  });

  it("should keep one limit throughout when one is asked for, and none when off", () => {
    expect(corpusHeapGrowth(25)).toEqual({ early: 25, late: 25 });
    expect(corpusHeapGrowth("off")).toBeNull();
    expect(() => corpusHeapGrowth(0)).toThrow("newsgraph/build: the heap growth limit must be a whole percent from 1 to 1000, got 0");
    const flags = vi.spyOn(v8, "setFlagsFromString").mockImplementation(() => undefined);
    for (const phase of ["resolve", "relations", "meetings", "assemble"]) {
      limitGrowthAfterPhase(phase, corpusHeapGrowth(25));
      limitGrowthAfterPhase(phase, null);
    }
    expect(flags).not.toHaveBeenCalled();
  });

  it("should do nothing when node exposes no collection", () => {
    delete g.gc;
    expect(() => collectGarbage()).not.toThrow();
  });

  it("should be told every phase of the corpus stage, in order, outside the phases' timings", () => {
    // The seed articles (graph-data/articles, copies of ../shared/seeds).
    const { articles } = readCorpus("graph-data/articles");
    const gazetteer = buildGazetteer(articles.map((a) => a.meta.publisher).filter((p): p is string => Boolean(p)));
    const analyses = articles.map((a) => analyzeArticle(a, gazetteer));
    const seen: string[] = [];
    const phases: Record<string, number> = {};
    extractFromAnalyses(articles, analyses, {
      phases,
      onPhase: (name) => {
        seen.push(name);
        const until = performance.now() + 250;
        while (performance.now() < until);
      },
    });
    expect(seen).toEqual(["resolve", "relations", "meetings", "assemble"]);
    // Each callback spent 250 ms; none of it is counted in the next phase (each takes far less on five articles).
    for (const phase of ["relations", "meetings", "assemble"]) expect(phases[phase], phase).toBeLessThan(250);
  });
});
