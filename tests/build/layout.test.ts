// lib/layout: above PLACE_MEETINGS_ABOVE nodes, ForceAtlas2 runs on the entities and each meeting
// is placed among its participants. A seeded synthetic graph of people, places and meetings.
import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";
import { describe, expect, it } from "vitest";
import type { GraphDocument, SerializedEdge, SerializedNode } from "@/lib/contract";
import { extractCorpus } from "@/lib/extract";
import { readCorpus } from "@/lib/corpus";
import { applyLayout, KeptLayout, layoutDocument, planLayout, PLACE_MEETINGS_ABOVE, runLayout, seededRandom } from "@/lib/layout";
import { layoutOnWorker, runLayoutOnWorker } from "@/lib/build/layout";

/**
 * The layout as it was written on a graphology graph (forceAtlas2.assign), before lib/layout built
 * ForceAtlas2's matrices itself: the positions of the nodes it lays out (satellites aside), for
 * comparing the two number for number.
 */
function referencePositions(doc: GraphDocument, seed: number): Map<string, { x: number; y: number }> {
  const random = seededRandom(seed);
  const typeOf = new Map(doc.graph.nodes.map((n) => [n.key, String(n.attributes.type)]));
  const satellites = new Set<string>();
  if (doc.graph.nodes.length > PLACE_MEETINGS_ABOVE) {
    for (const e of doc.graph.edges) {
      if (e.source === e.target) continue;
      const sm = typeOf.get(e.source) === "Meeting";
      if (sm !== (typeOf.get(e.target) === "Meeting")) satellites.add(sm ? e.source : e.target);
    }
  }
  const graph = new Graph({ type: "undirected", multi: false, allowSelfLoops: false });
  for (const node of doc.graph.nodes) {
    const x = (random() - 0.5) * 100;
    const y = (random() - 0.5) * 100;
    if (!satellites.has(node.key)) graph.addNode(node.key, { x, y });
  }
  for (const edge of doc.graph.edges) {
    if (edge.source === edge.target || !graph.hasNode(edge.source) || !graph.hasNode(edge.target)) continue;
    const weight = edge.attributes.type === "CO_MENTIONED" ? 0.2 : 1;
    const existing = graph.edge(edge.source, edge.target);
    if (existing === undefined) graph.addEdge(edge.source, edge.target, { weight });
    else graph.setEdgeAttribute(existing, "weight", (graph.getEdgeAttribute(existing, "weight") as number) + weight);
  }
  const n = graph.order;
  if (n > 1) {
    const iterations = Math.max(60, Math.min(600, Math.round(60_000 / n)));
    forceAtlas2.assign(graph, { iterations, getEdgeWeight: "weight", settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: n > 500, gravity: 1, scalingRatio: 10, adjustSizes: false } });
  }
  const round = (v: number) => Math.round(v * 100) / 100;
  const out = new Map<string, { x: number; y: number }>();
  graph.forEachNode((key, a) => out.set(key, { x: round(a.x as number), y: round(a.y as number) }));
  return out;
}

function expectSamePositions(doc: GraphDocument, seed: number): number {
  const laidOut = new Map(layoutDocument(doc, { seed }).graph.nodes.map((n) => [n.key, { x: n.attributes.x, y: n.attributes.y }]));
  const reference = referencePositions(doc, seed);
  for (const [key, p] of reference) expect(laidOut.get(key), key).toEqual(p);
  return reference.size;
}

function synthetic(people: number, meetings: number, seed: number): GraphDocument {
  const random = seededRandom(seed);
  const nodes: SerializedNode[] = [];
  const edges: SerializedEdge[] = [];
  for (let i = 0; i < people; i++) nodes.push({ key: `person:p${i}`, attributes: { type: "Person", label: `P${i}`, aliases: [], mentions: [] } } as unknown as SerializedNode);
  const edge = (source: string, type: string, target: string) =>
    edges.push({ key: `${source}|${type}|${target}`, source, target, attributes: { type, evidence: [] } } as unknown as SerializedEdge);
  for (let i = 0; i < people; i++) edge(`person:p${i}`, "CO_MENTIONED", `person:p${(i * 7 + 3) % people}`);
  for (let m = 0; m < meetings; m++) {
    const key = `meeting:m${m}`;
    nodes.push({ key, attributes: { type: "Meeting", label: `M${m}`, aliases: [], mentions: [] } } as unknown as SerializedNode);
    const a = Math.floor(random() * people);
    const b = (a + 1 + Math.floor(random() * (people - 1))) % people;
    edge(`person:p${a}`, "ATTENDED", key);
    edge(`person:p${b}`, "ATTENDED", key);
  }
  return { version: 1, articles: [], graph: { options: { type: "directed", multi: true, allowSelfLoops: false }, attributes: {}, nodes, edges }, conflicts: [] } as unknown as GraphDocument;
}

