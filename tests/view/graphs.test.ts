import { describe, expect, it } from "vitest";
import { buildDataGraph, buildRenderGraph, framingBBox, graphCounts, neighbours, shortLabel } from "@/lib/view/graphs";
import { MAX_NODE_SIZE, MIN_NODE_SIZE, NODE_COLORS } from "@/lib/view/style";
import { fixtureDoc } from "./fixture";

describe("data graph and render graph", () => {
  const doc = fixtureDoc();
  const data = buildDataGraph(doc);
  const render = buildRenderGraph(data);

  it("the data graph keeps every contract attribute", () => {
    expect(data.order).toBe(7);
    expect(data.size).toBe(5);
    expect(data.getNodeAttributes("person:kirill-dmitriev").roles?.[0]?.role).toBe("head of RDIF");
    expect(data.getEdgeAttribute("person:steve-witkoff|DRAFTED|doc:the-plan", "evidence")).toHaveLength(2);
  });

  it("the render graph uses the precomputed positions and colours by type", () => {
    expect(render.getNodeAttributes("org:russian-direct-investment-fund")).toMatchObject({
      x: 10,
      y: 0,
      color: NODE_COLORS.Organization,
      label: "Russian Direct Investment Fund",
      nodeType: "Organization",
    });
    // sigma reserves `type` for its program: the contract type must not leak there
    render.forEachNode((_k, a) => expect(a.type).toBeUndefined());
  });

  it("places nodes without a position deterministically, outside the others", () => {
    const a = render.getNodeAttributes("person:lukasz-borowiecki");
    expect(Number.isFinite(a.x) && Number.isFinite(a.y)).toBe(true);
    expect(Math.hypot(a.x, a.y)).toBeGreaterThan(10);
    expect(buildRenderGraph(buildDataGraph(fixtureDoc())).getNodeAttributes("person:lukasz-borowiecki")).toEqual(a);
  });

  it("sizes nodes by degree over typed relations (co-mentions do not count)", () => {
    const d = render.getNodeAttributes("person:kirill-dmitriev");
    const miami = render.getNodeAttributes("place:miami");
    expect(d.degree).toBe(3);
    expect(miami.degree).toBe(0);
    expect(miami.size).toBe(MIN_NODE_SIZE);
    expect(d.size).toBeGreaterThan(miami.size);
    render.forEachNode((_k, a) => expect(a.size).toBeLessThanOrEqual(MAX_NODE_SIZE));
  });

  it("draws relations as arrows and co-mentions as lines", () => {
    expect(render.getEdgeAttributes("person:kirill-dmitriev|HEADS|org:russian-direct-investment-fund")).toMatchObject({ type: "arrow", coMention: false, edgeType: "HEADS" });
    expect(render.getEdgeAttributes("person:kirill-dmitriev|CO_MENTIONED|place:miami")).toMatchObject({ type: "line", coMention: true });
  });

  it("neighbours and counts separate typed relations from co-mentions", () => {
    expect([...neighbours(render, "person:kirill-dmitriev")].sort()).toEqual([
      "doc:the-plan",
      "org:russian-direct-investment-fund",
      "person:steve-witkoff",
    ]);
    expect(neighbours(data, "person:kirill-dmitriev", true).has("place:miami")).toBe(true);
    expect(neighbours(data, "nope").size).toBe(0);
    expect(graphCounts(data)).toEqual({ nodes: 7, relations: 4, coMentions: 1 });
    expect(graphCounts(render)).toEqual(graphCounts(data));
  });

  it("skips edges to unknown nodes instead of crashing", () => {
    const broken = fixtureDoc();
    broken.graph.edges.push({ key: "x", source: "person:kirill-dmitriev", target: "person:ghost", attributes: { type: "MET_WITH", evidence: [] } });
    expect(buildDataGraph(broken).size).toBe(5);
  });
});

describe("framingBBox", () => {
  it("covers every node and leaves room on the right for labels", () => {
    const render = buildRenderGraph(buildDataGraph(fixtureDoc()));
    const box = framingBBox(render, 0.2);
    expect(box).not.toBeNull();
    render.forEachNode((_k, a) => {
      expect(a.x).toBeGreaterThanOrEqual(box!.x[0]);
      expect(a.x).toBeLessThan(box!.x[1]);
      expect(a.y).toBeGreaterThanOrEqual(box!.y[0]);
      expect(a.y).toBeLessThanOrEqual(box!.y[1]);
    });
    const xs = render.mapNodes((_k, a) => a.x);
    const width = Math.max(...xs) - Math.min(...xs);
    expect(box!.x[1]).toBeCloseTo(Math.max(...xs) + 0.2 * width);
    expect(framingBBox(buildRenderGraph(buildDataGraph({ ...fixtureDoc(), graph: { ...fixtureDoc().graph, nodes: [], edges: [] } })))).toBeNull();
  });
});

describe("shortLabel", () => {
  it("keeps short labels and cuts long ones at a word, with an ellipsis", () => {
    expect(shortLabel("Kirill Dmitriev")).toBe("Kirill Dmitriev");
    const cut = shortLabel("Meeting in Miami: Kirill Dmitriev, Steve Witkoff and their delegations");
    expect(cut).toBe("Meeting in Miami: Kirill Dmitriev…");
    expect(cut.length).toBeLessThanOrEqual(38);
    expect(shortLabel("x".repeat(60), 20)).toBe(`${"x".repeat(19)}…`);
  });

  it("is what the render graph draws; the data graph keeps the full name", () => {
    const doc = fixtureDoc();
    const data = buildDataGraph(doc);
    const render = buildRenderGraph(data);
    expect(render.getNodeAttribute("meeting:envoys-in-miami", "label")).toMatch(/…$/);
    expect(data.getNodeAttribute("meeting:envoys-in-miami", "label")).toBe("Meeting in Miami: Kirill Dmitriev, Steve Witkoff and their delegations");
  });
});
