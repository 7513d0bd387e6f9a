import { describe, expect, it } from "vitest";
import { parseGraphDocument } from "@/lib/contract";
import { selectScopeFromDocument } from "@/lib/export";
import { downloadName, scopeChoices, scopeSets, subDocument } from "@/lib/view/exporting";
import { buildModel } from "@/lib/view/model";
import { neighbourhoodView } from "@/lib/view/neighbourhood";
import { findPath } from "@/lib/view/path";
import { applyAll, initialViewState, selectEdge, selectNode, toggleArticle, toggleNodeType } from "@/lib/view/state";
import { computeVisibility } from "@/lib/view/visibility";
import { eventsDoc } from "./fixture-events";

const model = buildModel(eventsDoc());
const visibilityOf = (s: typeof initialViewState) => computeVisibility(model.filterContext, s.filters);

describe("download scopes", () => {
  it("whole graph, the view as filtered, the selection with its relations, the neighbourhood or path", () => {
    const s = applyAll(initialViewState, toggleNodeType("Document"), selectNode("person:bob"));
    const v = visibilityOf(s);
    expect(scopeSets("whole", model.data, s, v, null, null)!.nodes.size).toBe(model.data.order);
    const view = scopeSets("view", model.data, s, v, null, null)!;
    expect(view.nodes.has("doc:plan")).toBe(false);
    expect(view.edges.has("person:alice|DRAFTED|doc:plan")).toBe(false);
    const sel = scopeSets("selection", model.data, s, v, null, null)!;
    expect([...sel.nodes].sort()).toEqual(["meeting:m1", "org:acme", "person:bob"]);
    expect(scopeSets("focus", model.data, s, v, null, null)).toBeNull();
    const nb = neighbourhoodView(model.render, { center: "place:paris", hops: 1, cap: 10, expanded: [] }, { edgeVisible: (e) => v.edges.has(e), nodeVisible: (n) => v.nodes.has(n) });
    expect([...scopeSets("focus", model.data, s, v, nb, null)!.nodes].sort()).toEqual(["meeting:m1", "place:paris"]);
    const path = findPath(model.data, model.articles, "place:paris", "org:acme", (e) => v.edges.has(e));
    expect(scopeSets("focus", model.data, s, v, null, path)!.edges.size).toBe(3);
    const edge = selectEdge("person:alice|HEADS|org:acme")(s);
    expect([...scopeSets("selection", model.data, edge, v, null, null)!.edges]).toEqual(["person:alice|HEADS|org:acme"]);
  });

  it("scopeChoices says which scopes are available and how big they are", () => {
    const v = visibilityOf(initialViewState);
    const choices = scopeChoices(model.data, initialViewState, v, null, null, (k) => k);
    expect(choices.map((c) => [c.scope, c.disabled === null])).toEqual([
      ["whole", true],
      ["view", true],
      ["selection", false],
      ["focus", false],
    ]);
    expect(choices[1]).toMatchObject({ nodes: model.data.order, edges: 10 });
    expect(choices[0]!.label).toBe("the whole graph");
    // A view that holds part of the graph does not call the loaded part "the whole graph".
    const partial = scopeChoices(model.data, initialViewState, v, null, null, (k) => k, 12_345);
    expect(partial[0]!.label).toBe(`the loaded graph: ${model.data.order} of 12,345 entities (load the whole graph for all)`);
    expect(partial[0]).toMatchObject({ scope: "whole", nodes: model.data.order });
  });

  it("subDocument keeps the chosen elements and the evidence the source filters keep; lib/export trims the articles", async () => {
    const s = toggleArticle("a1")(initialViewState);
    const v = visibilityOf(s);
    const sets = scopeSets("view", model.data, s, v, null, null)!;
    const sub = subDocument(model.doc, sets, v.articlePasses);
    const heads = sub.graph.edges.find((e) => e.key === "person:alice|HEADS|org:acme")!;
    expect(heads.attributes.evidence.map((e) => e.article)).toEqual(["a1"]);
    expect(heads.attributes.articleCount).toBe(1);
    const out = await selectScopeFromDocument(sub, { kind: "selection", keys: [...sets.nodes], filters: { includeCoMentions: true } });
    expect(() => parseGraphDocument(JSON.parse(JSON.stringify(out)))).not.toThrow();
    expect(out.articles.map((a) => a.id)).toEqual(["a1"]);
    // every conflict had one claim from a1 and one from a2: none is left
    expect(out.conflicts).toEqual([]);
    expect(out.graph.nodes.find((n) => n.key === "person:alice")!.attributes.mentions.map((m) => m.article)).toEqual(["a1"]);
    // without a source filter, nothing is restricted
    const whole = subDocument(model.doc, scopeSets("whole", model.data, initialViewState, visibilityOf(initialViewState), null, null)!);
    expect(whole.conflicts).toHaveLength(3);
  });

  it("downloadName is a safe file name", () => {
    expect(downloadName("selection", "gexf", "person:kirill-dmitriev")).toBe("newsgraph-selection-person-kirill-dmitriev.gexf");
    expect(downloadName("view", "zip", null)).toBe("newsgraph-view.zip");
  });
});
