// lib/extract/documents: which words name a kind of document. documentKind rules most words out by
// their length and first two letters before it lower-cases them; it must answer exactly as a
// lookup of the lower-cased word would, for words in any case and any script.
import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/layout";
import { documentKind, documentKindWords } from "@/lib/extract/documents";

const KINDS = ["plan", "plans", "framework", "proposal", "agreement", "treaty", "memorandum", "report", "reports", "letter", "order", "bill", "memo", "paper", "declaration", "arrangement"];

describe("extract/documents", () => {
  it("should find a kind of document in any case", () => {
    for (const word of KINDS) {
      const kind = documentKind(word);
      expect(kind, word).toBeTypeOf("string");
      expect(documentKind(word.toUpperCase()), word).toBe(kind);
      expect(documentKind(word[0]!.toUpperCase() + word.slice(1)), word).toBe(kind);
      expect(documentKind(word.slice(0, -1) + word.at(-1)!.toUpperCase()), word).toBe(kind);
    }
    expect(documentKind("Report")).toBe("report");
    expect(documentKind("TREATY")).toBe("agreement");
  });

  it("should name no kind for other words, numbers, punctuation and object members", () => {
    for (const word of ["", "a", "the", "of", "planned", "planet", "reporter", "Ministry", "2024", "—", "constructor", "toString", "__proto__", "plan-", "pla"]) {
      expect(documentKind(word), word).toBeUndefined();
    }
  });

  it("should answer as a lookup of the lower-cased word would, for random words in any script", () => {
    // Letters whose lower case is not one ASCII letter for one: "İ" (two characters), the Kelvin
    // sign (an ASCII "k"), "Σ", "ẞ"; and the kinds' own letters, so that near-misses are tried.
    const alphabet = [..."planrepotdyckmbwfisuvgPLANREPOTDYCKMBWFISUVG-.’İ\u212AΣẞłŁé"];
    // Seeded (the layout's mulberry32): the same words every run.
    const next = seededRandom(20261127);
    const words = documentKindWords();
    expect(words).toEqual(expect.arrayContaining(KINDS));
    const lowered = new Map(words.map((k) => [k, documentKind(k)]));
    for (const [word, kind] of lowered) expect(kind, word).toBeTypeOf("string");
    let found = 0;
    for (let n = 0; n < 20_000; n++) {
      const base = next() < 0.3 ? words[Math.floor(next() * words.length)]! : "";
      let word = [...base].map((c) => (next() < 0.3 ? c.toUpperCase() : c)).join("");
      const extra = Math.floor(next() * (base ? 2 : 12));
      for (let i = 0; i < extra; i++) {
        const c = alphabet[Math.floor(next() * alphabet.length)]!;
        word = next() < 0.5 ? word + c : c + word;
      }
      const expected = lowered.has(word.toLowerCase()) ? lowered.get(word.toLowerCase()) : undefined;
      expect(documentKind(word), JSON.stringify(word)).toBe(expected);
      if (expected) found++;
    }
    // The random words must reach the kinds, or the comparison says little.
    expect(found).toBeGreaterThan(1000);
  });
});
