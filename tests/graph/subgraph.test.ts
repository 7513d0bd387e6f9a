import { beforeAll, describe, expect, it } from "vitest";
import { parseGraphDocument } from "@/lib/contract";
import { createMemoryQueries, type GraphQueries } from "@/lib/graph";
import { buildFixtureDocument, K } from "../fixtures/graph/fixture";

let q: GraphQueries;

beforeAll(() => {
  q = createMemoryQueries(buildFixtureDocument());
});

const keys = (items: { key: string }[]) => items.map((item) => item.key);

describe("subgraph", () => {
  it("should drop only the co-mention layer with no filters", async () => {
    const doc = await q.subgraph();
    const all = buildFixtureDocument();
    expect(keys(doc.graph.nodes)).toEqual(keys(all.graph.nodes));
    expect(keys(doc.graph.edges)).toEqual(keys(all.graph.edges).filter((key) => !key.includes("|CO_MENTIONED|")));
    expect(doc.articles).toEqual(all.articles);
    expect(doc.conflicts).toEqual(all.conflicts);
    expect(doc.graph.options).toEqual(all.graph.options);
  });

  it("should keep the co-mention layer when asked", async () => {
    const doc = await q.subgraph({ includeCoMentions: true });
    expect(doc.graph.edges).toEqual(buildFixtureDocument().graph.edges);
  });

  it("should always return a valid GraphDocument", async () => {
    for (const filters of [{}, { nodeTypes: ["Person" as const] }, { articles: ["gamma"] }, { minSources: 2 }, { dateTo: "2025-10-01" }]) {
      const doc = await q.subgraph(filters);
      expect(() => parseGraphDocument(doc, "subgraph")).not.toThrow();
    }
  });

  it("should filter by node type and drop edges to removed nodes", async () => {
    const doc = await q.subgraph({ nodeTypes: ["Person", "Meeting"] });
    expect(new Set(doc.graph.nodes.map((node) => node.attributes.type))).toEqual(new Set(["Person", "Meeting"]));
    expect(keys(doc.graph.edges)).toEqual([
      "person:kirill-dmitriev|ATTENDED|meeting:miami-talks",
      "person:lukasz-borowiecki|ATTENDED|meeting:warsaw-summit",
      "person:marta-nunez|ADVISES|person:steve-witkoff",
      "person:steve-witkoff|ATTENDED|meeting:miami-talks",
      "person:steve-witkoff|ATTENDED|meeting:warsaw-summit",
      "person:volodymyr-zelensky|ATTENDED|meeting:miami-talks",
      "person:volodymyr-zelensky|ATTENDED|meeting:warsaw-summit",
      "person:volodymyr-zelensky|MET_WITH|person:lukasz-borowiecki",
    ]);
  });

  it("should filter by relation type, keeping the nodes", async () => {
    const doc = await q.subgraph({ relationTypes: ["HEADS"] });
    expect(keys(doc.graph.edges)).toEqual([
      "person:kirill-dmitriev|HEADS|org:russian-direct-investment-fund",
      "person:lukasz-borowiecki|HEADS|org:baltic-energy-council",
    ]);
    expect(doc.graph.nodes).toHaveLength(14);
  });

  it("should restrict nodes, edges, evidence, mentions, articles and conflicts to a source article", async () => {
    const doc = await q.subgraph({ articles: ["gamma"] });
    expect(doc.articles.map((article) => article.id)).toEqual(["gamma"]);
    expect(keys(doc.graph.nodes)).toEqual([K.MIAMI_TALKS, K.US, K.DMI, K.NUN, K.WIT, K.ZEL, K.ZELENOGRAD]);
    expect(keys(doc.graph.edges)).toEqual([
      "org:united-states|SANCTIONED|person:kirill-dmitriev",
      "person:marta-nunez|ADVISES|person:steve-witkoff",
      "person:volodymyr-zelensky|ATTENDED|meeting:miami-talks",
    ]);
    for (const node of doc.graph.nodes) {
      expect(node.attributes.mentions.every((mention) => mention.article === "gamma")).toBe(true);
      expect(node.attributes.articleCount).toBe(1);
    }
    // The date conflict needs alpha and beta; with gamma alone it is no conflict.
    expect(doc.conflicts).toEqual([]);
  });

  it("should restrict edge evidence and recount corroboration", async () => {
    const doc = await q.subgraph({ articles: ["alpha"] });
    const heldIn = doc.graph.edges.find((edge) => edge.key === "meeting:miami-talks|HELD_IN|place:miami")!;
    expect(heldIn.attributes.evidence).toEqual([{ article: "alpha", start: 269, end: 297, quote: "The talks were held in Miami" }]);
    expect(heldIn.attributes.articleCount).toBe(1);
    expect(heldIn.attributes.publisherCount).toBe(1);
    const full = (await q.document()).graph.edges.find((edge) => edge.key === heldIn.key)!;
    expect(full.attributes.articleCount).toBe(2);
  });

  it("should filter by publisher, case- and accent-insensitively", async () => {
    const doc = await q.subgraph({ publishers: ["WIRE SERVICE"] });
    expect(doc.articles.map((article) => article.id)).toEqual(["beta"]);
    expect(doc.graph.edges.every((edge) => edge.attributes.evidence.every((evidence) => evidence.article === "beta"))).toBe(true);
    expect(keys(doc.graph.nodes)).not.toContain(K.NUN);
  });

  it("should keep only edges with at least minSources articles", async () => {
    const doc = await q.subgraph({ minSources: 2 });
    expect(keys(doc.graph.edges)).toEqual(["meeting:miami-talks|HELD_IN|place:miami"]);
    expect(doc.graph.nodes).toHaveLength(14);
  });

  it("should apply the date range to article dates and meeting dates, letting undated ones pass", async () => {
    // alpha is dated 2025-10-27, beta 2025-11-02, gamma undated.
    const october = await q.subgraph({ dateFrom: "2025-10-01", dateTo: "2025-10-31" });
    expect(october.articles.map((article) => article.id)).toEqual(["alpha", "gamma"]);
    expect(keys(october.graph.nodes)).toContain(K.MIAMI_TALKS);
    expect(keys(october.graph.nodes)).not.toContain(K.WARSAW_SUMMIT);
    // The Warsaw summit (October 3) is dropped by its own date, not by its sources.
    const lateOctober = await q.subgraph({ dateFrom: "2025-10-20" });
    expect(keys(lateOctober.graph.nodes)).not.toContain(K.WARSAW_SUMMIT);
    expect(keys(lateOctober.graph.nodes)).toContain(K.MIAMI_TALKS);
    const meetingDay = await q.subgraph({ dateFrom: "2025-10-26", dateTo: "2025-10-26", nodeTypes: ["Meeting"] });
    expect(keys(meetingDay.graph.nodes)).toEqual([K.MIAMI_TALKS]);
    const before = await q.subgraph({ dateTo: "2025-10-01", nodeTypes: ["Meeting"] });
    expect(before.graph.nodes).toEqual([]);
  });

  it("should reject an unknown article id", async () => {
    await expect(q.subgraph({ articles: ["alpha", "omega"] })).rejects.toMatchObject({
      name: "BadRequestError",
      parameter: "articles",
      message: 'newsgraph/graph: articles lists an unknown article "omega"',
    });
  });
});
