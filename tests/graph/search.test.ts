import { beforeAll, describe, expect, it } from "vitest";
import {
  BadRequestError,
  createMemoryQueries,
  editDistance,
  foldName,
  matchName,
  rankSearch,
  type GraphQueries,
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
