// The indexed traversals (lib/graph/adjacency.ts: bidirectional shortest path, capped
// neighbourhood) against the plain breadth-first searches they replaced, kept below as the
// reference, on seeded random graphs made to have many equally short paths, parallel edges,
// co-mentions, several articles, publishers and dates, and random filters.

import { MultiDirectedGraph } from "graphology";
import { describe, expect, it } from "vitest";
import { capNeighborhood } from "@/server/http/caps";
import {
  EDGE_TYPES,
  NODE_TYPES,
  RELATION_TYPES,
  type ArticleMeta,
  type EdgeAttributes,
  type EdgeType,
  type GraphDocument,
  type NodeAttributes,
  type NodeType,
  type SerializedEdge,
  type SerializedNode,
} from "@/lib/contract";
import {
  compareStrings,
  createFilterView,
  createMemoryQueries,
  distinctArticles,
  normalizeFilters,
  sortEvidence,
  type FilterView,
  type GraphEdge,
  type GraphFilters,
  type NeighborhoodNode,
  type NeighborhoodResult,
  type PathEdge,
  type PathHop,
  type PathResult,
} from "@/lib/graph";
import { buildAdjacency, Marks } from "@/lib/graph/adjacency";

type Graph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

// ---------------------------------------------------------------------------------------------
// Seeded randomness (a 32-bit LCG: Numerical Recipes constants)

class Lcg {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (Math.imul(this.state, 1664525) + 1013904223) >>> 0;
    return this.state / 2 ** 32;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  subset<T>(items: readonly T[], p: number): T[] {
    return items.filter(() => this.chance(p));
  }
}

const PREFIX: Record<NodeType, string> = { Person: "person", Organization: "org", Place: "place", Document: "doc", Meeting: "meeting" };
const DAYS = ["2025-01-10", "2025-03-01", "2025-06-15", "2025-09-30", "2025-12-24"];

function randomDocument(r: Lcg, size: { nodes: number; edges: number }): GraphDocument {
  const articles: ArticleMeta[] = Array.from({ length: 6 }, (_, i) => ({
    id: `a${i}`,
    file: `a${i}.txt`,
    title: null,
    publisher: r.chance(0.8) ? r.pick(["Ledger", "Wire", "Post"]) : null,
    url: null,
    date: r.chance(0.8) ? r.pick(DAYS) : null,
    sha256: "0".repeat(64),
    chars: 1000,
  }));
  const nodes: SerializedNode[] = [];
  const used = new Set<string>();
  while (nodes.length < size.nodes) {
    const type = r.pick(NODE_TYPES);
    // Short random names: keys interleave across types, so key order is not creation order.
    const key = `${PREFIX[type]}:${String.fromCharCode(97 + r.int(0, 5))}${String.fromCharCode(97 + r.int(0, 5))}${r.int(0, 9)}`;
    if (used.has(key)) continue;
    used.add(key);
    const attributes: NodeAttributes = { type, label: key, aliases: [], mentions: [{ article: r.pick(articles).id, start: 0, end: 1 }] };
    if (type === "Meeting" && r.chance(0.7)) {
      const day = r.pick(DAYS);
      attributes.date = { text: day, start: day, end: r.chance(0.3) ? r.pick(DAYS.filter((d) => d >= day)) : day, article: "a0" };
      attributes.dates = [attributes.date];
    }
    nodes.push({ key, attributes });
  }
  const edges: SerializedEdge[] = [];
  const keys = new Set<string>();
  for (let guard = 0; edges.length < size.edges && guard < size.edges * 20; guard++) {
    const source = r.pick(nodes).key;
    const target = r.pick(nodes).key;
    if (source === target) continue;
    const type: EdgeType = r.chance(0.3) ? "CO_MENTIONED" : r.pick(RELATION_TYPES);
    const key = `${source}|${type}|${target}`;
    if (keys.has(key)) continue;
    keys.add(key);
    const evidence = Array.from({ length: r.int(1, 3) }, () => {
      const start = r.int(0, 900);
      return { article: r.pick(articles).id, start, end: start + 5, quote: "xxxxx" };
    });
    const attributes: EdgeAttributes = { type, evidence, articleCount: distinctArticles(evidence) };
    if (r.chance(0.1)) attributes.note = "note";
    edges.push({ key, source, target, attributes });
    // Parallel edges: another type between the same two nodes, either way round.
    if (r.chance(0.15)) {
      const type2: EdgeType = r.pick(EDGE_TYPES);
      const [s2, t2] = r.chance(0.5) ? [source, target] : [target, source];
      const key2 = `${s2}|${type2}|${t2}`;
      if (!keys.has(key2)) {
        keys.add(key2);
        const ev2 = [{ article: r.pick(articles).id, start: 1, end: 6, quote: "yyyyy" }];
        edges.push({ key: key2, source: s2, target: t2, attributes: { type: type2, evidence: ev2 } });
      }
    }
  }
  // Shuffled, so that nothing depends on document order.
  const shuffle = <T,>(items: T[]) => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = r.int(0, i);
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  };
  return {
    version: 1,
    articles,
    graph: { options: { type: "directed", multi: true, allowSelfLoops: false }, attributes: {}, nodes: shuffle(nodes), edges: shuffle(edges) },
    conflicts: [],
  };
}

