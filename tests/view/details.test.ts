import { describe, expect, it } from "vitest";
import { articleIndex, edgeDetails, nodeDetails } from "@/lib/view/details";
import { buildDataGraph } from "@/lib/view/graphs";
import { ARTICLE_TEXT, fixtureDoc } from "./fixture";

const doc = fixtureDoc();
const data = buildDataGraph(doc);
const articles = articleIndex(doc.articles);

describe("nodeDetails", () => {
  it("returns null for an unknown node", () => {
    expect(nodeDetails(data, articles, "person:nobody")).toBeNull();
  });

  it("groups relations by type and direction, in the contract's relation order", () => {
    const d = nodeDetails(data, articles, "person:kirill-dmitriev");
    expect(d?.groups.map((g) => [g.type, g.direction, g.title])).toEqual([
      ["HEADS", "out", "Heads"],
      ["DRAFTED", "out", "Drafted"],
      ["MET_WITH", "both", "Met with"],
    ]);
    expect(d?.hiddenCoMentions).toBe(1);
    expect(d?.aliases).toEqual(["Dmitriev"]);
    expect(d?.roles[0]).toMatchObject({ role: "head of RDIF", evidence: { articleRef: { name: "Envoys meet in Miami", publisher: "Wire" } } });
    expect(d?.articles.map((a) => a.id)).toEqual(["a1", "a2"]);
  });

  it("reads incoming relations from the target's side", () => {
    const d = nodeDetails(data, articles, "doc:the-plan");
    expect(d?.groups).toHaveLength(1);
    expect(d?.groups[0]).toMatchObject({ type: "DRAFTED", direction: "in", title: "Drafted by" });
    // most evidence first
    expect(d?.groups[0]?.relations.map((r) => r.other.label)).toEqual(["Steve Witkoff", "Kirill Dmitriev"]);
  });

  it("attaches each quote's article (title, else id) and counts sources", () => {
    const d = nodeDetails(data, articles, "person:steve-witkoff");
    const drafted = d?.groups.find((g) => g.type === "DRAFTED")?.relations[0];
    expect(drafted?.evidence.map((e) => e.articleRef.name)).toEqual(["Envoys meet in Miami", "a2"]);
    expect(drafted).toMatchObject({ articleCount: 2, publisherCount: 2 });
    for (const ev of drafted?.evidence.filter((e) => e.article === "a1") ?? []) {
      expect(ARTICLE_TEXT.slice(ev.start, ev.end)).toBe(ev.quote);
    }
  });

  it("lists co-mentions last when the layer is on", () => {
    const d = nodeDetails(data, articles, "person:kirill-dmitriev", { showCoMentions: true });
    expect(d?.groups.at(-1)).toMatchObject({ type: "CO_MENTIONED", direction: "both" });
    expect(d?.hiddenCoMentions).toBe(0);
  });
});

describe("meeting dates", () => {
  it("lists each stated date once, with the articles that state it", () => {
    const d = nodeDetails(data, articles, "meeting:envoys-in-miami");
    expect(d?.dates).toEqual([
      { text: "late October", start: null, end: null, articles: [expect.objectContaining({ id: "a1" }), expect.objectContaining({ id: "a2", name: "a2" })] },
      { text: "October 24–26", start: "2025-10-24", end: "2025-10-26", articles: [expect.objectContaining({ id: "a2" })] },
    ]);
    expect(d?.groups).toEqual([]);
  });
});

describe("node sources and edge details", () => {
  it("lists each article naming the node once, at its first mention", () => {
    const d = nodeDetails(data, articles, "person:kirill-dmitriev");
    expect(d?.sources).toEqual([
      { article: expect.objectContaining({ id: "a1", name: "Envoys meet in Miami" }), start: 0, end: 15, mentions: 1 },
      { article: expect.objectContaining({ id: "a2" }), start: 0, end: 8, mentions: 1 },
    ]);
  });

  it("edgeDetails gives both ends, the relation as read from the source, and every passage with its article", () => {
    const e = edgeDetails(data, articles, "person:steve-witkoff|DRAFTED|doc:the-plan");
    expect(e).toMatchObject({
      type: "DRAFTED",
      phrase: "Drafted",
      source: { key: "person:steve-witkoff", label: "Steve Witkoff", type: "Person" },
      target: { key: "doc:the-plan", type: "Document" },
      articleCount: 2,
      publisherCount: 2,
    });
    expect(e?.evidence.map((ev) => ev.articleRef.name)).toEqual(["Envoys meet in Miami", "a2"]);
    expect(edgeDetails(data, articles, "nope")).toBeNull();
  });
});
