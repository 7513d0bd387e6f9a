import { describe, expect, it } from "vitest";
import { buildDataGraph, buildRenderGraph } from "@/lib/view/graphs";
import { makeEdgeReducer, makeNodeReducer, reducerContext } from "@/lib/view/reducers";
import { applyAll, hoverNode, initialViewState, selectNode, setShowCoMentions, toggleNodeType } from "@/lib/view/state";
import { FADED_NODE_COLOR } from "@/lib/view/style";
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
    expect(r.edge(DRAFTED_W).hidden).toBeFalsy();
  });

  it("never touch the render graph's attributes", () => {
    const before = JSON.stringify(render.export());
    const r = reduce(applyAll(initialViewState, selectNode("person:kirill-dmitriev"), setShowCoMentions(true)));
    render.forEachNode((k) => r.node(k));
    render.forEachEdge((k) => r.edge(k));
    expect(JSON.stringify(render.export())).toBe(before);
  });
});