function randomFilters(r: Lcg, doc: GraphDocument): GraphFilters {
  const filters: GraphFilters = {};
  if (r.chance(0.3)) filters.includeCoMentions = true;
  if (r.chance(0.25)) filters.relationTypes = r.subset(RELATION_TYPES, 0.6);
  if (r.chance(0.25)) filters.nodeTypes = r.subset(NODE_TYPES, 0.7);
  if (r.chance(0.2)) filters.minSources = r.int(1, 3);
  if (r.chance(0.15)) filters.articles = r.subset(doc.articles.map((a) => a.id), 0.6);
  if (r.chance(0.15)) filters.publishers = r.subset(["ledger", "WIRE", "Post"], 0.5);
  if (r.chance(0.15)) filters.dateFrom = r.pick(DAYS.slice(0, 3));
  if (r.chance(0.15)) filters.dateTo = r.pick(DAYS.slice(2));
  return filters;
}

// ---------------------------------------------------------------------------------------------
// The reference: the breadth-first searches lib/graph/memory.ts used before the index.

function referenceGraph(doc: GraphDocument): Graph {
  const graph: Graph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>({ allowSelfLoops: false });
  for (const node of doc.graph.nodes) graph.addNode(node.key, node.attributes);
  for (const edge of doc.graph.edges) graph.addEdgeWithKey(edge.key, edge.source, edge.target, edge.attributes);
  return graph;
}

function referenceView(doc: GraphDocument, filters: GraphFilters): FilterView {
  return createFilterView(normalizeFilters(filters, new Set(doc.articles.map((a) => a.id))), doc.articles);
}

function passingNeighbors(graph: Graph, v: FilterView, node: string, allowNode: (key: string) => boolean): Map<string, string[]> {
  const neighbors = new Map<string, string[]>();
  graph.forEachEdge(node, (edge, attributes, source, target) => {
    if (!v.edgeAttributes(attributes)) return;
    const other = source === node ? target : source;
    if (other === node || !allowNode(other)) return;
    const list = neighbors.get(other) ?? [];
    list.push(edge);
    neighbors.set(other, list);
  });
  return neighbors;
}

function referencePath(graph: Graph, v: FilterView, from: string, to: string): PathResult | null {
  const ref = (key: string) => ({ key, type: graph.getNodeAttribute(key, "type"), label: graph.getNodeAttribute(key, "label") });
  if (from === to) return { from, to, length: 0, nodes: [ref(from)], hops: [] };
  const allowNode = (other: string) => other === to || v.nodePasses(graph.getNodeAttributes(other));
  const parent = new Map<string, { node: string; edges: string[] }>();
  const seen = new Set([from]);
  let frontier = [from];
  while (frontier.length > 0 && !seen.has(to)) {
    const next: string[] = [];
    for (const node of frontier) {
      const neighbors = passingNeighbors(graph, v, node, allowNode);
      for (const other of [...neighbors.keys()].sort(compareStrings)) {
        if (seen.has(other)) continue;
        seen.add(other);
        parent.set(other, { node, edges: neighbors.get(other)! });
        next.push(other);
      }
    }
    frontier = next;
  }
  if (!seen.has(to)) return null;
  const edgeOf = (edge: string) => v.edgeAttributes(graph.getEdgeAttributes(edge))!;
  const rank = (a: string, b: string) => {
    const ea = edgeOf(a);
    const eb = edgeOf(b);
    const coA = ea.type === "CO_MENTIONED" ? 1 : 0;
    const coB = eb.type === "CO_MENTIONED" ? 1 : 0;
    return coA - coB || distinctArticles(eb.evidence) - distinctArticles(ea.evidence) || compareStrings(a, b);
  };
  const hops: PathHop[] = [];
  for (let node = to; node !== from; ) {
    const step = parent.get(node)!;
    const edge = [...step.edges].sort(rank)[0]!;
    const attributes = edgeOf(edge);
    const pathEdge: PathEdge = {
      key: edge,
      type: attributes.type,
      source: graph.source(edge),
      target: graph.target(edge),
      direction: graph.source(edge) === step.node ? "forward" : "backward",
      articleCount: distinctArticles(attributes.evidence),
      evidence: sortEvidence(attributes.evidence),
    };
    if (attributes.note !== undefined) pathEdge.note = attributes.note;
    hops.unshift({ from: step.node, to: node, edge: pathEdge });
    node = step.node;
  }
  return { from, to, length: hops.length, nodes: [ref(from), ...hops.map((hop) => ref(hop.to))], hops };
}

