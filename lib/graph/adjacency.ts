// A compact index of a loaded graph for the traversals (shortest path, neighbourhood), built
// once per loaded graph: nodes and edges numbered in key order, and every node's incident
// edges in typed arrays sorted by the neighbour's number, then the edge's.
//
// Why: graphology's forEachEdge allocates and dispatches per call, and the path search called
// it for every node it expanded (65% of a 10k-node search). Numbering in key order also makes
// "in key order" free: a neighbour list is already sorted, and sorting numbers sorts keys.
//
// The index shares the graph's attribute objects (never copies them); like the graph, it must
// not change after it is built.

import { EDGE_TYPES, type EdgeAttributes, type NodeAttributes } from "../contract";
import type { FilterView } from "./filters";
import { compareStrings, distinctArticles } from "./utils";

/** The slice of graphology's API the index reads (so tests can build one from any graph). */
export interface IndexableGraph {
  forEachNode(callback: (key: string, attributes: NodeAttributes) => void): void;
  forEachEdge(callback: (key: string, attributes: EdgeAttributes, source: string, target: string) => void): void;
}

/** An edge type that is not in the contract's list (a document built by hand) gets this code. */
const UNKNOWN_TYPE = EDGE_TYPES.length;
const TYPE_CODE = new Map<string, number>(EDGE_TYPES.map((type, code) => [type, code]));

export interface AdjacencyIndex {
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** Node keys in code-unit order: node i is nodeKeys[i]. */
  readonly nodeKeys: readonly string[];
  readonly nodeAttributes: readonly NodeAttributes[];
  /** Edge keys in code-unit order: edge e is edgeKeys[e]. */
  readonly edgeKeys: readonly string[];
  readonly edgeAttributes: readonly EdgeAttributes[];
  readonly edgeSource: Int32Array;
  readonly edgeTarget: Int32Array;
  /** Position of the edge's type in EDGE_TYPES (EDGE_TYPES.length for an unknown type). */
  readonly edgeType: Uint8Array;
  /** Distinct articles among the edge's evidence (what minSources counts without source filters). */
  readonly edgeArticles: Uint32Array;
  /** Node i's incident edges are entries offsets[i] … offsets[i + 1] - 1 of `neighbors` and `incident`. */
  readonly offsets: Int32Array;
  /** The other end of each incident edge, ascending within a node. */
  readonly neighbors: Int32Array;
  /** The incident edge itself (ascending within one neighbour: parallel edges in key order). */
  readonly incident: Int32Array;
  /** The node's number, or -1 for a key the graph does not have. */
  indexOf(key: string): number;
  /** Reusable per-traversal marks (see Marks). */
  readonly scratch: Scratch;
}

export function buildAdjacency(graph: IndexableGraph): AdjacencyIndex {
  const nodeEntries: Array<[string, NodeAttributes]> = [];
  graph.forEachNode((key, attributes) => nodeEntries.push([key, attributes]));
  nodeEntries.sort((a, b) => compareStrings(a[0], b[0]));
  const nodeKeys = nodeEntries.map(([key]) => key);
  const nodeAttributes = nodeEntries.map(([, attributes]) => attributes);
  const numberOf = new Map<string, number>(nodeKeys.map((key, i) => [key, i]));

  const edgeEntries: Array<{ key: string; attributes: EdgeAttributes; source: number; target: number }> = [];
  graph.forEachEdge((key, attributes, source, target) => {
    edgeEntries.push({ key, attributes, source: numberOf.get(source)!, target: numberOf.get(target)! });
  });
  edgeEntries.sort((a, b) => compareStrings(a.key, b.key));
  const edgeCount = edgeEntries.length;
  const nodeCount = nodeKeys.length;
  const edgeSource = new Int32Array(edgeCount);
  const edgeTarget = new Int32Array(edgeCount);
  const edgeType = new Uint8Array(edgeCount);
  const edgeArticles = new Uint32Array(edgeCount);
  const degree = new Int32Array(nodeCount);
  edgeEntries.forEach((edge, e) => {
    edgeSource[e] = edge.source;
    edgeTarget[e] = edge.target;
    edgeType[e] = TYPE_CODE.get(edge.attributes.type) ?? UNKNOWN_TYPE;
    edgeArticles[e] = distinctArticles(edge.attributes.evidence);
    degree[edge.source]! += 1;
    // A self-loop (refused by graphology here, but the index does not rely on it) is listed once.
    if (edge.target !== edge.source) degree[edge.target]! += 1;
  });

  const offsets = new Int32Array(nodeCount + 1);
  for (let i = 0; i < nodeCount; i++) offsets[i + 1] = offsets[i]! + degree[i]!;
  const neighbors = new Int32Array(offsets[nodeCount]!);
  const incident = new Int32Array(offsets[nodeCount]!);
  const fill = offsets.slice(0, nodeCount);
  for (let e = 0; e < edgeCount; e++) {
    const s = edgeSource[e]!;
    const t = edgeTarget[e]!;
    neighbors[fill[s]!] = t;
    incident[fill[s]!++] = e;
    if (t !== s) {
      neighbors[fill[t]!] = s;
      incident[fill[t]!++] = e;
    }
  }
  // Edges were added in key order, so sorting each list by neighbour (stable on the edge
  // number) leaves parallel edges in key order.
  for (let i = 0; i < nodeCount; i++) sortRun(neighbors, incident, offsets[i]!, offsets[i + 1]!);

  return {
    nodeCount,
    edgeCount,
    nodeKeys,
    nodeAttributes,
    edgeKeys: edgeEntries.map((edge) => edge.key),
    edgeAttributes: edgeEntries.map((edge) => edge.attributes),
    edgeSource,
    edgeTarget,
    edgeType,
    edgeArticles,
    offsets,
    neighbors,
    incident,
    indexOf: (key) => numberOf.get(key) ?? -1,
    scratch: new Scratch(nodeCount, edgeCount),
  };
}