describe("layout", () => {
  it("should lay out exactly as ForceAtlas2 does on a graphology graph, parallel edges and self-loops included", () => {
    // Parallel edges of both weights between some pairs, and self-loops, in a small graph and a large one.
    for (const [people, meetings] of [[60, 0], [200, 400]] as const) {
      const doc = synthetic(people, meetings, 11);
      const extra = doc.graph.edges.slice(0, 40).flatMap((e, i) => [
        { ...e, key: `${e.key}|again`, source: e.target, target: e.source, attributes: { ...e.attributes, type: i % 2 ? "CO_MENTIONED" : "MET_WITH" } },
        { ...e, key: `${e.key}|self`, target: e.source },
      ]);
      const withExtra = { ...doc, graph: { ...doc.graph, edges: [...doc.graph.edges, ...extra] } } as GraphDocument;
      expect(expectSamePositions(withExtra, 42)).toBe(people);
    }
  });

  it("should lay out the seed articles' graph exactly as ForceAtlas2 does on a graphology graph", () => {
    // graph-data/articles: copies of the five seed articles (../shared/seeds).
    const doc = extractCorpus(readCorpus("graph-data/articles").articles).document;
    expect(expectSamePositions(doc, 42)).toBe(doc.graph.nodes.length);
  });

  it("should refuse a number of iterations that is not a positive integer, naming it", () => {
    const doc = synthetic(10, 0, 3);
    for (const bad of [0, -3, 2.5, Number.NaN]) expect(() => layoutDocument(doc, { iterations: bad })).toThrow(`newsgraph/layout: iterations must be a positive integer, got ${bad}`);
    expect(layoutDocument(doc, { iterations: 3 }).graph.nodes).toHaveLength(10);
  });

  it("should keep the drawn positions of a one-node graph", () => {
    const doc = synthetic(1, 0, 3);
    const [node] = layoutDocument(doc, { seed: 5 }).graph.nodes;
    const random = seededRandom(5);
    const round = (v: number) => Math.round(v * 100) / 100;
    expect({ x: node!.attributes.x, y: node!.attributes.y }).toEqual({ x: round((random() - 0.5) * 100), y: round((random() - 0.5) * 100) });
  });

  it("should place each meeting of a large graph among its participants, the same way every run", () => {
    const doc = synthetic(200, 400, 7);
    expect(doc.graph.nodes.length).toBeGreaterThan(PLACE_MEETINGS_ABOVE);
    const first = layoutDocument(doc, { seed: 42 });
    expect(layoutDocument(doc, { seed: 42 })).toEqual(first);
    const at = new Map(first.graph.nodes.map((n) => [n.key, { x: Number(n.attributes.x), y: Number(n.attributes.y) }]));
    for (const p of at.values()) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
    const people = [...at].filter(([k]) => k.startsWith("person:")).map(([, p]) => p);
    const extent = Math.max(Math.max(...people.map((p) => p.x)) - Math.min(...people.map((p) => p.x)), Math.max(...people.map((p) => p.y)) - Math.min(...people.map((p) => p.y)));
    const spacing = extent / Math.sqrt(people.length);
    const attendees = new Map<string, string[]>();
    for (const e of doc.graph.edges) if (e.attributes.type === "ATTENDED") attendees.set(e.target, [...(attendees.get(e.target) ?? []), e.source]);
    for (const [meeting, who] of attendees) {
      const cx = who.reduce((s, k) => s + at.get(k)!.x, 0) / who.length;
      const cy = who.reduce((s, k) => s + at.get(k)!.y, 0) / who.length;
      const m = at.get(meeting)!;
      expect(Math.hypot(m.x - cx, m.y - cy), meeting).toBeLessThanOrEqual(spacing + 0.02);
    }
    // Two meetings of the same pair do not sit on one spot.
    const spots = new Set(first.graph.nodes.filter((n) => n.key.startsWith("meeting:")).map((n) => `${n.attributes.x},${n.attributes.y}`));
    expect(spots.size).toBe(400);
  });

  it("should lay out on a worker thread exactly as on this one, number for number", async () => {
    // 200 people and 400 meetings: Barnes-Hut on, meetings placed after the run.
    for (const doc of [synthetic(200, 400, 5), synthetic(40, 0, 6)]) {
      const here = planLayout(doc, { seed: 42 });
      runLayout(here.settings, here.iterations, here.nodes!, here.edges);
      const there = planLayout(doc, { seed: 42 });
      const run = await runLayoutOnWorker(there);
      // The matrices moved to the worker: this thread can no longer read them.
      expect(there.nodes).toBeNull();
      expect(run.nodes).toEqual(here.nodes);
      expect(applyLayout(doc, there, run.nodes)).toEqual(layoutDocument(doc, { seed: 42 }));
    }
    // Nothing to run: one node keeps its drawn position, without a worker.
    const single = synthetic(1, 0, 3);
    const plan = planLayout(single, { seed: 5 });
    expect(await runLayoutOnWorker(plan)).toEqual({ nodes: null, ms: 0 });
    expect(applyLayout(single, plan, null)).toEqual(layoutDocument(single, { seed: 5 }));
  });

  it("should move the layout to a worker only with two threads and a large graph, and name a bad threshold", () => {
    expect(layoutOnWorker(1, 1_000_000)).toBe(false);
    expect(layoutOnWorker(2, 100)).toBe(false);
    expect(layoutOnWorker(2, 50_000)).toBe(true);
    const saved = process.env.NEWSGRAPH_LAYOUT_WORKER_MIN_NODES;
    try {
      process.env.NEWSGRAPH_LAYOUT_WORKER_MIN_NODES = "0";
      expect(layoutOnWorker(2, 1)).toBe(true);
      process.env.NEWSGRAPH_LAYOUT_WORKER_MIN_NODES = "many";
      expect(() => layoutOnWorker(2, 1)).toThrow('newsgraph/build: NEWSGRAPH_LAYOUT_WORKER_MIN_NODES must be a whole number of nodes, got "many"');
    } finally {
      if (saved === undefined) delete process.env.NEWSGRAPH_LAYOUT_WORKER_MIN_NODES;
      else process.env.NEWSGRAPH_LAYOUT_WORKER_MIN_NODES = saved;
    }
  });

  it("should refuse a node matrix that does not fit the plan, naming the sizes", () => {
    const doc = synthetic(10, 0, 3);
    const plan = planLayout(doc, { seed: 1 });
    expect(() => applyLayout(doc, plan, new Float32Array(7))).toThrow("newsgraph/layout: the node matrix holds 7 numbers, 100 expected");
  });
});