function referenceNeighborhood(graph: Graph, v: FilterView, key: string, hops: number): NeighborhoodResult {
  const allowNode = (other: string) => v.nodePasses(graph.getNodeAttributes(other));
  const distance = new Map<string, number>([[key, 0]]);
  let frontier = [key];
  for (let depth = 1; depth <= hops && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const node of frontier) {
      for (const other of passingNeighbors(graph, v, node, allowNode).keys()) {
        if (distance.has(other)) continue;
        distance.set(other, depth);
        next.push(other);
      }
    }
    frontier = next;
  }
  const nodes: NeighborhoodNode[] = [...distance.entries()]
    .sort(([a, da], [b, db]) => da - db || compareStrings(a, b))
    .map(([node, d]) => ({ key: node, attributes: v.nodeAttributes(graph.getNodeAttributes(node)), distance: d }));
  const edges: GraphEdge[] = [];
  for (const node of distance.keys()) {
    graph.forEachOutEdge(node, (edge, attributes, source, target) => {
      if (!distance.has(target)) return;
      const kept = v.edgeAttributes(attributes);
      if (kept) edges.push({ key: edge, source, target, attributes: kept });
    });
  }
  edges.sort((a, b) => compareStrings(a.key, b.key));
  return structuredClone({ center: key, hops, nodes, edges });
}

// ---------------------------------------------------------------------------------------------

describe("shortestPath (bidirectional, indexed)", () => {
  it("should equal the plain breadth-first search on seeded random graphs, filters included", async () => {
    const r = new Lcg(20251126);
    let found = 0;
    let longer = 0;
    let ties = 0;
    for (let round = 0; round < 40; round++) {
      const doc = randomDocument(r, { nodes: r.int(8, 70), edges: r.int(10, 220) });
      const graph = referenceGraph(doc);
      const q = createMemoryQueries(structuredClone(doc));
      const keys = doc.graph.nodes.map((node) => node.key);
      for (let i = 0; i < 30; i++) {
        const filters = i % 3 === 0 ? {} : randomFilters(r, doc);
        const from = r.pick(keys);
        const to = i % 10 === 0 ? from : r.pick(keys);
        const expected = referencePath(graph, referenceView(doc, filters), from, to);
        expect(await q.shortestPath(from, to, filters), `round ${round}, ${from} → ${to}, ${JSON.stringify(filters)}`).toEqual(expected);
        if (expected) found++;
        if (expected && expected.length >= 3) longer++;
        // A tie: the last hop's node has another neighbour at the same distance from `from`.
        if (expected && expected.length >= 2 && (await q.shortestPath(to, from, filters))!.nodes.map((n) => n.key).reverse().join() !== expected.nodes.map((n) => n.key).join()) ties++;
      }
    }
    // The graphs must exercise what the test is about: connected pairs, long paths, ties.
    expect(found).toBeGreaterThan(400);
    expect(longer).toBeGreaterThan(100);
    expect(ties).toBeGreaterThan(20);
  });

  it("should equal the plain search on a larger sparse graph where both sides grow", async () => {
    const r = new Lcg(7);
    const doc = randomDocument(r, { nodes: 200, edges: 260 });
    const graph = referenceGraph(doc);
    const q = createMemoryQueries(structuredClone(doc));
    const keys = doc.graph.nodes.map((node) => node.key);
    let maxLength = 0;
    for (let i = 0; i < 300; i++) {
      const filters = i % 2 === 0 ? { includeCoMentions: true } : randomFilters(r, doc);
      const [from, to] = [r.pick(keys), r.pick(keys)];
      const expected = referencePath(graph, referenceView(doc, filters), from, to);
      expect(await q.shortestPath(from, to, filters)).toEqual(expected);
      maxLength = Math.max(maxLength, expected?.length ?? 0);
    }
    expect(maxLength).toBeGreaterThanOrEqual(6);
  });

  it("should keep the lexicographic rule when the middle of the path is a wide tie", async () => {
    // from — {m0 … m9} — {n0 … n9} — to, every m joined to every n: 100 shortest paths;
    // the smallest reads from, m0, n0, to even though `to` is reached from n9 first by key.
    const node = (key: string): SerializedNode => ({ key, attributes: { type: "Person", label: key, aliases: [], mentions: [] } });
    const edge = (source: string, target: string): SerializedEdge => ({
      key: `${source}|MET_WITH|${target}`,
      source,
      target,
      attributes: { type: "MET_WITH", evidence: [{ article: "a", start: 0, end: 1, quote: "x" }] },
    });
    const ms = Array.from({ length: 10 }, (_, i) => `person:m${i}`);
    const ns = Array.from({ length: 10 }, (_, i) => `person:n${9 - i}`);
    const doc: GraphDocument = {
      version: 1,
      articles: [{ id: "a", file: "a.txt", title: null, publisher: null, url: null, date: null, sha256: "0".repeat(64), chars: 1 }],
      graph: {
        options: { type: "directed", multi: true, allowSelfLoops: false },
        attributes: {},
        nodes: ["person:from", "person:to", ...ms, ...ns].map(node),
        edges: [
          ...ms.map((m) => edge("person:from", m)),
          ...ms.flatMap((m) => ns.map((n) => edge(n, m))),
          ...ns.map((n) => edge(n, "person:to")),
        ],
      },
      conflicts: [],
    };
    const q = createMemoryQueries(doc);
    const path = await q.shortestPath("person:from", "person:to");
    expect(path!.nodes.map((n) => n.key)).toEqual(["person:from", "person:m0", "person:n0", "person:to"]);
    expect(path).toEqual(referencePath(referenceGraph(doc), referenceView(doc, {}), "person:from", "person:to"));
    const backward = await q.shortestPath("person:to", "person:from");
    expect(backward!.nodes.map((n) => n.key)).toEqual(["person:to", "person:n0", "person:m0", "person:from"]);
  });
});

