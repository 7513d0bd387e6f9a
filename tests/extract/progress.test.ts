// lib/extract's corpus stage reports its long passes (CorpusProgress): the articles read for
// relations and for meetings, and the meeting accounts clustered, each counted to its total.
// Fixtures: the five seed articles shipped in graph-data/articles (copies of ../shared/seeds) and
// a synthetic corpus from scripts/bench/corpus.ts (seeded), whose recurring cast tells of meetings.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCorpus } from "@/lib/corpus";
import { analyzeArticle, buildGazetteer, extractCorpus, extractFromAnalyses, type ArticleInput, type CorpusProgress } from "@/lib/extract";
import { writeSynthCorpus } from "@/scripts/bench/corpus";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-progress-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** The passes reported, each with its ticks and whether it finished. */
function record(): { progress: CorpusProgress; passes: Array<{ label: string; total: number; unit: string; ticks: number; finished: boolean }> } {
  const passes: Array<{ label: string; total: number; unit: string; ticks: number; finished: boolean }> = [];
  const current = () => {
    const pass = passes.at(-1);
    if (!pass || pass.finished) throw new Error("a tick or finish outside a pass");
    return pass;
  };
  return {
    passes,
    progress: {
      start: (label, total, unit) => {
        if (passes.length && !passes.at(-1)!.finished) throw new Error(`"${label}" started before "${passes.at(-1)!.label}" finished`);
        passes.push({ label, total, unit, ticks: 0, finished: false });
      },
      tick: () => void current().ticks++,
      finish: () => void (current().finished = true),
    },
  };
}

function analyze(articles: readonly ArticleInput[]) {
  const gazetteer = buildGazetteer(articles.map((a) => a.meta.publisher).filter((p): p is string => Boolean(p)));
  return articles.map((a) => analyzeArticle(a, gazetteer));
}

describe("extract/progress", () => {
  it("should count every article of each per-article pass and every meeting account clustered, without changing the graph", () => {
    const dir = path.join(work, "synth");
    writeSynthCorpus(dir, { articles: 40, seed: 9 });
    for (const articles of [readCorpus(path.resolve(__dirname, "../../graph-data/articles")).articles, readCorpus(dir).articles]) {
      const { progress, passes } = record();
      const output = extractFromAnalyses(articles, analyze(articles), { explain: false, progress });
      expect(passes.map(({ label, unit }) => [label, unit])).toEqual([
        ["articles read for relations", "articles"],
        ["articles read for meetings", "articles"],
        ["meeting accounts clustered", "accounts"],
      ]);
      expect(passes[0]!.total).toBe(articles.length);
      expect(passes[1]!.total).toBe(articles.length);
      // Every account becomes a meeting or joins one: at least one account per meeting node.
      const meetings = output.document.graph.nodes.filter((n) => n.attributes.type === "Meeting").length;
      expect(meetings).toBeGreaterThan(0);
      expect(passes[2]!.total).toBeGreaterThanOrEqual(meetings);
      for (const pass of passes) expect(pass).toMatchObject({ ticks: pass.total, finished: true });
      expect(JSON.stringify(output.document)).toBe(JSON.stringify(extractCorpus(articles).document));
    }
  });
});
