// The first view of a graph too large to load whole, and the pieces fetched from the API merged into it:
// coverage (what the banner says), the merge producer (nodes, edges, positions, conflicts), and the view
// state kept across a merge. Pieces come from the real in-memory queries and the API's own cut
// (server/http/caps.ts), as the explorer receives them.
import { describe, expect, it } from "vitest";
import { capDocument } from "@/server/http/caps";
import type { GraphDocument } from "@/lib/contract";
import { createMemoryQueries } from "@/lib/graph";
import {
  apiFilterQuery,
  applyAll,
  buildModel,
  combinePieces,
  completenessNote,
  conflictsPiece,
  coverageOfAnswer,
  coverageText,
  DEFAULT_FILTERS,
  FIRST_VIEW_NODES,
  firstViewUrl,
  focusNode,
  initialViewState,
  linkedNodes,
  mergePiece,
  neighbourhoodUrl,
  nodeDetailUrl,
  nodeUrl,
  noteBroughtIn,
  parseFirstViewNodes,
  pathUrl,
  pieceFromNeighborhood,
  pieceFromPath,
  pruneMissing,
  searchUrl,
  selectEdge,
  setCamera,
  setNeighbourhood,
  setPathEnd,
  setShowCoMentions,
  toggleNodeType,
  WHOLE_COVERAGE,
} from "@/lib/view";
import { fixtureDoc } from "./fixture";

const WIT = "person:steve-witkoff";
const DMI = "person:kirill-dmitriev";
const PLAN = "doc:the-plan";

/** The fixture without Witkoff and the plan: a first view that lacks them. */
function firstView(): GraphDocument {
  const doc = fixtureDoc();
  const drop = new Set([WIT, PLAN]);
  return {
    ...doc,
    graph: {
      ...doc.graph,
      nodes: doc.graph.nodes.filter((n) => !drop.has(n.key)),
      edges: doc.graph.edges.filter((e) => !drop.has(e.source) && !drop.has(e.target)),
    },
  };
}

const keys = (doc: GraphDocument) => doc.graph.nodes.map((n) => n.key);
const edgeKeys = (doc: GraphDocument) => doc.graph.edges.map((e) => e.key);

describe("the first view's size and request", () => {
  it("asks the API for the best connected nodes, co-mentions only when the graph comes whole", () => {
    expect(firstViewUrl()).toBe(`/api/graph?limit=${FIRST_VIEW_NODES}&comentionsIfWhole=1`);
    expect(firstViewUrl(200)).toBe("/api/graph?limit=200&comentionsIfWhole=1");
  });

  it("reads NEWSGRAPH_FIRST_VIEW_NODES, and names the variable and the value it refuses", () => {
    expect(parseFirstViewNodes(undefined)).toBe(FIRST_VIEW_NODES);
    expect(parseFirstViewNodes(" ")).toBe(FIRST_VIEW_NODES);
    expect(parseFirstViewNodes("200")).toBe(200);
    for (const bad of ["0", "-5", "2.5", "lots", "1000001", "5e3"]) {
      expect(() => parseFirstViewNodes(bad)).toThrow(`newsgraph/view: NEWSGRAPH_FIRST_VIEW_NODES must be an integer from 1 to 1000000, got "${bad}"`);
    }
  });
});

