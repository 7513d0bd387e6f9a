// lib/extract/resolve-components.ts: resolution split into components that resolve apart must give
// resolveEntities' entities exactly (same keys, labels, aliases, mentions, order) and the same key
// and type on every mention. Fixtures: the five seed articles shipped in graph-data/articles
// (copies of ../shared/seeds), synthetic corpora from scripts/bench/corpus.ts (seeded; a recurring
// cast with shared surnames, firms and places), and short articles written here for the cross-article
// rules (lone surnames, brands, acronyms, a place and its city, a document named by its kind).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCorpus } from "@/lib/corpus";
import type { ArticleInput } from "@/lib/extract";
import { resolveEntities, type ResolutionInput } from "@/lib/extract/resolve";
import { mentionTokens, resolutionComponents, resolveEntitiesByComponents } from "@/lib/extract/resolve-components";
import type { Mention } from "@/lib/extract/types";
import { writeSynthCorpus } from "@/scripts/bench/corpus";
import { analyzeWithCorpus, article, resolutionDecisions } from "./helpers";

const seeds = readCorpus(path.resolve(__dirname, "../../graph-data/articles")).articles;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-components-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));


/** A fresh resolution input (resolution writes keys and types into the mentions). */
function inputOf(articles: readonly ArticleInput[]): ResolutionInput {
  const analyses = analyzeWithCorpus(articles);
  return {
    mentions: analyses.flatMap((a) => a.mentions),
    sentences: new Map(analyses.map((a) => [a.id, a.sentences])),
    acronyms: analyses.flatMap((a) => a.acronyms),
  };
}


function expectSameResolution(articles: readonly ArticleInput[]): { components: number; mentions: number } {
  const whole = inputOf(articles);
  const expected = resolutionDecisions(resolveEntities(whole), whole.mentions);
  const split = inputOf(articles);
  const components = resolutionComponents(split.mentions, split.acronyms);
  const actual = resolutionDecisions(resolveEntitiesByComponents(split, components), split.mentions);
  expect(actual).toEqual(expected);
  return { components: components.count, mentions: split.mentions.length };
}

const crossArticle = [
  article("a1", "Anna Kowalczyk, the chief executive of Vltavia Airlines, met Tomas Brandt in Prague on Monday. Kowalczyk said the Russian Direct Investment Fund (RDIF) had asked for the meeting."),
  article("a2", "Vltavia said on Tuesday that RDIF would not comment. Brandt, who chairs Brandt Holdings, flew to Václav Havel Airport Prague. Peter Kowalczyk, Anna's brother, was not there."),
  article("a3", "Kowalczyk declined to comment. The Prague talks produced a draft memorandum. A ZZPP open letter criticised the memorandum, and the open letter was signed by Brandt."),
  article("a4", "Officials at Václav Havel Airport said the Commission would look at the flights. The European Commission did not answer. Markets fell in Warsaw."),
];

describe("extract/resolve-components", () => {
  it("should resolve the seed articles to the same entities, component by component", () => {
    const { components, mentions } = expectSameResolution(seeds);
    // Several components, or the check would compare a whole run with itself.
    expect(components).toBeGreaterThan(10);
    expect(components).toBeLessThan(mentions);
  });

  it("should resolve articles that share surnames, brands, acronyms and places to the same entities", () => {
    expectSameResolution(crossArticle);
    // In any order of the articles: the order decides which cluster a name opens first.
    expectSameResolution([...crossArticle].reverse());
  });

  it.each([3, 11])("should resolve a synthetic corpus of 300 articles (seed %i) to the same entities", (seed) => {
    const dir = path.join(work, `synth-${seed}`);
    writeSynthCorpus(dir, { articles: 300, seed });
    const { articles } = readCorpus(dir);
    const { components, mentions } = expectSameResolution(articles);
    // The recurring cast ties many mentions together, but not all of them.
    expect(components).toBeGreaterThan(50);
    expect(components).toBeLessThan(mentions / 10);
  });

  it("should keep apart names that share only an index entry nobody reads", () => {
    const deal = "Brno Transport Authority and Ostrava Water Authority signed a deal on Monday, officials said.";
    const apart = inputOf([article("b1", deal)]);
    const ofName = (components: ReturnType<typeof resolutionComponents>, input: ResolutionInput, name: string) =>
      components.ofMention[input.mentions.findIndex((m) => m.name.includes(name))];
    const first = resolutionComponents(apart.mentions, apart.acronyms);
    expect(ofName(first, apart, "Brno")).not.toBe(ofName(first, apart, "Ostrava"));
    // A lone "the Authority" reads the organizations whose names end so: all three are then one component.
    const together = inputOf([article("b1", `${deal} The Authority declined to comment.`)]);
    const second = resolutionComponents(together.mentions, together.acronyms);
    const lone = together.mentions.findIndex((m) => m.name === "Authority");
    expect(lone).toBeGreaterThanOrEqual(0);
    expect(ofName(second, together, "Brno")).toBe(second.ofMention[lone]);
    expect(ofName(second, together, "Ostrava")).toBe(second.ofMention[lone]);
  });

  it("should put an acronym definition with both of its forms", () => {
    const input = inputOf([crossArticle[0]!, crossArticle[1]!]);
    const components = resolutionComponents(input.mentions, input.acronyms);
    expect(input.acronyms).toHaveLength(1);
    const long = input.mentions.findIndex((m) => m.name.startsWith("Russian Direct Investment Fund"));
    const short = input.mentions.findIndex((m) => m.name === "RDIF");
    expect(components.ofAcronym[0]).toBe(components.ofMention[long]);
    expect(components.ofAcronym[0]).toBe(components.ofMention[short]);
  });

  it("should list a cluster key on both sides, since joining and opening read and write it", () => {
    const [m] = inputOf([article("c1", "Vltavia Airlines grew.")]).mentions;
    const tokens = mentionTokens(m!);
    const keys = tokens.reads.filter((t) => t.startsWith("K:"));
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) expect(tokens.writes).toContain(k);
  });

  it("should refuse input that is not arrays, naming the module", () => {
    expect(() => resolutionComponents(null as unknown as Mention[], [])).toThrow(/newsgraph\/extract: resolutionComponents needs arrays/);
  });
});
