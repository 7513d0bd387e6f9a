import { describe, expect, it } from "vitest";
import { buildDataGraph, buildRenderGraph } from "@/lib/view/graphs";
import { makeEdgeReducer, makeNodeReducer, reducerContext } from "@/lib/view/reducers";
import { buildModel } from "@/lib/view/model";
import { neighbourhoodView } from "@/lib/view/neighbourhood";
import { findPath } from "@/lib/view/path";
import { applyAll, hoverNode, initialViewState, selectEdge, selectNode, setFade, setShowCoMentions, toggleArticle, toggleNodeType } from "@/lib/view/state";
import { EDGE_COLOR, FADED_NODE_COLOR, PATH_COLOR, SELECTED_EDGE_COLOR, SINGLE_SOURCE_EDGE_COLOR } from "@/lib/view/style";
import { computeVisibility } from "@/lib/view/visibility";
import { eventsDoc } from "./fixture-events";
import { fixtureDoc } from "./fixture";

const render = buildRenderGraph(buildDataGraph(fixtureDoc()));
const CO = "person:kirill-dmitriev|CO_MENTIONED|place:miami";
const HEADS = "person:kirill-dmitriev|HEADS|org:russian-direct-investment-fund";
const DRAFTED_W = "person:steve-witkoff|DRAFTED|doc:the-plan";

function reduce(state = initialViewState) {
  const ctx = reducerContext(render, state);
  const node = makeNodeReducer(ctx);
  const edge = makeEdgeReducer(ctx, render);
  return {
    node: (key: string) => node(key, render.getNodeAttributes(key)),
    edge: (key: string) => edge(key, render.getEdgeAttributes(key)),
  };
}

describe("sigma reducers", () => {
  it("hide the co-mention layer by default and show it when switched on", () => {
    expect(reduce().edge(CO).hidden).toBe(true);
    expect(reduce().edge(HEADS).hidden).toBeFalsy();
    expect(reduce(setShowCoMentions(true)(initialViewState)).edge(CO).hidden).toBeFalsy();
  });

  it("draw every node with sigma's circle program and its own colour when nothing is focused", () => {
    const d = reduce().node("person:kirill-dmitriev");
    expect(d).toMatchObject({ type: "circle", color: render.getNodeAttribute("person:kirill-dmitriev", "color"), label: "Kirill Dmitriev" });
    expect(d.hidden).toBeFalsy();
  });

  it("selection highlights the node and its neighbours and fades the rest", () => {
    const r = reduce(selectNode("person:kirill-dmitriev")(initialViewState));
    expect(r.node("person:kirill-dmitriev")).toMatchObject({ highlighted: true, forceLabel: true });
    expect(r.node("person:steve-witkoff")).toMatchObject({ forceLabel: true });
    expect(r.node("person:steve-witkoff").color).not.toBe(FADED_NODE_COLOR);
    // Miami is only co-mentioned: faded while the layer is off
    expect(r.node("place:miami")).toMatchObject({ color: FADED_NODE_COLOR, label: null });
    expect(r.edge(HEADS).size).toBeGreaterThanOrEqual(1.5);
    expect(r.edge(DRAFTED_W).color).not.toBe(render.getEdgeAttribute(HEADS, "color"));
  });

  it("hover takes precedence over selection for the highlighted neighbourhood", () => {
    const r = reduce(applyAll(initialViewState, selectNode("place:miami"), hoverNode("doc:the-plan")));
    expect(r.node("person:steve-witkoff").color).not.toBe(FADED_NODE_COLOR);
    expect(r.node("org:russian-direct-investment-fund").color).toBe(FADED_NODE_COLOR);
    // the selected node stays highlighted
    expect(r.node("place:miami").highlighted).toBe(true);
  });

  it("hide nodes of a type switched off, and their edges, but never the selected node", () => {
    const s = applyAll(initialViewState, toggleNodeType("Organization"), toggleNodeType("Document"), selectNode("doc:the-plan"));
    const r = reduce(s);
    expect(r.node("org:russian-direct-investment-fund").hidden).toBe(true);
    expect(r.edge(HEADS).hidden).toBe(true);
    expect(r.node("doc:the-plan").hidden).toBeFalsy();
    // its edges follow the filter (the panel still lists them)
    expect(r.edge(DRAFTED_W).hidden).toBe(true);
  });

  it("never touch the render graph's attributes", () => {
    const before = JSON.stringify(render.export());
    const r = reduce(applyAll(initialViewState, selectNode("person:kirill-dmitriev"), setShowCoMentions(true)));
    render.forEachNode((k) => r.node(k));
    render.forEachEdge((k) => r.edge(k));
    expect(JSON.stringify(render.export())).toBe(before);
  });
});

