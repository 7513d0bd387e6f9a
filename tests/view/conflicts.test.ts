import { describe, expect, it } from "vitest";
import { conflictCounts, conflictViews, disputedElements } from "@/lib/view/conflicts";
import { articleIndex } from "@/lib/view/details";
import { buildDataGraph } from "@/lib/view/graphs";
import { eventsDoc } from "./fixture-events";

const doc = eventsDoc();
const data = buildDataGraph(doc);

describe("conflictViews", () => {
  it("lists every conflict by subject label then field, claims grouped by value with their article", () => {
    const views = conflictViews(data, articleIndex(doc.articles), doc.conflicts);
    expect(views.map((v) => [v.subject?.label, v.field])).toEqual([
      ["Alice Archer", "title"],
      ["Meeting in Paris", "date"],
      ["Meeting in Paris", "place"],
    ]);
    const place = views[2]!;
    expect(place.values.map((g) => g.value)).toEqual(["Paris", "Rome"]);
    expect(place.values[0]!.claims[0]).toMatchObject({ article: "a1", quote: "met in Paris on October 10–12", articleRef: { name: "Summit in Paris", publisher: "Wire", date: "2025-10-20" } });
  });

  it("merges claims of the same value (case and accents folded) and counts their articles", () => {
    const extra = structuredClone(doc.conflicts);
    extra[1]!.claims.push({ value: "PARIS", evidence: { article: "a3", start: 0, end: 5, quote: "Paris" } });
    const place = conflictViews(data, articleIndex(doc.articles), extra).find((v) => v.field === "place")!;
    expect(place.values[0]).toMatchObject({ value: "Paris", articleCount: 2 });
  });

  it("keeps a conflict whose subject is not in the graph, without a subject", () => {
    const views = conflictViews(data, articleIndex(doc.articles), [{ subject: "person:ghost", field: "title", claims: [] }]);
    expect(views[0]).toMatchObject({ subject: null, subjectKey: "person:ghost" });
  });
});

describe("disputedElements", () => {
  it("takes the subjects, the neighbours a claim names and the edges of the disputed field", () => {
    const d = disputedElements(data, doc.conflicts);
    expect([...d.nodes].sort()).toEqual(["meeting:m1", "org:acme", "person:alice", "place:paris", "place:rome"]);
    expect([...d.edges].sort()).toEqual(["meeting:m1|HELD_IN|place:paris", "meeting:m1|HELD_IN|place:rome", "person:alice|HEADS|org:acme"]);
  });

  it("matches names as whole words only", () => {
    const conflicts = [{ subject: "person:alice", field: "nationality", claims: [{ value: "Parisian", evidence: { article: "a1", start: 0, end: 1, quote: "x" } }] }];
    expect([...disputedElements(data, conflicts).nodes]).toEqual(["person:alice"]);
  });

  it("conflictCounts counts conflicts per subject", () => {
    expect(Object.fromEntries(conflictCounts(doc.conflicts))).toEqual({ "meeting:m1": 2, "person:alice": 1 });
  });
});
