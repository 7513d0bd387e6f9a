// lib/extract's corpus stage with `release`: the build hands over its analyses and lets the
// corpus stage drop what it has read as it goes (analyses, sentences, each entity's mentions once
// its node is made, the relation lists once grouped), to lower a large build's memory peak.
// Letting go must never change the graph. A released document is for writing out: its edges make
// their key when asked, and keep their passages as numbers, cutting the quotes when read or written
// (lib/extract/assemble.ts, AssembledEdge, PassageStore), so it is compared as JSON text. Fixtures: the five seed articles shipped in
// graph-data/articles (copies of ../shared/seeds) and a synthetic corpus from scripts/bench/corpus.ts
// (seeded), whose recurring cast gives meetings, conflicts and co-mentions in numbers.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCorpus } from "@/lib/corpus";
import { analyzeArticle, buildGazetteer, extractFromAnalyses, type ArticleAnalysis, type ArticleInput } from "@/lib/extract";
import { writeSynthCorpus } from "@/scripts/bench/corpus";

const seeds = readCorpus(path.resolve(__dirname, "../../graph-data/articles")).articles;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-release-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function analyze(articles: readonly ArticleInput[]): ArticleAnalysis[] {
  const gazetteer = buildGazetteer(articles.map((a) => a.meta.publisher).filter((p): p is string => Boolean(p)));
  return articles.map((a) => analyzeArticle(a, gazetteer));
}

describe("extract/release", () => {
  it("should build the same graph whether the corpus stage lets go of its inputs or not (seed articles)", () => {
    const kept = extractFromAnalyses(seeds, analyze(seeds), { explain: true }).document;
    const given = analyze(seeds);
    const released = extractFromAnalyses(seeds, given, { explain: true, release: true }).document;
    expect(JSON.stringify(released)).toBe(JSON.stringify(kept));
    expect(released.graph.edges.map((e) => e.key)).toEqual(kept.graph.edges.map((e) => e.key));
    // The analyses were handed over: the array is emptied once read.
    expect(given).toHaveLength(0);
  });

  it("should build the same graph with release on a synthetic corpus of 150 articles", () => {
    const dir = path.join(work, "synth");
    writeSynthCorpus(dir, { articles: 150, seed: 7 });
    const { articles } = readCorpus(dir);
    const kept = extractFromAnalyses(articles, analyze(articles), { explain: false }).document;
    const released = extractFromAnalyses(articles, analyze(articles), { explain: false, release: true }).document;
    expect(released.graph.edges.length).toBeGreaterThan(500);
    expect(released.conflicts.length).toBeGreaterThan(0);
    expect(JSON.stringify(released)).toBe(JSON.stringify(kept));
    expect(JSON.stringify(released, null, 1)).toBe(JSON.stringify(kept, null, 1));
    // A released edge keeps its passages as numbers and cuts the quotes again when asked: the same passages.
    expect(released.graph.edges.map((e) => e.attributes.evidence)).toEqual(kept.graph.edges.map((e) => e.attributes.evidence));
    expect(released.graph.edges.map((e) => [e.attributes.type, e.attributes.note, e.attributes.articleCount, e.attributes.publisherCount])).toEqual(
      kept.graph.edges.map((e) => [e.attributes.type, e.attributes.note, e.attributes.articleCount, e.attributes.publisherCount]),
    );
  });

  it("should make a released edge's own JSON text exactly JSON.stringify's, notes, quotes and all", () => {
    // The writer of a large graph.json asks an edge for its text (lib/jsonfile, leafText).
    const dir = path.join(work, "synth-text");
    writeSynthCorpus(dir, { articles: 150, seed: 8 });
    for (const articles of [seeds, readCorpus(dir).articles]) {
      const released = extractFromAnalyses(articles, analyze(articles), { explain: false, release: true }).document;
      const edges = released.graph.edges as unknown as Array<{ toJSONText(): string }>;
      expect(edges.every((e) => typeof e.toJSONText === "function")).toBe(true);
      expect(edges.map((e) => e.toJSONText())).toEqual(edges.map((e) => JSON.stringify(e)));
    }
    // Notes, quotes with quotation marks and line breaks (escaped) are among them.
    const { articles } = readCorpus(dir);
    const texts = extractFromAnalyses(articles, analyze(articles), { explain: false, release: true }).document.graph.edges.map((e) => JSON.stringify(e));
    expect(texts.some((t) => t.includes('"note":'))).toBe(true);
    expect(texts.some((t) => t.includes('\\"'))).toBe(true);
  });
});
