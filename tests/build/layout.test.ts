// lib/layout: above PLACE_MEETINGS_ABOVE nodes, ForceAtlas2 runs on the entities and each meeting
// is placed among its participants. A seeded synthetic graph of people, places and meetings.
import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";
import { describe, expect, it } from "vitest";
import type { GraphDocument, SerializedEdge, SerializedNode } from "@/lib/contract";
import { extractCorpus } from "@/lib/extract";
import { readCorpus } from "@/lib/corpus";
import { applyLayout, layoutDocument, planLayout, PLACE_MEETINGS_ABOVE, runLayout, seededRandom } from "@/lib/layout";
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
