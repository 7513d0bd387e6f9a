// lib/extract/gazetteer: the gazetteer rules out a token by its first character before it looks
// the token up. Entries that start in lower case or with a mark (a publisher named "der Standard",
// "(Reuters)"-like names) must still be found, and accented forms still match.
import { describe, expect, it } from "vitest";
import { buildGazetteer } from "@/lib/extract";
import { tokenize } from "@/lib/extract/text";

const find = (publishers: string[], text: string) => {
  const gazetteer = buildGazetteer(publishers);
  const tokens = tokenize(text, 0);
  const found: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const entry = gazetteer.match(tokens, i);
    if (entry) found.push(`${entry.canonical}@${tokens[i]!.start}`);
  }
  return found;
};

describe("extract/gazetteer", () => {
  it("should find entries that start in lower case or with a mark, once the corpus names them", () => {
    expect(find([], "An interview in der Standard on Tuesday.")).toEqual([]);
    expect(find(["der Standard"], "An interview in der Standard on Tuesday.")).toEqual(["der Standard@16"]);
    expect(find(["#Wire"], "as #Wire reported")).toEqual(["#Wire@3"]);
  });

  it("should still find names accented or not, and nothing in lower-case words", () => {
    // "Deník Sever" as the corpus spells it, and without its accent, as other outlets write it.
    expect(find(["Deník Sever"], "Deník Sever and Denik Sever said so in Czechia.")).toEqual(["Deník Sever@0", "Deník Sever@16", "Czech Republic@39"]);
    expect(find(["Deník Sever"], "the talks were held in a room")).toEqual([]);
  });
});
