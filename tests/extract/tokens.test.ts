// lib/extract/text: TokenScanner finds tokens one character code at a time, in place of running
// TOKEN_EXPRESSION over the text. It must find exactly the expression's matches, in every script:
// checked on the seed articles (graph-data/articles, copies of ../shared/seeds), on the dev corpus
// when it is there (../shared/corpus/dev/articles), and on seeded random texts.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/layout";
import { readCorpus } from "@/lib/corpus";
import { TOKEN_EXPRESSION, TokenScanner, tokenize } from "@/lib/extract/text";

type Span = [start: number, end: number, punct: boolean];

function byExpression(text: string): Span[] {
  const re = new RegExp(TOKEN_EXPRESSION.source, TOKEN_EXPRESSION.flags);
  return [...text.matchAll(re)].map((m) => [m.index!, m.index! + m[0].length, m[1] !== undefined]);
}

function byScanner(text: string): Span[] {
  const out: Span[] = [];
  const scanner = new TokenScanner(text);
  while (scanner.next()) out.push([scanner.start, scanner.end, scanner.punct]);
  return out;
}

describe("extract/text tokens", () => {
  it("should find the expression's tokens in the seed articles and the dev corpus", () => {
    const folders = ["graph-data/articles", "../shared/corpus/dev/articles"].filter((dir) => fs.existsSync(dir));
    let checked = 0;
    for (const dir of folders) {
      for (const article of readCorpus(dir).articles) {
        expect(byScanner(article.text), `${path.basename(dir)}/${article.meta.file}`).toEqual(byExpression(article.text));
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  it("should find the expression's tokens in random texts of every kind of character", () => {
    const pieces = [
      ..."aZk09 .-'’‑,;:!?()\"“”—–\t\n\r\u000b\f",
      "U.S.", "e.g.", "a.s.", "J.R.R.", "son-in-law", "O'Brien", "Putin’s", "Ukraine's", "- ", "--", "'s", "x-", "-x",
      ..."ÉéŁłİıßẞΣσςЖжあ漢字ّ٣߀", // letters, a mark (Arabic shadda), numbers in other scripts
      "e\u0301", "\u0301", "\u00a0", "\u2003", "\u3000", "\u2028", "\ufeff", "\u200b",
      "𝐀", "𝟙", "😀", "\ud835", "\udc00", "\ud800\ud800", // astral letter and digit, an emoji, lone and doubled surrogates
    ];
    // Seeded (the layout's mulberry32): the same texts every run.
    const next = seededRandom(20261127);
    for (let n = 0; n < 3000; n++) {
      let text = "";
      const length = 1 + Math.floor(next() * 40);
      for (let i = 0; i < length; i++) text += pieces[Math.floor(next() * pieces.length)];
      expect(byScanner(text), JSON.stringify(text)).toEqual(byExpression(text));
    }
  });

  it("should give tokens their offsets in the article, possessives split off", () => {
    // From graph-data/articles' shapes: a possessive, an initialism, a hyphenated name, a number.
    const tokens = tokenize("Putin’s envoy met U.S. officials, Sroka-Kępińska said; 3,000 tonnes.", 100);
    expect(tokens.map((t) => [t.text, t.start, t.kind])).toEqual([
      ["Putin", 100, "word"], ["’s", 105, "possessive"], ["envoy", 108, "word"], ["met", 114, "word"], ["U.S.", 118, "word"],
      ["officials", 123, "word"], [",", 132, "punct"], ["Sroka-Kępińska", 134, "word"], ["said", 149, "word"], [";", 153, "punct"],
      ["3", 155, "number"], [",", 156, "punct"], ["000", 157, "number"], ["tonnes", 161, "word"], [".", 167, "punct"],
    ]);
  });
});
