import { beforeAll, describe, expect, it } from "vitest";
import {
  BadRequestError,
  createMemoryQueries,
  editDistance,
  foldName,
  matchName,
  rankSearch,
  withinEdits,
  type GraphQueries,
  type SearchMatch,
} from "@/lib/graph";
import type { NodeAttributes } from "@/lib/contract";
import { buildFixtureDocument, K } from "../fixtures/graph/fixture";

let q: GraphQueries;

beforeAll(() => {
  q = createMemoryQueries(buildFixtureDocument());
});

describe("search", () => {
  it.each(["zelenskyy", "ZELENSKIY", "Zelensky’s", "Zelensky's", "zelensky", "Volodymyr Zelensky", "volodymyr"])(
    "should find Volodymyr Zelensky first for %s",
    async (text) => {
      const [first] = await q.search(text);
      expect(first).toMatchObject({ key: K.ZEL, type: "Person", label: "Volodymyr Zelensky" });
    },
  );

  it("should match an accented label without accents and report what matched", async () => {
    expect(await q.search("lukasz")).toEqual([
      { key: K.BOR, type: "Person", label: "Łukasz Borowiecki", matched: "Łukasz Borowiecki", field: "label", match: "prefix" },
    ]);
    expect((await q.search("NUNEZ"))[0]).toEqual({
      key: K.NUN,
      type: "Person",
      label: "Marta Núñez",
      matched: "Núñez",
      field: "alias",
      match: "exact",
    });
    expect((await q.search("Łukasz"))[0]!.key).toBe(K.BOR);
  });

  it("should report an exact alias match", async () => {
    expect((await q.search("zelenskyy"))[0]).toMatchObject({ matched: "Zelenskyy", field: "alias", match: "exact" });
    expect((await q.search("RDIF"))[0]).toMatchObject({ key: K.RDIF, matched: "RDIF", match: "exact" });
  });

  it("should rank exact before prefix before infix", async () => {
    expect((await q.search("miami")).map((hit) => [hit.key, hit.match])).toEqual([
      [K.MIAMI, "exact"],
      [K.MIAMI_TALKS, "prefix"],
    ]);
    expect((await q.search("us")).map((hit) => [hit.key, hit.match])).toEqual([
      [K.US, "exact"],
      [K.RDIF, "infix"],
    ]);
  });

  it("should rank a label prefix before an alias prefix", async () => {
    expect((await q.search("zel")).map((hit) => [hit.key, hit.field, hit.match])).toEqual([
      [K.ZELENOGRAD, "label", "prefix"],
      [K.ZEL, "alias", "prefix"],
    ]);
  });

  it("should match the words of a name in any order", async () => {
    expect((await q.search("dmitriev kirill")).map((hit) => [hit.key, hit.match])).toEqual([[K.DMI, "tokens"]]);
  });

  it("should tolerate a transliteration the graph does not list", async () => {
    expect((await q.search("zelenskyi")).map((hit) => [hit.key, hit.match])).toEqual([[K.ZEL, "fuzzy"]]);
    expect((await q.search("Witkof")).map((hit) => hit.key)).toEqual([K.WIT]);
  });

  it("should find nothing for an unrelated word", async () => {
    expect(await q.search("putin")).toEqual([]);
  });

  it("should respect the limit", async () => {
    expect(await q.search("e", 2)).toHaveLength(2);
    expect((await q.search("e")).length).toBeGreaterThan(2);
  });

  it.each(["", "   ", "’", "--"])("should reject the unsearchable text %j", async (text) => {
    const error = await q.search(text).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).parameter).toBe("text");
  });

  it.each([0, 101, 2.5])("should reject limit %s", async (limit) => {
    await expect(q.search("zel", limit)).rejects.toMatchObject({ parameter: "limit" });
  });
});

describe("foldName", () => {
  it("should fold case, accents, punctuation and the possessive", () => {
    expect(foldName("Zelensky’s")).toBe("zelensky");
    expect(foldName("Łukasz  Borowiecki")).toBe("lukasz borowiecki");
    expect(foldName("Marta Núñez")).toBe("marta nunez");
    expect(foldName("U.S.")).toBe("u s");
    expect(foldName("Witkoff's plan")).toBe("witkoff plan");
  });
});

