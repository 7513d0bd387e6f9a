import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Conflict, GraphDocument } from "@/lib/contract";
import { foldText } from "@/lib/contract/utils";
import { conflictCounts, conflictViews, disputedElements } from "@/lib/view/conflicts";
import { articleIndex } from "@/lib/view/details";
import { buildDataGraph, type DataGraph } from "@/lib/view/graphs";
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

/** The rule as stated, one conflict at a time (what disputedElements computes subject by subject, faster). */
function disputedOneByOne(graph: DataGraph, conflicts: readonly Conflict[]): { nodes: Set<string>; edges: Set<string> } {
  const fieldTypes = (field: string): string[] =>
    [
      { test: /place|venue|location|city|country/i, types: ["HELD_IN"] },
      { test: /particip|attend|who/i, types: ["ATTENDED"] },
      { test: /title|role|position|office/i, types: ["HEADS", "MEMBER_OF", "ADVISES"] },
    ]
      .filter((f) => f.test.test(field))
      .flatMap((f) => f.types);
  const words = (text: string, part: string) => ` ${text} `.includes(` ${part} `);
  const nodes = new Set<string>();
  const edges = new Set<string>();
  for (const conflict of conflicts) {
    if (!graph.hasNode(conflict.subject)) continue;
    nodes.add(conflict.subject);
    const values = conflict.claims.map((c) => foldText(c.value)).filter((v) => v.length >= 3);
    graph.forEachEdge(conflict.subject, (edge, e, source, target) => {
      const other = source === conflict.subject ? target : source;
      const a = graph.getNodeAttributes(other);
      const names = [a.label, ...(a.aliases ?? [])].map(foldText).filter((n) => n.length >= 3);
      const named = names.some((name) => values.some((v) => words(v, name) || words(name, v)));
      const stated =
        fieldTypes(conflict.field).includes(e.type) &&
        e.evidence.some((ev) => conflict.claims.some((c) => c.evidence.article === ev.article && c.evidence.start < ev.end && ev.start < c.evidence.end));
      if (named || stated) {
        edges.add(edge);
        nodes.add(other);
      }
    });
  }
  return { nodes, edges };
}

describe("disputedElements on generated graphs", () => {
  it("marks what the conflicts one by one mark (several conflicts per subject, shared neighbours, overlapping passages)", () => {
    const labels = ["Paris", "Rome", "Alice Archer", "Bob Baker", "Summit", "Paris Summit", "Rome talks", "Al"];
    const fields = ["place", "title", "date", "participants", "role"];
    const types = ["HELD_IN", "ATTENDED", "HEADS", "ADVISES", "MET_WITH", "CO_MENTIONED"] as const;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(7), fc.nat(7), fc.constantFrom(...types), fc.nat(3), fc.nat(40)), { maxLength: 30 }),
        fc.array(fc.tuple(fc.nat(7), fc.constantFrom(...fields), fc.array(fc.tuple(fc.nat(labels.length - 1), fc.nat(3), fc.nat(40)), { minLength: 1, maxLength: 3 })), {
          maxLength: 10,
        }),
        (edgeSpecs, conflictSpecs) => {
          const key = (i: number) => `person:n${i}`;
          const doc: GraphDocument = {
            version: 1,
            articles: [],
            graph: {
              options: { type: "directed", multi: true, allowSelfLoops: false },
              attributes: {},
              nodes: labels.map((label, i) => ({ key: key(i), attributes: { type: "Person", label, aliases: i % 3 === 0 ? [`${label} City`] : [], mentions: [] } })),
              edges: [],
            },
            conflicts: [],
          };
          const seen = new Set<string>();
          for (const [s, t, type, article, start] of edgeSpecs) {
            const k = `${key(s)}|${type}|${key(t)}`;
            if (s === t || seen.has(k)) continue;
            seen.add(k);
            doc.graph.edges.push({ key: k, source: key(s), target: key(t), attributes: { type, evidence: [{ article: `a${article}`, start, end: start + 5, quote: "x" }] } });
          }
          doc.conflicts = conflictSpecs.map(([subject, field, claims]) => ({
            subject: key(subject),
            field,
            claims: claims.map(([label, article, start]) => ({ value: labels[label]!, evidence: { article: `a${article}`, start, end: start + 3, quote: "y" } })),
          }));
          const graph = buildDataGraph(doc);
          const got = disputedElements(graph, doc.conflicts);
          const want = disputedOneByOne(graph, doc.conflicts);
          expect(new Set(got.nodes)).toEqual(want.nodes);
          expect(new Set(got.edges)).toEqual(want.edges);
        },
      ),
      { numRuns: 300 },
    );
  });
});