/** Sorts entries [start, end) by (neighbour, edge); lists are short, hubs use the array sort. */
function sortRun(neighbors: Int32Array, incident: Int32Array, start: number, end: number): void {
  const length = end - start;
  if (length < 2) return;
  if (length <= 32) {
    for (let i = start + 1; i < end; i++) {
      const n = neighbors[i]!;
      const e = incident[i]!;
      let j = i - 1;
      while (j >= start && (neighbors[j]! > n || (neighbors[j] === n && incident[j]! > e))) {
        neighbors[j + 1] = neighbors[j]!;
        incident[j + 1] = incident[j]!;
        j--;
      }
      neighbors[j + 1] = n;
      incident[j + 1] = e;
    }
    return;
  }
  const order = Array.from({ length }, (_, k) => start + k).sort(
    (a, b) => neighbors[a]! - neighbors[b]! || incident[a]! - incident[b]!,
  );
  const n = order.map((k) => neighbors[k]!);
  const e = order.map((k) => incident[k]!);
  neighbors.set(n, start);
  incident.set(e, start);
}

/**
 * A number per element, valid for one traversal: reset() forgets every value in O(1) by
 * moving to the next generation, so a traversal pays for what it visits, not for the graph.
 */
export class Marks {
  private readonly stamps: Uint32Array;
  private readonly values: Int32Array;
  private generation = 0;

  constructor(size: number) {
    this.stamps = new Uint32Array(size);
    this.values = new Int32Array(size);
  }

  reset(): void {
    this.generation += 1;
    if (this.generation === 0xffffffff) {
      this.stamps.fill(0);
      this.generation = 1;
    }
  }

  has(i: number): boolean {
    return this.stamps[i] === this.generation;
  }

  /** The value set in this generation, or -1. */
  get(i: number): number {
    return this.stamps[i] === this.generation ? this.values[i]! : -1;
  }

  set(i: number, value: number): void {
    this.stamps[i] = this.generation;
    this.values[i] = value;
  }
}

/**
 * The marks a traversal works with, allocated once per index. Traversals run synchronously
 * from start to end (no await inside), so one set per index is never used by two at once;
 * a TraversalFilter's memo is likewise valid only until the next traversalFilter() call on
 * the same index, so make the filter, traverse and read the results without awaiting between.
 */
export class Scratch {
  readonly forward: Marks;
  readonly backward: Marks;
  readonly good: Marks;
  readonly nodePass: Marks;
  readonly edgePass: Marks;

  constructor(nodes: number, edges: number) {
    this.forward = new Marks(nodes);
    this.backward = new Marks(nodes);
    this.good = new Marks(nodes);
    this.nodePass = new Marks(nodes);
    this.edgePass = new Marks(edges);
  }
}

// ---------------------------------------------------------------------------------------------
// Filters over node and edge numbers

/** What a traversal may walk: the same decisions as FilterView.edgeAttributes / nodePasses. */
export interface TraversalFilter {
  edgePasses(edge: number): boolean;
  nodePasses(node: number): boolean;
}

/**
 * FilterView decisions by number. Without source filters an edge is decided from its type and
 * article count, both precomputed; with them, FilterView decides (once per edge and traversal).
 */