describe("editDistance", () => {
  it("should count insertions, substitutions and transpositions", () => {
    expect(editDistance("zelensky", "zelenskyy", 2)).toBe(1);
    expect(editDistance("zelenskiy", "zelensky", 2)).toBe(1);
    expect(editDistance("witkfof", "witkoff", 2)).toBe(1);
    expect(editDistance("abc", "abc", 0)).toBe(0);
  });

  it("should stop early beyond the cap", () => {
    expect(editDistance("dmitriev", "borowiecki", 2)).toBe(3);
  });
});

describe("matchName", () => {
  it("should classify matches", () => {
    expect(matchName("miami", "miami")).toBe("exact");
    expect(matchName("mia", "miami talks")).toBe("prefix");
    expect(matchName("tal", "miami talks")).toBe("word");
    expect(matchName("talks miami", "miami talks")).toBe("tokens");
    expect(matchName("alk", "miami talks")).toBe("infix");
    expect(matchName("miammi", "miami talks")).toBe("fuzzy");
    expect(matchName("putin", "patin")).toBeNull();
  });
});

/** matchName as it was written before the prepared-query version: the reference it must equal. */
function referenceMatchName(query: string, name: string): SearchMatch | null {
  if (!query || !name) return null;
  if (name === query) return "exact";
  if (name.startsWith(query)) return "prefix";
  if (name.includes(` ${query}`)) return "word";
  const queryWords = query.split(" ");
  const nameWords = name.split(" ");
  if (queryWords.every((word) => nameWords.some((candidate) => candidate.startsWith(word)))) return "tokens";
  if (name.includes(query)) return "infix";
  const allowed = (word: string) => (word.length >= 9 ? 2 : word.length >= 6 ? 1 : 0);
  const fuzzy = queryWords.every((word) => {
    const max = allowed(word);
    return nameWords.some((candidate) => candidate.startsWith(word) || (max > 0 && editDistance(word, candidate, max) <= max));
  });
  return fuzzy ? "fuzzy" : null;
}

describe("withinEdits and matchName against the plain versions", () => {
  // Words over a 3-letter alphabet collide, transpose and nearly match often.
  let state = 12345;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const word = (min: number, max: number) =>
    Array.from({ length: min + Math.floor(next() * (max - min + 1)) }, () => "abc"[Math.floor(next() * 3)]).join("");
  const phrase = () => Array.from({ length: 1 + Math.floor(next() * 3) }, () => word(1, 11)).join(" ");

  it("should agree with editDistance(a, b, max) <= max", () => {
    let close = 0;
    for (let i = 0; i < 20_000; i++) {
      const [a, b, max] = [word(0, 12), word(0, 12), Math.floor(next() * 4)];
      const expected = editDistance(a, b, max) <= max;
      expect(withinEdits(a, b, max), `${a} ${b} ${max}`).toBe(expected);
      if (expected && a !== b) close++;
    }
    expect(close).toBeGreaterThan(500);
  });

  it("should classify every pair as before", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const [query, name] = [phrase(), phrase()];
      const expected = referenceMatchName(query, name);
      expect(matchName(query, name), `${query} / ${name}`).toBe(expected);
      seen.add(String(expected));
    }
    expect(seen).toEqual(new Set(["exact", "prefix", "word", "tokens", "infix", "fuzzy", "null"]));
  });
});

describe("rankSearch", () => {
  it("should break ties by articles, then label, then key", () => {
    const person = (label: string, articles: number): NodeAttributes => ({
      type: "Person",
      label,
      aliases: [],
      mentions: [],
      articleCount: articles,
    });
    const hits = rankSearch(
      "anna",
      [
        { key: "person:anna-b", attributes: person("Anna B", 1) },
        { key: "person:anna-a", attributes: person("Anna A", 1) },
        { key: "person:anna-c", attributes: person("Anna C", 3) },
        { key: "person:anna-a-2", attributes: person("Anna A", 1) },
      ],
      10,
    );
    expect(hits.map((hit) => hit.key)).toEqual(["person:anna-c", "person:anna-a", "person:anna-a-2", "person:anna-b"]);
  });
});
