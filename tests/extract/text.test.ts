// lib/extract/text: the tokenizer and line classifier take cheap character checks before their
// Unicode expressions (most of the per-article stage's time). These cases pin the outcomes the
// fast paths must keep: possessives (straight, curly, plural, mis-decoded "ās"), particles joined to
// names, capitals with accents and marks, numbers in other scripts, and long body lines.
import { describe, expect, it } from "vitest";
import { findDocuments } from "@/lib/extract/documents";
import { classifyLine, splitSentences, tokenize } from "@/lib/extract/text";

const brief = (text: string) => tokenize(text, 10).map((t) => [t.text, t.kind, t.cap, t.upper, t.start]);

describe("extract/text", () => {
  it("should split possessives off names in every spelling", () => {
    expect(brief("Putin’s aide")).toEqual([
      ["Putin", "word", true, false, 10],
      ["’s", "possessive", false, false, 15],
      ["aide", "word", false, false, 18],
    ]);
    // A plural's trailing apostrophe stays a mark of its own (the word ends before it).
    expect(brief("the ministers' plan").slice(1, 3)).toEqual([
      ["ministers", "word", false, false, 14],
      ["'", "punct", false, false, 23],
    ]);
    expect(brief("Zelenskyās office").slice(0, 2)).toEqual([
      ["Zelensky", "word", true, false, 10],
      ["ās", "possessive", false, false, 18],
    ]);
    // "it's", "let's", "she's": not possessives.
    expect(brief("it's")).toEqual([["it's", "word", false, false, 10]]);
    expect(brief("She’s")).toEqual([["She’s", "word", true, false, 10]]);
  });

  it("should mark capitals, particles joined to names and acronyms", () => {
    expect(brief("el-Sisi al-thani bin-Salman van-Dijk")).toEqual([
      ["el-Sisi", "word", true, false, 10],
      ["al-thani", "word", false, false, 18],
      ["bin-Salman", "word", true, false, 27],
      ["van-Dijk", "word", true, false, 38],
    ]);
    expect(brief("NATO ÉCOLE Ökonom İstanbul x U.S.").map((t) => [t[0], t[2], t[3]])).toEqual([
      ["NATO", true, true],
      ["ÉCOLE", true, true],
      ["Ökonom", true, false],
      ["İstanbul", true, false],
      ["x", false, false],
      ["U.S.", true, true],
    ]);
    // A letter with a combining mark ("E" + U+0301) is still all capitals; one letter alone is not an acronym.
    expect(brief("E\u0301COLE A")).toEqual([
      ["E\u0301COLE", "word", true, true, 10],
      ["A", "word", true, false, 17],
    ]);
  });

  it("should tell numbers (in any script) from words and punctuation", () => {
    expect(brief("٣ 42 4th — x")).toEqual([
      ["٣", "number", false, false, 10],
      ["42", "number", false, false, 12],
      ["4th", "number", false, false, 15],
      ["—", "punct", false, false, 19],
      ["x", "word", false, false, 21],
    ]);
  });

  it("should classify long body lines and short capital kickers", () => {
    const body = `${"The delegation met officials in the capital and discussed the plan at length ".repeat(8)}today.`;
    expect(classifyLine(body, 3)).toBe("body");
    expect(classifyLine("SECRET DINNER", 5)).toBe("headline");
    expect(classifyLine("ÉTÉ À PARIS", 5)).toBe("headline");
    expect(classifyLine("Secret dinner in the capital with officials", 0)).toBe("headline");
    expect(classifyLine("Secret dinner in the capital with officials.", 4)).toBe("body");
  });

  it("should end sentences after initialisms only when a new sentence clearly starts", () => {
    const sentences = (text: string) => splitSentences(text, "a").map((s) => s.text);
    expect(sentences("Mr. Kowalski met Dr. Nowak. They spoke.")).toEqual(["Mr. Kowalski met Dr. Nowak.", "They spoke."]);
    expect(sentences("He flew to the U.S. The talks began.")).toEqual(["He flew to the U.S.", "The talks began."]);
    expect(sentences("Officials of the U.S. Treasury met. Łódź followed.")).toEqual(["Officials of the U.S. Treasury met.", "Łódź followed."]);
  });

  it("should not take words such as 'constructor' for kinds of documents", () => {
    const [sentence] = splitSentences("The constructor and the toString method signed nothing.", "a");
    expect(findDocuments(sentence!, [])).toEqual([]);
  });
});