export function traversalFilter(index: AdjacencyIndex, view: FilterView): TraversalFilter {
  const filters = view.filters;
  const typeAllowed = new Uint8Array(EDGE_TYPES.length + 1);
  EDGE_TYPES.forEach((type, code) => {
    typeAllowed[code] =
      type === "CO_MENTIONED" ? (filters.includeCoMentions ? 1 : 0) : !filters.relationTypes || filters.relationTypes.has(type) ? 1 : 0;
  });
  typeAllowed[UNKNOWN_TYPE] = filters.relationTypes ? 0 : 1;
  // An edge without evidence never passes (FilterView drops it), hence at least 1.
  const minArticles = Math.max(1, filters.minSources);
  const { edgeType, edgeArticles, edgeAttributes, nodeAttributes, scratch } = index;

  let edgePasses: (edge: number) => boolean;
  if (!view.sourceFiltered) {
    edgePasses = (e) => typeAllowed[edgeType[e]!] === 1 && edgeArticles[e]! >= minArticles;
  } else {
    const memo = scratch.edgePass;
    memo.reset();
    edgePasses = (e) => {
      if (typeAllowed[edgeType[e]!] === 0) return false;
      let value = memo.get(e);
      if (value < 0) {
        value = view.edgeAttributes(edgeAttributes[e]!) ? 1 : 0;
        memo.set(e, value);
      }
      return value === 1;
    };
  }

  let nodePasses: (node: number) => boolean;
  if (!filters.nodeTypes && !filters.dateFrom && !filters.dateTo) {
    nodePasses = () => true;
  } else {
    const memo = scratch.nodePass;
    memo.reset();
    nodePasses = (i) => {
      let value = memo.get(i);
      if (value < 0) {
        value = view.nodePasses(nodeAttributes[i]!) ? 1 : 0;
        memo.set(i, value);
      }
      return value === 1;
    };
  }
  return { edgePasses, nodePasses };
}

// ---------------------------------------------------------------------------------------------
// Shortest path

/**
 * The nodes of the shortest path from `from` to `to` (both included), walking passing edges in
 * either direction through passing nodes (the two ends always pass), or null when there is none.
 *
 * Among shortest paths it returns the one whose sequence of node keys, read from `from`, is
 * lexicographically smallest — the path a breadth-first search from `from` finds when it
 * expands neighbours in key order and keeps the first parent that reaches a node (the rule
 * documented on PathResult, which lib/neo4j follows too).
 *
 * How: a bidirectional breadth-first search finds the distance D = a + b (a levels grown from
 * `from`, b from `to`, always growing the side whose frontier has fewer incident edges), which
 * explores about two balls of radius D/2 instead of one of radius D. Then the path is walked
 * greedily from `from`, taking at each step the smallest-keyed neighbour that still lies on a
 * shortest path: on the `from` side, a node at distance i + 1 marked as leading to the meeting
 * level; on the `to` side, a node one step closer to `to`. Greedy is exact for a
 * lexicographic order because every choice it can make completes to a shortest path.
 */
export function shortestNodePath(index: AdjacencyIndex, filter: TraversalFilter, from: number, to: number): number[] | null {
  if (from === to) return [from];
  const { offsets, neighbors, incident, scratch } = index;
  const near = scratch.forward; // distance from `from`
  const far = scratch.backward; // distance to `to`
  near.reset();
  far.reset();
  near.set(from, 0);
  far.set(to, 0);
  let nearFrontier = [from];
  let farFrontier = [to];
  let a = 0;
  let b = 0;
  const meeting: number[] = [];
  const cost = (frontier: number[]) => {
    let sum = 0;
    for (const u of frontier) sum += offsets[u + 1]! - offsets[u]!;
    return sum;
  };

  while (meeting.length === 0) {
    const fromSide = cost(nearFrontier) <= cost(farFrontier);
    const frontier = fromSide ? nearFrontier : farFrontier;
    const mine = fromSide ? near : far;
    const other = fromSide ? far : near;
    // Each side may step onto the other side's end: intermediate nodes must pass, the ends need not.
    const end = fromSide ? to : from;
    const depth = (fromSide ? a : b) + 1;
    const next: number[] = [];
    for (const u of frontier) {
      for (let k = offsets[u]!, stop = offsets[u + 1]!; k < stop; k++) {
        const w = neighbors[k]!;
        if (mine.has(w) || !filter.edgePasses(incident[k]!)) continue;
        if (w !== end && !filter.nodePasses(w)) continue;
        mine.set(w, depth);
        next.push(w);
        if (other.has(w)) meeting.push(w);
      }
    }
    if (fromSide) {
      nearFrontier = next;
      a = depth;
    } else {
      farFrontier = next;
      b = depth;
    }
    if (next.length === 0) return null;
  }

  // Before the last level the two explored balls were disjoint, so no path was shorter than
  // a + b; a meeting node proves one of a + b. Every meeting node is thus at distance a from
  // `from` and b from `to`, and every shortest path crosses level a at a meeting node.
  const length = a + b;
  // Mark the `from` side's nodes that lead to the meeting level, level by level backwards.
  const good = scratch.good;
  good.reset();
  let level = meeting;
  for (const m of level) good.set(m, 1);
  for (let d = a; d > 1; d--) {
    const previous: number[] = [];
    for (const x of level) {
      for (let k = offsets[x]!, stop = offsets[x + 1]!; k < stop; k++) {
        const y = neighbors[k]!;
        if (near.get(y) !== d - 1 || good.has(y) || !filter.edgePasses(incident[k]!)) continue;
        good.set(y, 1);
        previous.push(y);
      }
    }
    level = previous;
  }

  const path = [from];
  let current = from;
  for (let position = 1; position <= length; position++) {
    let chosen = -1;
    for (let k = offsets[current]!, stop = offsets[current + 1]!; k < stop && chosen < 0; k++) {
      const w = neighbors[k]!;
      const onPath = position <= a ? near.get(w) === position && good.has(w) : far.get(w) === length - position;
      if (onPath && filter.edgePasses(incident[k]!)) chosen = w;
    }
    if (chosen < 0) {
      // Unreachable by the argument above; fail loudly rather than return a wrong path.
      throw new Error(`newsgraph/graph: shortest path lost its way at ${index.nodeKeys[current]} (step ${position} of ${length})`);
    }
    path.push(chosen);
    current = chosen;
  }
  return path;
}