describe("coverage", () => {
  it("reads a truncated answer's totals, and says so in the banner", () => {
    const cut = capDocument(fixtureDoc(), 3, { coMentionsIfWhole: true });
    const coverage = coverageOfAnswer(cut, 3);
    expect(coverage).toEqual({ truncated: true, limit: 3, total: { nodes: 7, relations: 4, coMentions: 1 }, broughtIn: [] });
    expect(coverageText(coverage, 3)).toBe("Showing the 3 best-connected of 7 entities and meetings");
    const grown = noteBroughtIn([WIT, PLAN, WIT])(coverage);
    expect(grown.broughtIn).toEqual([WIT, PLAN]);
    expect(coverageText(grown, 5)).toBe("Showing the 3 best-connected of 7 entities and meetings, and 2 more brought in");
    expect(noteBroughtIn([PLAN])(grown)).toBe(grown);
    const big = { ...coverage, limit: 4000, total: { nodes: 49_903, relations: 227_000, coMentions: 280_000 } };
    expect(coverageText(big, 4000)).toBe("Showing the 4,000 best-connected of 49,903 entities and meetings");
  });

  it("a graph within the cap is whole: no banner, nothing noted", () => {
    const whole = capDocument(fixtureDoc(), 100, { coMentionsIfWhole: true });
    const coverage = coverageOfAnswer(whole, 100);
    expect(coverage).toEqual({ ...WHOLE_COVERAGE, limit: 100 });
    expect(coverageText(coverage, 7)).toBeNull();
    expect(noteBroughtIn([WIT])(coverage)).toBe(coverage);
    // …and the document is the graph as it is without a limit: co-mentions included, same order.
    const { truncated: _t, total: _n, ...doc } = whole;
    expect(doc).toEqual(fixtureDoc());
  });

  it("takes an answer without `truncated` for the whole graph; refuses a bad one or a cut without totals, naming what it got", () => {
    expect(coverageOfAnswer(fixtureDoc(), 10)).toEqual({ ...WHOLE_COVERAGE, limit: 10 });
    expect(() => coverageOfAnswer({ truncated: "yes" }, 10)).toThrow('newsgraph/view: the first view\'s answer must say truncated: true or false, got "yes"');
    expect(() => coverageOfAnswer({ truncated: true, total: { nodes: 5 } }, 10)).toThrow(
      'newsgraph/view: a truncated answer must give total { nodes, relations, coMentions }, got {"nodes":5}',
    );
  });
});