describe("neighborhood (indexed, capped in the query)", () => {
  it("should equal the plain search, and the route's cut when limits are given", async () => {
    const r = new Lcg(99);
    let cut = 0;
    for (let round = 0; round < 25; round++) {
      const doc = randomDocument(r, { nodes: r.int(5, 60), edges: r.int(5, 200) });
      const graph = referenceGraph(doc);
      const q = createMemoryQueries(structuredClone(doc));
      const keys = doc.graph.nodes.map((node) => node.key);
      for (let i = 0; i < 12; i++) {
        const filters = i % 3 === 0 ? {} : randomFilters(r, doc);
        const key = r.pick(keys);
        const hops = r.int(1, 3);
        const expected = referenceNeighborhood(graph, referenceView(doc, filters), key, hops);
        expect(await q.neighborhood(key, hops, filters)).toEqual(expected);
        const limits = { maxNodes: r.int(1, 12), maxEdges: r.int(0, 15) };
        const capped = capNeighborhood(expected, limits.maxNodes, limits.maxEdges);
        const answer = await q.neighborhood(key, hops, filters, limits);
        expect(answer, `${key} ${hops} ${JSON.stringify(filters)} ${JSON.stringify(limits)}`).toEqual(capped);
        // The route cuts again; an answer already cut must come through unchanged.
        expect(capNeighborhood(answer, limits.maxNodes, limits.maxEdges)).toEqual(capped);
        if (capped.truncated) cut++;
      }
    }
    expect(cut).toBeGreaterThan(50);
  });

  it("should say truncated when the kept nodes exactly fill the cap but a farther node exists", async () => {
    const doc = randomDocument(new Lcg(3), { nodes: 2, edges: 0 });
    const [a, b] = doc.graph.nodes.map((node) => node.key).sort() as [string, string];
    doc.graph.edges.push({ key: `${a}|MET_WITH|${b}`, source: a, target: b, attributes: { type: "MET_WITH", evidence: [{ article: "a0", start: 0, end: 1, quote: "x" }] } });
    const q = createMemoryQueries(doc);
    expect((await q.neighborhood(a, 1, {}, { maxNodes: 1, maxEdges: 10 })).truncated).toBe(true);
    expect((await q.neighborhood(a, 1, {}, { maxNodes: 2, maxEdges: 10 })).truncated).toBe(false);
    expect((await q.neighborhood(a, 1, {}, { maxNodes: 2, maxEdges: 0 })).truncated).toBe(true);
    expect((await q.neighborhood(a, 1)).truncated).toBeUndefined();
    await expect(q.neighborhood(a, 1, {}, { maxNodes: 0, maxEdges: 1 })).rejects.toMatchObject({ parameter: "maxNodes" });
  });

  it("should cut a huge hub's neighbourhood before building it", async () => {
    const spokes = 30_000;
    const hub = "org:hub";
    const nodes: SerializedNode[] = [{ key: hub, attributes: { type: "Organization", label: "Hub", aliases: [], mentions: [] } }];
    const edges: SerializedEdge[] = [];
    for (let i = 0; i < spokes; i++) {
      const key = `person:p${String(i).padStart(5, "0")}`;
      nodes.push({ key, attributes: { type: "Person", label: key, aliases: [], mentions: [] } });
      edges.push({ key: `${key}|MEMBER_OF|${hub}`, source: key, target: hub, attributes: { type: "MEMBER_OF", evidence: [{ article: "a", start: 0, end: 1, quote: "x" }] } });
      // A ring among the spokes, so that the edges between kept nodes are capped too.
      if (i > 0) edges.push({ key: `${key}|MET_WITH|person:p${String(i - 1).padStart(5, "0")}`, source: key, target: `person:p${String(i - 1).padStart(5, "0")}`, attributes: { type: "MET_WITH", evidence: [{ article: "a", start: 0, end: 1, quote: "x" }] } });
    }
    const doc: GraphDocument = {
      version: 1,
      articles: [{ id: "a", file: "a.txt", title: null, publisher: null, url: null, date: null, sha256: "0".repeat(64), chars: 1 }],
      graph: { options: { type: "directed", multi: true, allowSelfLoops: false }, attributes: {}, nodes, edges },
      conflicts: [],
    };
    // Count what the query copies into its answer: every node it builds has its label read once.
    let labelReads = 0;
    for (const node of nodes.slice(1)) {
      const label = node.attributes.label;
      Object.defineProperty(node.attributes, "label", { enumerable: true, get: () => (labelReads++, label) });
    }
    const q = createMemoryQueries(doc);
    const answer = await q.neighborhood(hub, 2, {}, { maxNodes: 500, maxEdges: 600 });
    expect(labelReads).toBeLessThan(1000);
    expect(answer.nodes).toHaveLength(500);
    expect(answer.edges).toHaveLength(600);
    expect(answer.truncated).toBe(true);
    expect(answer.nodes.map((node) => node.key)).toEqual([hub, ...nodes.slice(1, 500).map((node) => node.key)]);
    expect(answer.edges.map((edge) => edge.key)).toEqual([...answer.edges.map((edge) => edge.key)].sort(compareStrings));
    const before = labelReads;
    expect(await q.neighborhood(hub, 2)).toHaveProperty("nodes.length", spokes + 1);
    // …while the whole neighbourhood copies every node (so the count above means something).
    expect(labelReads - before).toBeGreaterThanOrEqual(spokes);
    // The same as cutting the whole answer afterwards.
    expect(answer).toEqual(capNeighborhood(await q.neighborhood(hub, 2), 500, 600));
  });
});

