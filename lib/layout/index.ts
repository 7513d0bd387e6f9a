// Build-time layout: ForceAtlas2 from seeded initial positions, so the same graph always gets
// the same picture and the explorer's first paint needs no layout.
import forceAtlas2 from "graphology-layout-forceatlas2";
import FA2_DEFAULTS from "graphology-layout-forceatlas2/defaults.js";
import * as fa2Helpers from "graphology-layout-forceatlas2/helpers.js";
import fa2Iterate from "graphology-layout-forceatlas2/iterate.js";
import type { GraphDocument, SerializedNode } from "../contract";

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

/** Numbers per node and per edge in ForceAtlas2's matrices (graphology-layout-forceatlas2/helpers.js PPN, PPE). */
const NODE_FIELDS = 10;
const EDGE_FIELDS = 3;

/**
 * A layout ready to run: ForceAtlas2's matrices and settings, and what places the rest. The run
 * (runLayout) reads and writes only `nodes`, `edges` and `settings`, plain numbers and typed
 * arrays, so it can run on another thread (lib/build/layout.ts) while this one writes.
 */
export interface LayoutPlan {
  seed: number;
  /** Laid-out node keys → their row in `nodes`. */
  index: Map<string, number>;
  /** Meetings placed after the run, next to the entities they are tied to. */
  anchors: Map<string, string[]>;
  /** Seeded start positions, x and y per laid-out node (the positions when there is no run). */
  start: number[];
  /** ForceAtlas2's node matrix (NODE_FIELDS per node), or null when there is nothing to run (one node or none). */
  nodes: Float32Array | null;
  edges: Float32Array;
  settings: Record<string, unknown>;
  iterations: number;
}

/** Returns a copy of the document whose nodes carry x/y from a seeded ForceAtlas2 run. */
export function layoutDocument(doc: GraphDocument, options: LayoutOptions = {}): GraphDocument {
  const plan = planLayout(doc, options);
  if (plan.nodes) runLayout(plan.settings, plan.iterations, plan.nodes, plan.edges);
  return applyLayout(doc, plan, plan.nodes);
}

/** The seeded start and ForceAtlas2's matrices for `doc` (see LayoutPlan). */
export function planLayout(doc: GraphDocument, options: LayoutOptions = {}): LayoutPlan {
  const seed = options.seed ?? 42;
  if (options.iterations !== undefined && !(Number.isInteger(options.iterations) && options.iterations > 0)) {
    throw new RangeError(`newsgraph/layout: iterations must be a positive integer, got ${options.iterations}`);
  }
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
  // The layout graph as ForceAtlas2's own matrices (graphology-layout-forceatlas2/helpers.js,
  // graphToByteArrays), built straight from the document: the same numbers in the same order as
  // building a graphology graph and handing it to forceAtlas2.assign (tests/build/layout.test.ts
  // compares the two), without the graph's objects (83 MB for the 298,548 pairs of 10,000 articles).
  const index = new Map<string, number>();
  const start: number[] = [];
  for (const node of doc.graph.nodes) {
    // Every node draws its two numbers, placed or not: the positions do not depend on which nodes are satellites.
    const x = (random() - 0.5) * 100;
    const y = (random() - 0.5) * 100;
    if (!anchors.has(node.key)) {
      index.set(node.key, index.size);
      start.push(x, y);
    }
  }
  const n = index.size;
  // Parallel edges (a relation and its evidence in several types) pull once, with their weights summed.
  // One undirected edge per pair, where the pair first appears, weights summed in document order.
  const pairAt = new Map<number, number>();
  const ends: number[] = [];
  const weights: number[] = [];
  for (const edge of doc.graph.edges) {
    if (edge.source === edge.target) continue;
    const s = index.get(edge.source);
    const t = index.get(edge.target);
    if (s === undefined || t === undefined) continue;
    const weight = edge.attributes.type === "CO_MENTIONED" ? 0.2 : 1;
    const pair = Math.min(s, t) * n + Math.max(s, t);
    const at = pairAt.get(pair);
    if (at === undefined) {
      pairAt.set(pair, weights.length);
      ends.push(s, t);
      weights.push(weight);
    } else weights[at]! += weight;
  }
  pairAt.clear();
  const iterations = options.iterations ?? Math.max(60, Math.min(600, Math.round(60_000 / Math.max(n, 1))));
  const settings = fa2Helpers.assign({}, FA2_DEFAULTS, { ...forceAtlas2.inferSettings(Math.max(n, 1)), barnesHutOptimize: n > 500, gravity: 1, scalingRatio: 10, adjustSizes: false });
  const invalid = fa2Helpers.validateSettings(settings);
  if (invalid) throw new Error(`newsgraph/layout: ${invalid.message}`);
  const edges = new Float32Array(weights.length * EDGE_FIELDS);
  if (n <= 1) return { seed, index, anchors, start, nodes: null, edges, settings, iterations };
  const nodes = new Float32Array(n * NODE_FIELDS);
  for (let i = 0; i < n; i++) {
    const j = i * NODE_FIELDS;
    nodes[j] = start[2 * i]!;
    nodes[j + 1] = start[2 * i + 1]!;
    nodes[j + 6] = 1; // mass: 1 + weighted degree
    nodes[j + 7] = 1; // convergence
    nodes[j + 8] = 1; // size
  }
  for (let e = 0; e < weights.length; e++) {
    const sj = ends[2 * e]! * NODE_FIELDS;
    const tj = ends[2 * e + 1]! * NODE_FIELDS;
    nodes[sj + 6]! += weights[e]!;
    nodes[tj + 6]! += weights[e]!;
    edges[e * EDGE_FIELDS] = sj;
    edges[e * EDGE_FIELDS + 1] = tj;
    edges[e * EDGE_FIELDS + 2] = weights[e]!;
  }
  return { seed, index, anchors, start, nodes, edges, settings, iterations };
}