describe("merging fetched pieces into the loaded document", () => {
  it("adds a neighbourhood from the API: new nodes with their build positions, the edges between held nodes", async () => {
    const api = createMemoryQueries(fixtureDoc());
    const loaded = firstView();
    const piece = pieceFromNeighborhood(await api.neighborhood(WIT, 1));
    const merged = mergePiece(piece)(loaded);
    // Witkoff and the plan (its neighbour) come in after what was there, with graph.json's x/y.
    expect(keys(merged)).toEqual([...keys(loaded), WIT, PLAN]);
    expect(merged.graph.nodes.find((n) => n.key === WIT)!.attributes).toMatchObject({ x: 0, y: 10, label: "Steve Witkoff" });
    expect(merged.graph.nodes.find((n) => n.key === PLAN)!.attributes).toMatchObject({ x: 5, y: 5 });
    // Every edge among Witkoff's neighbourhood, and nothing twice.
    expect(new Set(edgeKeys(merged))).toEqual(new Set([...edgeKeys(loaded), `${DMI}|MET_WITH|${WIT}`, `${WIT}|DRAFTED|${PLAN}`, `${DMI}|DRAFTED|${PLAN}`]));
    expect(new Set(edgeKeys(merged)).size).toBe(merged.graph.edges.length);
    // The input is left alone.
    expect(keys(loaded)).toEqual(keys(firstView()));
  });

  it("gives back the same document when the piece adds nothing (nothing downstream is rebuilt)", async () => {
    const api = createMemoryQueries(fixtureDoc());
    const loaded = firstView();
    const piece = pieceFromNeighborhood(await api.neighborhood("org:russian-direct-investment-fund", 1));
    expect(mergePiece(piece)(loaded)).toBe(loaded);
    const once = mergePiece(pieceFromNeighborhood(await api.neighborhood(WIT, 1)))(loaded);
    expect(mergePiece(pieceFromNeighborhood(await api.neighborhood(WIT, 1)))(once)).toBe(once);
  });

  it("keeps what is held and drops edges to nodes not held", () => {
    const loaded = firstView();
    const changed = { key: DMI, attributes: { ...loaded.graph.nodes[0]!.attributes, label: "Someone else" } };
    const stray = { key: `${DMI}|ADVISES|person:nobody`, source: DMI, target: "person:nobody", attributes: { type: "ADVISES" as const, evidence: [] } };
    const merged = mergePiece({ nodes: [changed], edges: [stray] })(loaded);
    expect(merged).toBe(loaded);
  });

  it("merges several pieces at once as it merges them one after the other", async () => {
    const api = createMemoryQueries(fixtureDoc());
    const pieces = await Promise.all([WIT, PLAN, "place:miami"].map(async (key) => pieceFromNeighborhood(await api.neighborhood(key, 1))));
    const oneByOne = pieces.reduce((doc, piece) => mergePiece(piece)(doc), firstView());
    expect(mergePiece(combinePieces(pieces))(firstView())).toEqual(oneByOne);
    expect(combinePieces([])).toEqual({ nodes: [], edges: [], conflicts: [] });
  });

  it("places a node without a position among its placed neighbours", () => {
    const loaded = firstView();
    const bare = { key: "person:new", attributes: { type: "Person" as const, label: "New", aliases: [], mentions: [] } };
    const edges = [DMI, "place:miami"].map((other) => ({ key: `person:new|MET_WITH|${other}`, source: "person:new", target: other, attributes: { type: "MET_WITH" as const, evidence: [] } }));
    const merged = mergePiece({ nodes: [bare], edges })(loaded);
    const placed = merged.graph.nodes.find((n) => n.key === "person:new")!.attributes;
    // Dmitriev at (0, 0), Miami at (−10, 0): the middle, give or take the small offset.
    expect(Math.hypot(placed.x! - -5, placed.y! - 0)).toBeLessThanOrEqual(2.0001);
    // A node with no placed neighbour keeps no position (the render graph's fallback places it).
    const alone = mergePiece({ nodes: [{ ...bare, key: "person:alone" }], edges: [] })(loaded);
    expect(alone.graph.nodes.find((n) => n.key === "person:alone")!.attributes.x).toBeUndefined();
  });

  it("adds the conflicts it lacks about the nodes it holds, never twice, and none about nodes it does not hold", () => {
    const loaded = firstView();
    const claim = (value: string) => ({ value, evidence: { article: "a1", start: 0, end: 1, quote: "K" } });
    const aboutWit = { subject: WIT, field: "title", claims: [claim("envoy"), claim("adviser")] };
    const aboutDmi = { subject: DMI, field: "title", claims: [claim("head"), claim("chair")] };
    const aboutPlan = { subject: PLAN, field: "date", claims: [claim("May"), claim("June")] };
    const wit = fixtureDoc().graph.nodes.find((n) => n.key === WIT)!;
    const merged = mergePiece({ nodes: [wit], edges: [], conflicts: [aboutWit, aboutDmi, aboutPlan] })(loaded);
    // Witkoff came in, Dmitriev was held; the plan is not held.
    expect(merged.conflicts).toEqual([aboutWit, aboutDmi]);
    // The same conflicts again (GET /api/nodes/<key> when the node is selected): nothing new, the same document.
    expect(mergePiece(conflictsPiece({ conflicts: [aboutDmi, aboutWit] }))(merged)).toBe(merged);
    // A second dispute about the same field is another conflict.
    const again = { ...aboutDmi, claims: [claim("head"), claim("founder")] };
    expect(mergePiece(conflictsPiece({ conflicts: [again] }))(merged).conflicts).toEqual([aboutWit, aboutDmi, again]);
  });

  it("merging every node's neighbourhood into any first view gives the whole graph", async () => {
    const whole = fixtureDoc();
    const api = createMemoryQueries(whole);
    for (const limit of [1, 2, 4]) {
      let doc: GraphDocument = capDocument(whole, limit, { coMentionsIfWhole: true });
      for (const node of whole.graph.nodes) doc = mergePiece(pieceFromNeighborhood(await api.neighborhood(node.key, 1, { includeCoMentions: true })))(doc);
      expect(new Set(keys(doc)), `limit ${limit}`).toEqual(new Set(keys(whole)));
      expect(new Set(edgeKeys(doc)), `limit ${limit}`).toEqual(new Set(edgeKeys(whole)));
      const byKey = new Map(whole.graph.edges.map((e) => [e.key, e]));
      for (const edge of doc.graph.edges) expect(edge).toEqual(byKey.get(edge.key));
      // Nodes brought in are graph.json's, attribute for attribute (mentions, roles, positions).
      const nodeByKey = new Map(whole.graph.nodes.map((n) => [n.key, n]));
      for (const node of doc.graph.nodes) expect(node).toEqual(nodeByKey.get(node.key));
    }
  });

  it("adds a path from the API: its hops as edges, its missing nodes with their attributes", async () => {
    const whole = fixtureDoc();
    const api = createMemoryQueries(whole);
    const loaded = firstView();
    const path = (await api.shortestPath("place:miami", PLAN, { includeCoMentions: true }))!;
    expect(path.nodes.map((n) => n.key)).toEqual(["place:miami", DMI, PLAN]);
    const missing = whole.graph.nodes.filter((n) => path.nodes.some((p) => p.key === n.key) && !keys(loaded).includes(n.key));
    const merged = mergePiece(pieceFromPath(path, missing))(loaded);
    expect(keys(merged)).toEqual([...keys(loaded), PLAN]);
    const hop = merged.graph.edges.find((e) => e.key === `${DMI}|DRAFTED|${PLAN}`)!;
    expect(hop.attributes).toEqual({ type: "DRAFTED", evidence: whole.graph.edges.find((e) => e.key === hop.key)!.attributes.evidence, articleCount: 1 });
  });
});

