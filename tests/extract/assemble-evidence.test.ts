// lib/extract/assemble checks every passage against its article before it becomes evidence: the
// quote must be exactly the article's text between the offsets. A synthetic two-entity document
// (the text below), so that each way a passage can be wrong is tried alone.
import { describe, expect, it } from "vitest";
import type { ArticleMeta } from "@/lib/contract";
import { assembleGraph } from "@/lib/extract/assemble";
import type { RelationCandidate, ResolvedEntity } from "@/lib/extract/types";

const TEXT = "Marta Kowalczyk, the head of the Baltic Energy Council, met Daniel Okafor in Warsaw.";
const META: ArticleMeta = { id: "a1", file: "a1.txt", title: null, publisher: null, url: null, date: null, sha256: "", chars: TEXT.length };

function entity(key: string, label: string): ResolvedEntity {
  return { key, type: "Person", label, aliases: new Map([[label, new Set(["a1"])]]), mentions: [] };
}

function assembleWith(start: number, end: number, quote: string, release = false) {
  const relation: RelationCandidate = { source: "person:marta-kowalczyk", type: "MET_WITH", target: "person:daniel-okafor", evidence: { article: "a1", start, end, quote }, rule: "test" };
  return assembleGraph({
    articles: [META],
    entities: new Map([
      ["person:marta-kowalczyk", entity("person:marta-kowalczyk", "Marta Kowalczyk")],
      ["person:daniel-okafor", entity("person:daniel-okafor", "Daniel Okafor")],
    ]),
    relations: { relations: [relation], coMentions: [], roles: new Map() },
    meetings: { nodes: [], relations: [], conflicts: [] },
    texts: new Map([["a1", TEXT]]),
    release,
  });
}

describe("extract/assemble evidence check", () => {
  const start = 0;
  const end = TEXT.indexOf(" in Warsaw");
  const quote = TEXT.slice(start, end);

  it("should keep a passage whose quote is the article's text between its offsets", () => {
    for (const release of [false, true]) {
      const doc = assembleWith(start, end, quote, release);
      expect(JSON.parse(JSON.stringify(doc.graph.edges))).toEqual([
        {
          key: "person:marta-kowalczyk|MET_WITH|person:daniel-okafor",
          source: "person:marta-kowalczyk",
          target: "person:daniel-okafor",
          attributes: { type: "MET_WITH", evidence: [{ article: "a1", start, end, quote }], articleCount: 1, publisherCount: 1 },
        },
      ]);
    }
  });

  it("should refuse a passage that does not match its article, naming the article and offsets", () => {
    const wrong: Array<[number, number, string]> = [
      [start, end, quote.replace("Marta", "Maria")], // a different word
      [start + 1, end + 1, quote], // shifted offsets
      [start, end + 1, quote], // one more character than quoted
      [start, end - 1, quote], // one fewer
      [-3, end - 3, quote], // before the start of the text
      [TEXT.length - 5, TEXT.length - 5 + quote.length, quote], // past its end
      [0.5, end + 0.5, quote], // not whole offsets
    ];
    for (const [s, e, q] of wrong) {
      expect(() => assembleWith(s, e, q), `${s}-${e}`).toThrow(`newsgraph/extract: evidence does not match article "a1" at ${s}-${e}`);
    }
  });
});