/** ForceAtlas2's iterations on its matrices, in place (`nodes` holds the positions after). */
export function runLayout(settings: Record<string, unknown>, iterations: number, nodes: Float32Array, edges: Float32Array): void {
  for (let i = 0; i < iterations; i++) fa2Iterate(settings, nodes, edges);
}

/**
 * The document with x/y on every node: the laid-out nodes where `nodes` (the matrix after
 * runLayout; null: no run) puts them, the meetings placed next to their entities.
 */
export function applyLayout(doc: GraphDocument, plan: LayoutPlan, nodes: Float32Array | null): GraphDocument {
  const { index, start, anchors } = plan;
  if (nodes && nodes.length !== index.size * NODE_FIELDS) {
    throw new RangeError(`newsgraph/layout: the node matrix holds ${nodes.length} numbers, ${index.size * NODE_FIELDS} expected`);
  }
  const position = new Map<string, { x: number; y: number }>();
  if (nodes) for (const [key, i] of index) position.set(key, { x: nodes[i * NODE_FIELDS]!, y: nodes[i * NODE_FIELDS + 1]! });
  else for (const [key, i] of index) position.set(key, { x: start[2 * i]!, y: start[2 * i + 1]! });
  if (anchors.size) placeSatellites(anchors, position, index.size, seededRandom(plan.seed ^ 0x5eed));
  const round = (v: unknown) => Math.round((typeof v === "number" && Number.isFinite(v) ? v : 0) * 100) / 100;
  return {
    ...doc,
    graph: {
      ...doc.graph,
      nodes: doc.graph.nodes.map((node) => {
        const p = position.get(node.key);
        // Object.assign, not a spread: V8 gives every object a spread copies from a map of its own
        // (50,000 maps and their descriptors, 17 MB at 10,000 articles, and slower to serialize).
        return { key: node.key, attributes: Object.assign({}, node.attributes, { x: round(p?.x), y: round(p?.y) }) };
      }),
    },
  };
}

/** The box around the positions; null when there are none. */
function boundsOf(positions: Iterable<{ x: number; y: number }>): { minX: number; maxX: number; minY: number; maxY: number } | null {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const p of positions) {
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  }
  return minX <= maxX ? { minX, maxX, minY, maxY } : null;
}

/** Each satellite at the mean position of its anchors, offset by up to a typical node spacing (seeded). */
function placeSatellites(anchors: Map<string, string[]>, position: Map<string, { x: number; y: number }>, coreOrder: number, random: () => number): void {
  const box = boundsOf(position.values());
  const extent = box ? Math.max(box.maxX - box.minX, box.maxY - box.minY, 1) : 100;
  const spacing = extent / Math.sqrt(Math.max(coreOrder, 1));
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

/** A seeded stream made from a node's key (FNV-1a): a new node's place depends on its key, not on the order it came in. */
function keyRandom(seed: number, key: string): () => number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return seededRandom(h);
}

/** What KeptLayout.update did. */
export interface KeptLayoutUpdate {
  document: GraphDocument;
  /** Nodes that kept the position they had. */
  kept: number;
  /** New nodes placed next to neighbours that had a position. */
  placedByNeighbours: number;
  /** New nodes with no such neighbour, placed at a seeded spot within the picture. */
  placedAlone: number;
}

/**
 * A layout kept from one document to the next, for a build that stays running (`npm run graph --
 * --watch`). Every node that was drawn keeps its place, so the picture an analyst has learnt does
 * not jump when one article comes in; a new node goes to the mean position of its neighbours that
 * have one (as the full layout places meetings among their participants), offset by up to a typical
 * node spacing, and a node with no placed neighbour to a seeded spot within the picture. Offsets
 * are drawn from the node's key, so the result depends on the documents and not on timing. A clean
 * build's seeded ForceAtlas2 run gives another picture: the positions are the one part of a
 * resident build's graph.json that may differ from a clean build's.
 *
 * A node whose document node and position are both unchanged is the very object written last time,
 * so a writer that reuses unchanged items (lib/jsonfile, writeJsonAtomicReusing) copies it.
 */
