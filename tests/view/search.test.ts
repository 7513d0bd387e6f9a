import { describe, expect, it } from "vitest";
import { buildSearchIndex, searchNodes, withServerHits, type ServerSearchHit } from "@/lib/view/search";

const index = buildSearchIndex([
  { key: "person:kirill-dmitriev", label: "Kirill Dmitriev", aliases: ["Dmitriev", "Kirill Dmitriev"], type: "Person", degree: 5 },
  { key: "person:lukasz-borowiecki", label: "Łukasz Borowiecki", aliases: [], type: "Person", degree: 1 },
  { key: "person:volodymyr-zelenskyy", label: "Volodymyr Zelenskyy", aliases: ["Zelensky", "Zelenskiy"], type: "Person", degree: 3 },
  { key: "org:rdif", label: "Russian Direct Investment Fund", aliases: ["RDIF"], type: "Organization", degree: 2 },
  { key: "org:russia", label: "Russia", aliases: ["Russian Federation"], type: "Organization", degree: 9 },
  { key: "place:sao-paulo", label: "São Paulo", aliases: [], type: "Place", degree: 0 },
]);

describe("searchNodes", () => {
  it("is case- and accent-insensitive", () => {
    expect(searchNodes(index, "lukasz")[0]?.key).toBe("person:lukasz-borowiecki");
    expect(searchNodes(index, "SAO PAU")[0]?.key).toBe("place:sao-paulo");
    expect(searchNodes(index, "Łukasz")[0]?.key).toBe("person:lukasz-borowiecki");
  });

  it("matches aliases and says which alias matched", () => {
    const [hit] = searchNodes(index, "rdif");
    expect(hit).toMatchObject({ key: "org:rdif", alias: "RDIF", rank: 0 });
    expect(searchNodes(index, "zelenskiy")[0]).toMatchObject({ key: "person:volodymyr-zelenskyy", alias: "Zelenskiy" });
  });

  it("ranks exact before prefix before word prefix before substring", () => {
    const keys = searchNodes(index, "russia").map((h) => h.key);
    expect(keys).toEqual(["org:russia", "org:rdif"]);
    expect(searchNodes(index, "dmitriev")[0]).toMatchObject({ key: "person:kirill-dmitriev", alias: "Dmitriev", rank: 0 });
    expect(searchNodes(index, "borowiecki")[0]).toMatchObject({ key: "person:lukasz-borowiecki", alias: null, rank: 2 });
    expect(searchNodes(index, "itri")[0]?.rank).toBe(3);
  });

  it("accepts the words of a name in any order", () => {
    expect(searchNodes(index, "dmitriev kirill")[0]?.key).toBe("person:kirill-dmitriev");
  });

  it("returns nothing for an empty or punctuation-only query and honours the limit", () => {
    expect(searchNodes(index, "")).toEqual([]);
    expect(searchNodes(index, "  ,. ")).toEqual([]);
    expect(searchNodes(index, "i", 2)).toHaveLength(2);
  });
});

describe("withServerHits (a view that holds part of the graph)", () => {
  const server: ServerSearchHit[] = [
    { key: "person:kirill-dmitriev", type: "Person", label: "Kirill Dmitriev", matched: "Kirill Dmitriev", field: "label", match: "prefix" },
    { key: "person:kirill-other", type: "Person", label: "Kirill Other", matched: "Kirill Other", field: "label", match: "prefix" },
    { key: "person:loaded-elsewhere", type: "Person", label: "Kirill Loaded", matched: "Kirill Loaded", field: "label", match: "prefix" },
    { key: "org:kirill-fund", type: "Organization", label: "The Fund", matched: "Kirill Fund", field: "alias", match: "word" },
    { key: "person:kirill-third", type: "Person", label: "Kirill Third", matched: "Kirill Third", field: "label", match: "fuzzy" },
  ];
  const loaded = new Set(["person:kirill-dmitriev", "person:loaded-elsewhere"]);

  it("lists the loaded hits first, then the server's hits outside the view in its order, marked, up to `extra`", () => {
    const local = searchNodes(index, "kirill");
    const hits = withServerHits(local, server, (key) => loaded.has(key), 2);
    expect(hits.slice(0, local.length)).toEqual(local);
    expect(hits.slice(local.length)).toEqual([
      { key: "person:kirill-other", label: "Kirill Other", type: "Person", alias: null, rank: 1, outside: true },
      { key: "org:kirill-fund", label: "The Fund", type: "Organization", alias: "Kirill Fund", rank: 2, outside: true },
    ]);
    expect(withServerHits(local, server, (key) => loaded.has(key), 10).map((h) => h.key)).toEqual([
      "person:kirill-dmitriev",
      "person:kirill-other",
      "org:kirill-fund",
      "person:kirill-third",
    ]);
  });

  it("never lists a node twice, nor a loaded node as outside", () => {
    const hits = withServerHits(searchNodes(index, "kirill"), server, (key) => loaded.has(key), 10);
    expect(new Set(hits.map((h) => h.key)).size).toBe(hits.length);
    expect(hits.filter((h) => h.outside && loaded.has(h.key))).toEqual([]);
    expect(withServerHits([], [], () => false, 5)).toEqual([]);
  });
});
