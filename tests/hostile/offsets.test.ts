// Line endings and a BOM through the extractor: offsets stay exact against the raw text (every
// evidence quote and every mention slice is checked), and CRLF or a BOM changes nothing else.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseGraphDocument, type ArticleMeta, type GraphDocument } from "@/lib/contract";
import { extractCorpus } from "@/lib/extract";
import { newsArticle, offsetProblems, ROOT } from "./support";

const meta = (id: string, chars: number): ArticleMeta => ({ id, file: `${id}.txt`, title: null, publisher: null, url: null, date: null, sha256: "0".repeat(64), chars });

function extract(text: string): GraphDocument {
  const { document } = extractCorpus([{ meta: meta("a", text.length), text }]);
  parseGraphDocument(JSON.parse(JSON.stringify(document)), "offsets");
  expect(offsetProblems(document, new Map([["a", text]]))).toEqual([]);
  return document;
}

/** What a graph says, independent of where in the text it says it: edge keys with their quotes. */
function claims(doc: GraphDocument): string[] {
  return doc.graph.edges.flatMap((e) => e.attributes.evidence.map((ev) => `${e.key} ← ${ev.quote}`)).sort();
}

const SEED = fs.readFileSync(path.join(ROOT, "graph-data/articles", fs.readdirSync(path.join(ROOT, "graph-data/articles")).sort()[1]!), "utf8").replace(/\r/g, "");
const GENERATED = [0, 1, 2].map((i) => newsArticle(i, 3)).join("\n\n");

const VARIANTS: Array<[string, (lf: string) => string]> = [
  ["LF", (t) => t],
  ["CRLF", (t) => t.replace(/\n/g, "\r\n")],
  ["a BOM", (t) => `\uFEFF${t}`],
  ["a BOM and CRLF", (t) => `\uFEFF${t.replace(/\n/g, "\r\n")}`],
  ["lone CR", (t) => t.replace(/\n/g, "\r")],
  ["mixed CRLF, CR and LF", (t) => t.split("\n").map((line, i) => line + ["\r\n", "\r", "\n"][i % 3]).join("")],
  ["U+2028 line separators", (t) => t.replace(/\n/g, "\u2028")],
  ["NEL (U+0085)", (t) => t.replace(/\n/g, "\u0085")],
  ["trailing blanks and tabs on every line", (t) => t.replace(/\n/g, " \t \n")],
];

describe.each([
  ["a seed article", SEED],
  ["generated articles", GENERATED],
])("%s", (_name, lf) => {
  it.each(VARIANTS)("with %s: every quote and mention slices exactly", (_variant, transform) => {
    const doc = extract(transform(lf));
    expect(doc.graph.edges.length).toBeGreaterThan(0);
  });

  it.each(VARIANTS.slice(0, 4))("with %s: the same claims, quote for quote, as with LF", (_variant, transform) => {
    expect(claims(extract(transform(lf)))).toEqual(claims(extract(lf)));
  });

  // Lone-CR line endings (classic Mac) end lines like LF: headlines do not fuse with the first sentence.
  it("with lone CR: the same relations as with LF", () => {
    const keys = (doc: GraphDocument) => doc.graph.edges.map((e) => e.key).sort();
    expect(keys(extract(lf.replace(/\n/g, "\r")))).toEqual(keys(extract(lf)));
  });
});

describe("lone CR, minimal case", () => {
  it("a headline ended by CR does not become the place of the next sentence's meeting", () => {
    // LF: meeting in Rome. CR: the meeting is also HELD_IN Oslo, the headline's place.
    const keys = (text: string) => extract(text).graph.edges.map((e) => e.key).filter((k) => k.includes("HELD_IN")).sort();
    expect(keys("Talks in Oslo\rLucia Ferrante met Yusuf Demir in Rome.")).toEqual(keys("Talks in Oslo\nLucia Ferrante met Yusuf Demir in Rome."));
  });
});
