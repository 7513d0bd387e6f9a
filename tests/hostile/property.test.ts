// Property tests: random Unicode text thrown at the extractor. Whatever the text, extractCorpus
// does not throw, every evidence quote is the slice of its article at its offsets, every mention
// slices to text inside its article, and the result is a valid graph.json document.
// Fixed seeds and bounded runs: the same cases on every machine, in a few seconds.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseGraphDocument, type ArticleMeta } from "@/lib/contract";
import { extractCorpus, type ArticleInput } from "@/lib/extract";
import { offsetProblems } from "./support";

// Pieces of text the extractor has rules for, so random texts reach mentions, relations and
// meetings rather than stopping at "no capitalized word".
const NEWS = [
  "Kirill Dmitriev", "Steve Witkoff", "Volodymyr Zelensky", "Marta Kowalczyk", "Łukasz Borowiecki", "José Núñez",
  "the Russian Direct Investment Fund", "Baltic Energy Council", "the European Union", "NATO", "U.S.", "Miami", "Kyiv",
  "President", "Foreign Minister", "head of", "met", "met with", "in", "on Tuesday", "on Oct. 24", "last week",
  "sanctioned", "drafted", "reported", "said", "according to", "’s", "'s", ",", ".", ". ", "!", "?", ":", ";", "—", "(", ")",
  "\"", "“", "”", "and", "the", "a", "plan", "peace plan", "Executive Order 14024", "talks", "summit", "Reuters", "by",
];
const STRANGE = [
  // combining marks, stacked
  "e\u0301", "a\u0308\u0304", "Z\u0351\u0352\u0353\u0354\u0355", "\u0301\u0301\u0301",
  // right-to-left text and direction controls
  "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627 \u0628\u0643", "\u202e\u202d\u200f\u200e\u2066\u2069",
  // emoji: surrogate pairs, ZWJ sequences, flags, skin tones, keycaps
  "😀", "👩‍👩‍👧‍👦", "🇺🇦🇷🇺", "👍🏽", "1️⃣", "𝐀𝐁𝐂", "𠜎𠜱",
  // control characters, line and paragraph separators, zero-width and other blanks
  "\u0000", "\u0001", "\u001b[31m", "\u0007", "\u007f", "\u0085", "\u2028", "\u2029", "\u200b", "\u200d", "\ufeff", "\u00ad",
  "\r", "\n", "\r\n", "\n\n", "\t", "\u00a0", "\u3000", "\u2003",
  // long whitespace runs
  " ".repeat(300), "\n".repeat(40), "\t \r\n".repeat(50), ".".repeat(80),
  // look-alikes and case oddities
  "İstanbul", "ǅ", "ß", "ﬁ", "Ⅻ", "ＡＢＣ", "КИРИЛЛ ДМИТРИЕВ", "ΣΊΣΥΦΟΣ",
];

const piece = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NEWS) },
  { weight: 2, arbitrary: fc.constantFrom(...STRANGE) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
  { weight: 3, arbitrary: fc.constant(" ") },
);

/** Random text: pieces joined, sometimes with spaces. */
const text = fc.array(piece, { maxLength: 120 }).map((parts) => parts.join(""));

const meta = (id: string, extra: Partial<ArticleMeta> = {}): ArticleMeta => ({
  id,
  file: `${id}.txt`,
  title: null,
  publisher: null,
  url: null,
  date: null,
  sha256: "0".repeat(64),
  chars: 0,
  ...extra,
});

const corpus = fc
  .array(
    fc.record({
      text,
      publisher: fc.option(fc.oneof(fc.constantFrom("Reuters", "AP", "Vistula Herald"), fc.string({ maxLength: 10 })), { nil: null }),
      date: fc.option(fc.constantFrom("2025-10-24", "2024-02-29", "1999-12-31"), { nil: null }),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((items): ArticleInput[] =>
    items.map((item, i) => ({ meta: meta(`art-${i}`, { publisher: item.publisher, date: item.date, chars: item.text.length }), text: item.text })),
  );

function check(articles: ArticleInput[]): void {
  const { document } = extractCorpus(articles);
  const texts = new Map(articles.map((a) => [a.meta.id, a.text]));
  expect(offsetProblems(document, texts)).toEqual([]);
  // The document survives a JSON round trip and passes the contract check.
  parseGraphDocument(JSON.parse(JSON.stringify(document)), "property");
}

describe("extractCorpus on random Unicode text", () => {
  it("never throws; every offset slices to its quote; the result passes parseGraphDocument", () => {
    fc.assert(
      fc.property(corpus, (articles) => check(articles)),
      { seed: 20_251_024, numRuns: 200, endOnFailure: true },
    );
  });

  it("also on text that is mostly news-like sentences with a few strange pieces", () => {
    const sentence = fc
      .tuple(fc.constantFrom(...NEWS.slice(0, 9)), fc.constantFrom("met", "met with", "sanctioned", "advised", "said"), fc.constantFrom(...NEWS.slice(0, 12)), fc.constantFrom(...STRANGE), fc.constantFrom(".", ". ", ".\n", ".\r\n", ".\r", "!\n\n"))
      .map(([a, verb, b, odd, end]) => `${a} ${verb} ${b}${odd}${end}`);
    const article = fc.array(sentence, { minLength: 1, maxLength: 30 }).map((s) => s.join(" "));
    fc.assert(
      fc.property(fc.array(article, { minLength: 1, maxLength: 3 }), (texts) =>
        check(texts.map((t, i) => ({ meta: meta(`n${i}`, { chars: t.length }), text: t }))),
      ),
      { seed: 7, numRuns: 150, endOnFailure: true },
    );
  });

  it("does not throw on lone surrogates (text no file can hold, but a caller can pass)", () => {
    const lone = fc.constantFrom("\ud800", "\udfff", "\udc00x", "a\ud83d", "\ud83d\ud83d");
    const mixed = fc.array(fc.oneof(piece, lone), { maxLength: 80 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(mixed, (t) => {
        const { document } = extractCorpus([{ meta: meta("x", { chars: t.length }), text: t }]);
        for (const edge of document.graph.edges) for (const e of edge.attributes.evidence) expect(t.slice(e.start, e.end)).toBe(e.quote);
        parseGraphDocument(JSON.parse(JSON.stringify(document)), "property");
      }),
      { seed: 99, numRuns: 100, endOnFailure: true },
    );
  });

  it("keeps offsets exact in articles with unusual ids and metadata", () => {
    const id = fc.string({ unit: "binary", minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(fc.uniqueArray(id, { minLength: 1, maxLength: 3 }), text, (ids, t) => {
        const articles = ids.map((i, n) => ({ meta: meta(i, { title: t.slice(0, 20), chars: t.length + n }), text: `Kirill Dmitriev met Steve Witkoff in Miami. ${t}`.slice(n) }));
        check(articles);
      }),
      { seed: 3, numRuns: 60, endOnFailure: true },
    );
  });
});