describe("buildAdjacency", () => {
  it("should number nodes and edges in key order and list neighbours sorted, parallel edges in key order", () => {
    const doc = randomDocument(new Lcg(5), { nodes: 30, edges: 120 });
    const graph = referenceGraph(doc);
    const index = buildAdjacency(graph);
    expect(index.nodeKeys).toEqual(doc.graph.nodes.map((node) => node.key).sort(compareStrings));
    expect(index.edgeKeys).toEqual(doc.graph.edges.map((edge) => edge.key).sort(compareStrings));
    for (let u = 0; u < index.nodeCount; u++) {
      const list: Array<[number, number]> = [];
      for (let k = index.offsets[u]!; k < index.offsets[u + 1]!; k++) list.push([index.neighbors[k]!, index.incident[k]!]);
      expect(list).toEqual([...list].sort((x, y) => x[0] - y[0] || x[1] - y[1]));
      expect(list.length).toBe(graph.degree(index.nodeKeys[u]!));
      for (const [w, e] of list) {
        expect([index.edgeSource[e], index.edgeTarget[e]].sort()).toEqual([u, w].sort());
      }
    }
    expect(index.indexOf("person:nobody")).toBe(-1);
  });

  it("should forget marks on reset", () => {
    const marks = new Marks(4);
    marks.reset();
    marks.set(2, 7);
    expect(marks.get(2)).toBe(7);
    expect(marks.has(1)).toBe(false);
    marks.reset();
    expect(marks.get(2)).toBe(-1);
  });
});
