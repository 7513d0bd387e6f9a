// Build-time layout: ForceAtlas2 from seeded initial positions, so the same graph always gets
// the same picture and the explorer's first paint needs no layout.
import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";
import type { GraphDocument } from "../contract";

export interface LayoutOptions {
  seed?: number;
  iterations?: number;
}

/** mulberry32: a small, fast, seedable PRNG (deterministic positions across runs). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Returns a copy of the document whose nodes carry x/y from a seeded ForceAtlas2 run. */
export function layoutDocument(doc: GraphDocument, options: LayoutOptions = {}): GraphDocument {
  const seed = options.seed ?? 42;
  const random = seededRandom(seed);
  const graph = new Graph({ type: "undirected", multi: false, allowSelfLoops: false });
  for (const node of doc.graph.nodes) {
    graph.addNode(node.key, { x: (random() - 0.5) * 100, y: (random() - 0.5) * 100 });
  }
  for (const edge of doc.graph.edges) {
    if (edge.source === edge.target) continue;
    const weight = edge.attributes.type === "CO_MENTIONED" ? 0.2 : 1;
    if (graph.hasEdge(edge.source, edge.target)) {
      graph.updateEdgeAttribute(edge.source, edge.target, "weight", (w) => (typeof w === "number" ? w : 0) + weight);
    } else {
      graph.addEdge(edge.source, edge.target, { weight });
    }
  }
  const n = graph.order;
  if (n > 1) {
    const iterations = options.iterations ?? Math.max(60, Math.min(600, Math.round(150_000 / Math.max(n, 1))));
    const settings = forceAtlas2.inferSettings(graph);
    forceAtlas2.assign(graph, {
      iterations,
      getEdgeWeight: "weight",
      settings: { ...settings, barnesHutOptimize: n > 500, gravity: 1, scalingRatio: 10, adjustSizes: false },
    });
  }
  const round = (v: unknown) => Math.round((typeof v === "number" && Number.isFinite(v) ? v : 0) * 100) / 100;
  return {
    ...doc,
    graph: {
      ...doc.graph,
      nodes: doc.graph.nodes.map((node) => ({
        key: node.key,
        attributes: { ...node.attributes, x: round(graph.getNodeAttribute(node.key, "x")), y: round(graph.getNodeAttribute(node.key, "y")) },
      })),
    },
  };
}
