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

/**
 * Above this many nodes, meetings are placed rather than laid out: ForceAtlas2 runs on the people,
 * organizations, places and documents, and each meeting then sits among its participants (the
 * mean of their positions, with a seeded offset so repeated meetings of one group stay apart).
 * Meetings are most of the nodes of a large news graph and each hangs off a few entities, so this
 * cuts the layout's cost several times over while drawing them where a full run would put them.
 */
export const PLACE_MEETINGS_ABOVE = 500;

/** Returns a copy of the document whose nodes carry x/y from a seeded ForceAtlas2 run. */
export function layoutDocument(doc: GraphDocument, options: LayoutOptions = {}): GraphDocument {
  const seed = options.seed ?? 42;
  const random = seededRandom(seed);
  const placeMeetings = doc.graph.nodes.length > PLACE_MEETINGS_ABOVE;
  const typeOf = new Map<string, string>();
  for (const node of doc.graph.nodes) typeOf.set(node.key, String(node.attributes.type));
  // Satellites: meetings tied to at least one entity (placed after the run, next to those entities).
  const anchors = new Map<string, string[]>();
  if (placeMeetings) {
    for (const edge of doc.graph.edges) {
      if (edge.source === edge.target) continue;
      const sm = typeOf.get(edge.source) === "Meeting";
      const tm = typeOf.get(edge.target) === "Meeting";
      if (sm === tm) continue;
      const [meeting, entity] = sm ? [edge.source, edge.target] : [edge.target, edge.source];
      const list = anchors.get(meeting);
      if (list) list.push(entity);
      else anchors.set(meeting, [entity]);
    }
  }
  const graph = new Graph({ type: "undirected", multi: false, allowSelfLoops: false });
  for (const node of doc.graph.nodes) {
    // Every node draws its two numbers, placed or not: the positions do not depend on which nodes are satellites.
    const x = (random() - 0.5) * 100;
    const y = (random() - 0.5) * 100;
    if (!anchors.has(node.key)) graph.addNode(node.key, { x, y });
  }
  // Parallel edges (a relation and its evidence in several types) pull once, with their weights summed.
  // One undirected edge per pair, added where the pair first appears, weights summed in document
  // order; graphology finds the pair through its own adjacency, so no key is made per edge.
  for (const edge of doc.graph.edges) {
    if (edge.source === edge.target || !graph.hasNode(edge.source) || !graph.hasNode(edge.target)) continue;
    const weight = edge.attributes.type === "CO_MENTIONED" ? 0.2 : 1;
    const existing = graph.edge(edge.source, edge.target);
    if (existing === undefined) graph.addEdge(edge.source, edge.target, { weight });
    else graph.setEdgeAttribute(existing, "weight", (graph.getEdgeAttribute(existing, "weight") as number) + weight);
  }
  const n = graph.order;
  if (n > 1) {
    const iterations = options.iterations ?? Math.max(60, Math.min(600, Math.round(60_000 / Math.max(n, 1))));
    const settings = forceAtlas2.inferSettings(graph);
    forceAtlas2.assign(graph, {
      iterations,
      getEdgeWeight: "weight",
      settings: { ...settings, barnesHutOptimize: n > 500, gravity: 1, scalingRatio: 10, adjustSizes: false },
    });
  }
  const position = new Map<string, { x: number; y: number }>();
  graph.forEachNode((key, attributes) => position.set(key, { x: attributes.x as number, y: attributes.y as number }));
  if (anchors.size) placeSatellites(anchors, position, graph, seededRandom(seed ^ 0x5eed));
  const round = (v: unknown) => Math.round((typeof v === "number" && Number.isFinite(v) ? v : 0) * 100) / 100;
  return {
    ...doc,
    graph: {
      ...doc.graph,
      nodes: doc.graph.nodes.map((node) => {
        const p = position.get(node.key);
        return { key: node.key, attributes: { ...node.attributes, x: round(p?.x), y: round(p?.y) } };
      }),
    },
  };
}

/** Each satellite at the mean position of its anchors, offset by up to a typical node spacing (seeded). */
function placeSatellites(anchors: Map<string, string[]>, position: Map<string, { x: number; y: number }>, core: Graph, random: () => number): void {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const p of position.values()) {
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  }
  const extent = position.size ? Math.max(maxX - minX, maxY - minY, 1) : 100;
  const spacing = extent / Math.sqrt(Math.max(core.order, 1));
  for (const [meeting, entities] of anchors) {
    let x = 0;
    let y = 0;
    for (const e of entities) {
      const p = position.get(e)!;
      x += p.x;
      y += p.y;
    }
    const angle = random() * 2 * Math.PI;
    const radius = spacing * (0.3 + 0.7 * Math.sqrt(random()));
    position.set(meeting, { x: x / entities.length + radius * Math.cos(angle), y: y / entities.length + radius * Math.sin(angle) });
  }
}