describe("sigma reducers over derived views", () => {
  it("filtered-out parts are hidden, or drawn faint in fade mode; pinned nodes stay", () => {
    const m = buildModel(eventsDoc());
    const run = (s: typeof initialViewState) => {
      const ctx = reducerContext(m.render, s, { visibility: computeVisibility(m.filterContext, s.filters) });
      const n = makeNodeReducer(ctx);
      const e = makeEdgeReducer(ctx, m.render);
      return { node: (k: string) => n(k, m.render.getNodeAttributes(k)), edge: (k: string) => e(k, m.render.getEdgeAttributes(k)) };
    };
    const hidden = run(toggleNodeType("Meeting")(initialViewState));
    expect(hidden.node("meeting:m1").hidden).toBe(true);
    expect(hidden.edge("person:alice|ATTENDED|meeting:m1").hidden).toBe(true);
    const faded = run(applyAll(initialViewState, toggleNodeType("Meeting"), setFade(true)));
    expect(faded.node("meeting:m1")).toMatchObject({ color: FADED_NODE_COLOR, label: null });
    expect(faded.node("meeting:m1").hidden).toBeFalsy();
    expect(faded.edge("person:alice|ATTENDED|meeting:m1").hidden).toBeFalsy();
    const pinned = run(applyAll(initialViewState, toggleNodeType("Meeting"), selectNode("meeting:m1")));
    expect(pinned.node("meeting:m1")).toMatchObject({ highlighted: true });
    expect(pinned.node("meeting:m1").hidden).toBeFalsy();
  });

  it("single-source relations are paler than corroborated ones, counted after the source filters", () => {
    const m = buildModel(eventsDoc());
    const color = (s: typeof initialViewState, edge: string) => {
      const ctx = reducerContext(m.render, s, { visibility: computeVisibility(m.filterContext, s.filters) });
      return makeEdgeReducer(ctx, m.render)(edge, m.render.getEdgeAttributes(edge)).color;
    };
    expect(color(initialViewState, "person:alice|HEADS|org:acme")).toBe(EDGE_COLOR);
    expect(color(initialViewState, "person:bob|ATTENDED|meeting:m1")).toBe(SINGLE_SOURCE_EDGE_COLOR);
    expect(color(toggleArticle("a1")(initialViewState), "person:alice|HEADS|org:acme")).toBe(SINGLE_SOURCE_EDGE_COLOR);
  });

  it("a neighbourhood hides what is outside it; a path is drawn in its colour and fades the rest", () => {
    const m = buildModel(eventsDoc());
    const v = computeVisibility(m.filterContext, initialViewState.filters);
    const nb = neighbourhoodView(m.render, { center: "place:paris", hops: 1, cap: 10, expanded: [] }, { edgeVisible: (e) => v.edges.has(e), nodeVisible: (n) => v.nodes.has(n) });
    const s = selectNode("place:paris")(initialViewState);
    const ctx = reducerContext(m.render, s, { visibility: v, neighbourhood: nb });
    const node = makeNodeReducer(ctx);
    expect(node("person:alice", m.render.getNodeAttributes("person:alice")).hidden).toBe(true);
    // inside the neighbourhood the selection does not fade the rest of it
    expect(node("meeting:m1", m.render.getNodeAttributes("meeting:m1"))).toMatchObject({ color: m.render.getNodeAttribute("meeting:m1", "color") });
    const path = findPath(m.data, m.articles, "place:paris", "org:acme", (e) => v.edges.has(e));
    const pctx = reducerContext(m.render, initialViewState, { visibility: v, path });
    const edge = makeEdgeReducer(pctx, m.render);
    expect(edge("person:alice|HEADS|org:acme", m.render.getEdgeAttributes("person:alice|HEADS|org:acme")).color).toBe(PATH_COLOR);
    expect(edge("person:bob|MEMBER_OF|org:acme", m.render.getEdgeAttributes("person:bob|MEMBER_OF|org:acme")).color).not.toBe(PATH_COLOR);
    const pnode = makeNodeReducer(pctx);
    expect(pnode("person:bob", m.render.getNodeAttributes("person:bob")).color).toBe(FADED_NODE_COLOR);
    expect(pnode("person:alice", m.render.getNodeAttributes("person:alice")).forceLabel).toBe(true);
  });

  it("a selected edge is drawn dark and thick, its ends labelled, the rest faded", () => {
    const s = selectEdge(HEADS)(initialViewState);
    const r = reduce(s);
    expect(r.edge(HEADS)).toMatchObject({ color: SELECTED_EDGE_COLOR });
    expect(r.edge(HEADS).size).toBeGreaterThanOrEqual(3);
    expect(r.node("org:russian-direct-investment-fund")).toMatchObject({ highlighted: true, forceLabel: true });
    expect(r.node("person:steve-witkoff").color).toBe(FADED_NODE_COLOR);
  });
});