/** The passing edges between two adjacent nodes (in key order). */
export function edgesBetween(index: AdjacencyIndex, filter: TraversalFilter, u: number, w: number): number[] {
  const { offsets, neighbors, incident } = index;
  const found: number[] = [];
  for (let k = offsets[u]!, stop = offsets[u + 1]!; k < stop; k++) {
    if (neighbors[k] === w && filter.edgePasses(incident[k]!)) found.push(incident[k]!);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Neighbourhood

/** Caps on a neighbourhood: at most maxNodes nodes, the nearest first, and maxEdges edges between them. */
export interface NeighborhoodCaps {
  maxNodes: number;
  maxEdges: number;
}

export interface NeighborhoodIndices {
  /** Sorted by distance, then key (number). */
  nodes: number[];
  distances: number[];
  /** Sorted by key (number). */
  edges: number[];
  /** Something was left out by the caps. */
  truncated: boolean;
}

/**
 * The nodes within `hops` of `center` (the center whatever the node filters) and the passing
 * edges between them, cut to `caps` without first building what would be cut: a level is
 * collected as numbers, sorted, and only the nodes that fit are kept.
 */
export function neighborhoodIndices(
  index: AdjacencyIndex,
  filter: TraversalFilter,
  center: number,
  hops: number,
  caps: NeighborhoodCaps = { maxNodes: Number.POSITIVE_INFINITY, maxEdges: Number.POSITIVE_INFINITY },
): NeighborhoodIndices {
  const { offsets, neighbors, incident, edgeSource, scratch } = index;
  const seen = scratch.forward;
  seen.reset();
  seen.set(center, 0);
  const nodes = [center];
  const distances = [0];
  let truncated = false;
  let frontier = [center];
  for (let depth = 1; depth <= hops && frontier.length > 0; depth++) {
    const room = caps.maxNodes - nodes.length;
    const next: number[] = [];
    scan: for (const u of frontier) {
      for (let k = offsets[u]!, stop = offsets[u + 1]!; k < stop; k++) {
        const w = neighbors[k]!;
        if (seen.has(w) || !filter.edgePasses(incident[k]!) || !filter.nodePasses(w)) continue;
        seen.set(w, depth);
        next.push(w);
        // Full already: one more node is enough to know the answer was cut.
        if (room <= 0) break scan;
      }
    }
    if (room <= 0) {
      truncated = next.length > 0;
      break;
    }
    next.sort((x, y) => x - y);
    const fits = next.length > room ? next.slice(0, room) : next;
    for (const w of fits) {
      nodes.push(w);
      distances.push(depth);
    }
    if (fits.length < next.length) {
      truncated = true;
      break;
    }
    frontier = next;
  }

  // Each edge once, from its source; both ends kept.
  const kept = scratch.backward;
  kept.reset();
  for (const u of nodes) kept.set(u, 1);
  const edges: number[] = [];
  for (const u of nodes) {
    for (let k = offsets[u]!, stop = offsets[u + 1]!; k < stop; k++) {
      const e = incident[k]!;
      if (edgeSource[e] !== u || !kept.has(neighbors[k]!) || !filter.edgePasses(e)) continue;
      edges.push(e);
    }
  }
  edges.sort((x, y) => x - y);
  if (edges.length > caps.maxEdges) {
    edges.length = caps.maxEdges;
    truncated = true;
  }
  return { nodes, distances, edges, truncated };
}