describe("layout: KeptLayout", () => {
  const positions = (doc: GraphDocument) => new Map(doc.graph.nodes.map((n) => [n.key, { x: n.attributes.x as number, y: n.attributes.y as number }]));

  it("should keep every node where it was and place a new node next to its neighbours", () => {
    const before = synthetic(80, 40, 5);
    const laidOut = layoutDocument(before, { seed: 42 });
    const kept = new KeptLayout(42);
    kept.keep(before, laidOut);
    // One new person tied to p1 and p2, one new meeting tied to the new person and p3, and a new pair tied only to each other.
    const nodes = [...before.graph.nodes];
    const edges = [...before.graph.edges];
    const node = (key: string, type: string) => nodes.push({ key, attributes: { type, label: key, aliases: [], mentions: [] } } as unknown as SerializedNode);
    const edge = (source: string, type: string, target: string) => edges.push({ key: `${source}|${type}|${target}`, source, target, attributes: { type, evidence: [] } } as unknown as SerializedEdge);
    node("person:new", "Person");
    node("meeting:new", "Meeting");
    node("person:lone-a", "Person");
    node("person:lone-b", "Person");
    edge("person:new", "MET_WITH", "person:p1");
    edge("person:p2", "CO_MENTIONED", "person:new");
    edge("person:new", "ATTENDED", "meeting:new");
    edge("person:p3", "ATTENDED", "meeting:new");
    edge("person:lone-a", "MET_WITH", "person:lone-b");
    const after = { ...before, graph: { ...before.graph, nodes, edges } } as GraphDocument;
    const update = kept.update(after);
    expect({ kept: update.kept, placedByNeighbours: update.placedByNeighbours, placedAlone: update.placedAlone }).toEqual({ kept: 120, placedByNeighbours: 2, placedAlone: 2 });
    const was = positions(laidOut);
    const now = positions(update.document);
    for (const [key, p] of was) expect(now.get(key), key).toEqual(p);
    // The unchanged nodes are the very objects laid out before (a writer that reuses items copies them).
    const byKey = new Map(laidOut.graph.nodes.map((n) => [n.key, n]));
    for (const n of update.document.graph.nodes) if (byKey.has(n.key)) expect(n).toBe(byKey.get(n.key));
    // The new person sits near the middle of p1 and p2, within a few node spacings.
    const xs = [...was.values()].map((p) => p.x);
    const spacing = (Math.max(...xs) - Math.min(...xs)) / Math.sqrt(was.size);
    const p1 = was.get("person:p1")!;
    const p2 = was.get("person:p2")!;
    const fresh = now.get("person:new")!;
    expect(Math.hypot(fresh.x - (p1.x + p2.x) / 2, fresh.y - (p1.y + p2.y) / 2)).toBeLessThanOrEqual(spacing * 1.5);
    // The meeting is placed in the round after its new participant, near it and p3.
    const p3 = was.get("person:p3")!;
    const meeting = now.get("meeting:new")!;
    expect(Math.hypot(meeting.x - (fresh.x + p3.x) / 2, meeting.y - (fresh.y + p3.y) / 2)).toBeLessThanOrEqual(spacing * 1.5);
    // Lone nodes land within the picture's bounds.
    for (const key of ["person:lone-a", "person:lone-b"]) {
      const p = now.get(key)!;
      expect(p.x).toBeGreaterThanOrEqual(Math.min(...xs));
      expect(p.x).toBeLessThanOrEqual(Math.max(...xs));
    }
  });

  it("should place new nodes by their keys, whatever order the document lists them in", () => {
    const base = synthetic(60, 0, 9);
    const kept = new KeptLayout(7);
    kept.keep(base, layoutDocument(base, { seed: 7 }));
    const extra = synthetic(90, 0, 9);
    const reversed = { ...extra, graph: { ...extra.graph, nodes: [...extra.graph.nodes].reverse() } } as GraphDocument;
    const again = new KeptLayout(7);
    again.keep(base, layoutDocument(base, { seed: 7 }));
    expect(positions(again.update(reversed).document)).toEqual(positions(kept.update(extra).document));
  });

  it("should give a changed node a new object and keep its place, and forget nodes that went", () => {
    const before = synthetic(30, 0, 4);
    const laidOut = layoutDocument(before, { seed: 42 });
    const kept = new KeptLayout();
    kept.keep(before, laidOut);
    const changedNode = { ...before.graph.nodes[3]!, attributes: { ...before.graph.nodes[3]!.attributes, label: "Renamed" } };
    const nodes = before.graph.nodes.filter((_, i) => i !== 5).map((n, i) => (i === 3 ? changedNode : n));
    const gone = before.graph.nodes[5]!.key;
    const after = { ...before, graph: { ...before.graph, nodes, edges: before.graph.edges.filter((e) => e.source !== gone && e.target !== gone) } } as GraphDocument;
    const update = kept.update(after);
    const out = update.document.graph.nodes[3]!;
    expect(out).not.toBe(laidOut.graph.nodes[3]);
    expect(out.attributes.label).toBe("Renamed");
    expect({ x: out.attributes.x, y: out.attributes.y }).toEqual({ x: laidOut.graph.nodes[3]!.attributes.x, y: laidOut.graph.nodes[3]!.attributes.y });
    // The node that went and comes back is placed anew (from its neighbours), not where it was.
    const back = kept.update(before);
    expect(back.kept).toBe(29);
    expect(back.placedByNeighbours + back.placedAlone).toBe(1);
  });

  it("should refuse a laid-out document that does not match its source, naming the node", () => {
    const doc = synthetic(5, 0, 1);
    const laidOut = layoutDocument(doc);
    const kept = new KeptLayout();
    expect(() => kept.keep(doc, { ...laidOut, graph: { ...laidOut.graph, nodes: laidOut.graph.nodes.slice(1) } })).toThrow("newsgraph/layout: the laid-out document has 4 nodes, its source 5");
    const swapped = [laidOut.graph.nodes[1]!, laidOut.graph.nodes[0]!, ...laidOut.graph.nodes.slice(2)];
    expect(() => kept.keep(doc, { ...laidOut, graph: { ...laidOut.graph, nodes: swapped } })).toThrow('newsgraph/layout: node 0 is "person:p1" in the laid-out document and "person:p0" in its source');
  });
});
