// lib/extract/lexicon: compromise's lexicon read as a plain object. A word that names one of
// Object.prototype's members ("constructor", "toString" — ordinary words in a text about software
// or law) once came back with a function as its "tag"; only the lexicon's own entries count.
import { describe, expect, it } from "vitest";
import { isCommonWord, lexiconTags, lowerCase } from "@/lib/extract/lexicon";

describe("extract/lexicon", () => {
  it("should give no tags for words that are members of every object, not lexicon entries", () => {
    for (const word of ["constructor", "Constructor", "toString", "valueOf", "hasOwnProperty", "__proto__", "isPrototypeOf"]) {
      const tags = lexiconTags(word);
      expect(tags, word).toEqual([]);
      expect(tags.every((t) => typeof t === "string"), word).toBe(true);
    }
  });

  it("should still find the lexicon's own entries in any case", () => {
    expect(lexiconTags("Paris")).toContain("City");
    expect(lexiconTags("PARIS")).toContain("City");
    expect(isCommonWord("Meetings")).toBe(true);
  });

  it("should lower-case like String.prototype.toLowerCase, remembered or not", () => {
    for (const word of ["Łukasz", "İstanbul", "ΣΟΦΊΑ", "Straße", "MINISTER", "minister", ""]) {
      expect(lowerCase(word)).toBe(word.toLowerCase());
      expect(lowerCase(word)).toBe(word.toLowerCase());
    }
  });
});