export class KeptLayout {
  /** By key: the document's node the laid-out node was made from, and the laid-out node. */
  private laid = new Map<string, { from: SerializedNode; node: SerializedNode }>();

  constructor(private readonly seed = 42) {}

  /** Takes the positions of `laidOut` (`doc` laid out by layoutDocument or a previous update) as the ones to keep. */
  keep(doc: GraphDocument, laidOut: GraphDocument): void {
    if (doc.graph.nodes.length !== laidOut.graph.nodes.length) {
      throw new RangeError(`newsgraph/layout: the laid-out document has ${laidOut.graph.nodes.length} nodes, its source ${doc.graph.nodes.length}`);
    }
    const laid = new Map<string, { from: SerializedNode; node: SerializedNode }>();
    doc.graph.nodes.forEach((from, i) => {
      const node = laidOut.graph.nodes[i]!;
      if (node.key !== from.key) throw new RangeError(`newsgraph/layout: node ${i} is "${node.key}" in the laid-out document and "${from.key}" in its source`);
      laid.set(from.key, { from, node });
    });
    this.laid = laid;
  }

  /** `doc` with every node that had a position where it was, the new ones placed (see the class). */
  update(doc: GraphDocument): KeptLayoutUpdate {
    const position = new Map<string, { x: number; y: number }>();
    for (const node of doc.graph.nodes) {
      const had = this.laid.get(node.key);
      if (had) position.set(node.key, { x: had.node.attributes.x as number, y: had.node.attributes.y as number });
    }
    const kept = position.size;
    // With nothing drawn yet, the square the seeded start positions fill.
    const { minX, maxX, minY, maxY } = boundsOf(position.values()) ?? { minX: -50, maxX: 50, minY: -50, maxY: 50 };
    const spacing = Math.max(maxX - minX, maxY - minY, 1) / Math.sqrt(Math.max(position.size, 1));
    // The neighbours of each new node (edges either way, self-loops aside).
    const neighbours = new Map<string, string[]>();
    for (const node of doc.graph.nodes) if (!position.has(node.key)) neighbours.set(node.key, []);
    if (neighbours.size) {
      for (const edge of doc.graph.edges) {
        if (edge.source === edge.target) continue;
        neighbours.get(edge.source)?.push(edge.target);
        neighbours.get(edge.target)?.push(edge.source);
      }
    }
    // Rounds: a new node tied only to other new nodes is placed once one of them is; nodes placed
    // in one round are seen from the next, so the result does not depend on the nodes' order.
    let placedByNeighbours = 0;
    let waiting = [...neighbours.keys()].sort();
    while (waiting.length) {
      const placed: Array<[string, { x: number; y: number }]> = [];
      const still: string[] = [];
      for (const key of waiting) {
        let x = 0;
        let y = 0;
        let count = 0;
        for (const other of neighbours.get(key)!) {
          const p = position.get(other);
          if (!p) continue;
          x += p.x;
          y += p.y;
          count++;
        }
        if (!count) {
          still.push(key);
          continue;
        }
        const random = keyRandom(this.seed, key);
        const angle = random() * 2 * Math.PI;
        const radius = spacing * (0.3 + 0.7 * Math.sqrt(random()));
        placed.push([key, { x: x / count + radius * Math.cos(angle), y: y / count + radius * Math.sin(angle) }]);
      }
      if (!placed.length) break;
      for (const [key, p] of placed) position.set(key, p);
      placedByNeighbours += placed.length;
      waiting = still;
    }
    for (const key of waiting) {
      const random = keyRandom(this.seed, key);
      position.set(key, { x: minX + random() * (maxX - minX), y: minY + random() * (maxY - minY) });
    }
    const round = (v: number) => Math.round(v * 100) / 100;
    const laid = new Map<string, { from: SerializedNode; node: SerializedNode }>();
    const nodes = doc.graph.nodes.map((from) => {
      const p = position.get(from.key)!;
      const x = round(p.x);
      const y = round(p.y);
      const had = this.laid.get(from.key);
      const node =
        had && had.from === from && had.node.attributes.x === x && had.node.attributes.y === y
          ? had.node
          : // Object.assign, as applyLayout does (one hidden class for all nodes).
            { key: from.key, attributes: Object.assign({}, from.attributes, { x, y }) };
      laid.set(from.key, { from, node });
      return node;
    });
    this.laid = laid;
    return { document: { ...doc, graph: { ...doc.graph, nodes } }, kept, placedByNeighbours, placedAlone: waiting.length };
  }
}