describe("the view across a merge", () => {
  it("keeps the selection, the filters and the camera; the model gains the node", async () => {
    const api = createMemoryQueries(fixtureDoc());
    const loaded = firstView();
    const before = buildModel(loaded);
    const view = applyAll(initialViewState, focusNode(DMI), toggleNodeType("Place"), setShowCoMentions(true), setCamera({ x: 0.4, y: 0.6, ratio: 0.5, angle: 0 }));
    const merged = mergePiece(pieceFromNeighborhood(await api.neighborhood(WIT, 1)))(loaded);
    const after = buildModel(merged);
    expect(before.data.hasNode(WIT)).toBe(false);
    expect(after.data.hasNode(WIT)).toBe(true);
    expect(after.render.getNodeAttributes(WIT)).toMatchObject({ x: 0, y: 10 });
    // Held nodes keep their place on the canvas.
    before.render.forEachNode((key, a) => expect(after.render.getNodeAttributes(key)).toMatchObject({ x: a.x, y: a.y }));
    const kept = pruneMissing((k) => after.data.hasNode(k), (k) => after.data.hasEdge(k), (id) => after.articles.has(id))(view);
    expect(kept).toBe(view);
    // Choosing the brought-in node selects it and moves the camera there; the filters stay.
    const chosen = focusNode(WIT, "Witkoff")(kept);
    expect(chosen).toMatchObject({ selectedNode: WIT, filters: view.filters, camera: view.camera });
    expect(chosen.cameraFocus?.nodes).toEqual([WIT]);
  });
});

describe("a link into a truncated view", () => {
  it("names the nodes to bring in: selection, the selected edge's ends, neighbourhood, path ends, each once", () => {
    expect(linkedNodes(initialViewState)).toEqual([]);
    expect(linkedNodes(focusNode(WIT)(initialViewState))).toEqual([WIT]);
    expect(linkedNodes(selectEdge(`${DMI}|DRAFTED|${PLAN}`)(initialViewState))).toEqual([DMI, PLAN]);
    const nb = applyAll(initialViewState, focusNode(WIT), setNeighbourhood(DMI, 2), (s) => ({ ...s, neighbourhood: { ...s.neighbourhood!, expanded: [PLAN] } }));
    expect(linkedNodes(nb)).toEqual([WIT, DMI, PLAN]);
    expect(linkedNodes(applyAll(initialViewState, focusNode(WIT), setPathEnd("from", WIT), setPathEnd("to", PLAN)))).toEqual([WIT, PLAN]);
  });
});

describe("questions asked of the whole graph", () => {
  it("carries the view's filters that the API knows, and says when one is left out", () => {
    expect(apiFilterQuery(DEFAULT_FILTERS)).toEqual({ query: "", exact: true });
    const f = { ...DEFAULT_FILTERS, hiddenNodeTypes: ["Place" as const, "Meeting" as const], relationTypes: ["HEADS" as const], minSources: 2, showCoMentions: true };
    expect(apiFilterQuery(f)).toEqual({ query: "types=Person%2COrganization%2CDocument&relations=HEADS&minSources=2&comentions=1", exact: true });
    expect(apiFilterQuery({ ...DEFAULT_FILTERS, dateFrom: "2025-01-01" }).exact).toBe(false);
    expect(apiFilterQuery({ ...DEFAULT_FILTERS, disputedOnly: true }).exact).toBe(false);
    // Source filters would cut the passages of what is merged: not sent, and the answer is then not exact.
    expect(apiFilterQuery({ ...DEFAULT_FILTERS, articles: ["a1"] })).toEqual({ query: "", exact: false });
    expect(apiFilterQuery({ ...DEFAULT_FILTERS, publishers: ["Wire"], minSources: 3 })).toEqual({ query: "minSources=3", exact: false });
  });

  it("builds the URLs of the API routes, keys percent-encoded", () => {
    expect(searchUrl(" Witkoff ", 8)).toBe("/api/search?q=Witkoff&limit=8");
    expect(neighbourhoodUrl(WIT, 2, "comentions=1")).toBe("/api/neighborhood?key=person%3Asteve-witkoff&hops=2&limit=500&comentions=1");
    expect(nodeUrl(WIT)).toBe("/api/neighborhood?key=person%3Asteve-witkoff&hops=1&limit=1");
    expect(nodeDetailUrl(WIT)).toBe("/api/nodes/person%3Asteve-witkoff");
    expect(pathUrl(DMI, PLAN)).toBe("/api/path?from=person%3Akirill-dmitriev&to=doc%3Athe-plan");
  });

  it("notes when a path or a neighbourhood may be incomplete, and not once the whole graph answered", () => {
    const truncated = coverageOfAnswer(capDocument(fixtureDoc(), 3, { coMentionsIfWhole: true }), 3);
    expect(completenessNote("path", { ...WHOLE_COVERAGE }, null, "q")).toBeNull();
    expect(completenessNote("path", truncated, null, "q")).toBe("The view holds part of the graph: a shorter path may exist.");
    expect(completenessNote("path", truncated, { id: "q", state: "checking" }, "q")).toBe("Asking the whole graph…");
    expect(completenessNote("path", truncated, { id: "q", state: "done", exact: true, cut: false }, "q")).toBeNull();
    // An answer to an older question says nothing about this one.
    expect(completenessNote("path", truncated, { id: "old", state: "done", exact: true, cut: false }, "q")).toBe(
      "The view holds part of the graph: a shorter path may exist.",
    );
    expect(completenessNote("neighbourhood", truncated, { id: "q", state: "done", exact: true, cut: true }, "q")).toBe(
      "The server cut this neighbourhood at 500 entities: more exist.",
    );
    expect(completenessNote("neighbourhood", truncated, { id: "q", state: "done", exact: false, cut: false }, "q")).toContain("neighbours may be missing");
    expect(completenessNote("path", truncated, { id: "q", state: "error", message: "503" }, "q")).toContain("(503)");
  });
});
