// Questions the scenarios ask of graph.json to find their targets (the graph changes as the extractor
// improves, so no scenario names a node): typed adjacency, distances, hubs.
import type { GraphDocument } from "@/lib/contract";

export interface TypedGraph {
  labels: Map<string, string>;
  types: Map<string, string>;
  /** Undirected adjacency over typed relations (no CO_MENTIONED). */
  adjacency: Map<string, Set<string>>;
}

export function typedGraph(doc: GraphDocument): TypedGraph {
  const labels = new Map(doc.graph.nodes.map((n) => [n.key, n.attributes.label]));
  const types = new Map(doc.graph.nodes.map((n) => [n.key, n.attributes.type as string]));
  const adjacency = new Map(doc.graph.nodes.map((n) => [n.key, new Set<string>()]));
  for (const e of doc.graph.edges) {
    if (e.attributes.type === "CO_MENTIONED" || e.source === e.target) continue;
    adjacency.get(e.source)?.add(e.target);
    adjacency.get(e.target)?.add(e.source);
  }
  return { labels, types, adjacency };
}

/** Distances in hops from `from` over typed relations. */
export function distances(g: TypedGraph, from: string, max = Infinity): Map<string, number> {
  const dist = new Map([[from, 0]]);
  let frontier = [from];
  for (let d = 1; d <= max && frontier.length; d++) {
    const next: string[] = [];
    for (const n of frontier) {
      for (const o of g.adjacency.get(n) ?? []) {
        if (dist.has(o)) continue;
        dist.set(o, d);
        next.push(o);
      }
    }
    frontier = next;
  }
  return dist;
}

/** Nodes by number of distinct typed neighbours, most first (ties by key). */
export function byDegree(g: TypedGraph): string[] {
  return [...g.adjacency.keys()].sort((a, b) => g.adjacency.get(b)!.size - g.adjacency.get(a)!.size || (a < b ? -1 : 1));
}

/** Two entities (not meetings) with the longest shortest path among the best connected ones (≥ 2 hops), or null. */
export function farPair(g: TypedGraph): { from: string; to: string; hops: number } | null {
  const candidates = byDegree(g).filter((k) => g.types.get(k) !== "Meeting").slice(0, 20);
  let best: { from: string; to: string; hops: number } | null = null;
  for (const a of candidates) {
    const d = distances(g, a);
    for (const b of candidates) {
      const hops = d.get(b);
      if (a >= b || hops === undefined || hops < 2) continue;
      if (!best || hops > best.hops) best = { from: a, to: b, hops };
    }
  }
  return best;
}

export function distinctArticles(evidence: readonly { article: string }[]): number {
  return new Set(evidence.map((e) => e.article)).size;
}

/**
 * A large graph of made-up entities for the scenarios about size (deterministic: a seeded generator):
 * `nodes` entities of every type spread over a square, `edges` typed relations between random pairs, each
 * supported by a passage of one of `base`'s articles (the contract holds; the quotes are not the articles' text).
 * Two of the entities stand apart, left of the square, linked by one relation (`LONE_EDGE`): an edge that can
 * be aimed at on screen, clear of the crowd.
 */
/** The relation between the two entities set apart in a synthetic graph. */
export const LONE_EDGE = "person:synthetic-lone-a|HEADS|person:synthetic-lone-b";

export function syntheticDocument(base: GraphDocument, nodes: number, edges: number): GraphDocument {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const types = ["Person", "Organization", "Place", "Document", "Meeting"] as const;
  const relations = ["HEADS", "MEMBER_OF", "ADVISES", "SUPPORTS", "OPPOSES", "MET_WITH", "PART_OF"] as const;
  const articles = base.articles.length > 0 ? base.articles.map((a) => a.id) : ["synthetic"];
  const graphNodes: GraphDocument["graph"]["nodes"] = [];
  for (let i = 0; i < nodes - 2; i++) {
    const type = types[i % types.length]!;
    graphNodes.push({
      key: `${type.toLowerCase()}:synthetic-${i}`,
      attributes: { type, label: `Synthetic ${type} ${i}`, aliases: [], mentions: [{ article: pick(articles), start: 0, end: 9 }], x: random() * 1000, y: random() * 1000 },
    });
  }
  const [loneSource, , loneTarget] = LONE_EDGE.split("|") as [string, string, string];
  for (const [key, y] of [
    [loneSource, 250],
    [loneTarget, 750],
  ] as const) {
    graphNodes.push({ key, attributes: { type: "Person", label: `Lone ${y}`, aliases: [], mentions: [{ article: pick(articles), start: 0, end: 9 }], x: -700, y } });
  }
  const graphEdges: GraphDocument["graph"]["edges"] = [
    { key: LONE_EDGE, source: loneSource, target: loneTarget, attributes: { type: "HEADS", evidence: [{ article: pick(articles), start: 0, end: 9, quote: "synthetic" }] } },
  ];
  const keys = new Set<string>([LONE_EDGE]);
  const crowd = graphNodes.slice(0, -2);
  while (graphEdges.length < edges) {
    const source = pick(crowd).key;
    const target = pick(crowd).key;
    const type = pick(relations);
    const key = `${source}|${type}|${target}`;
    if (source === target || keys.has(key)) continue;
    keys.add(key);
    graphEdges.push({ key, source, target, attributes: { type, evidence: [{ article: pick(articles), start: 0, end: 9, quote: "synthetic" }] } });
  }
  return { version: 1, articles: base.articles, graph: { ...base.graph, nodes: graphNodes, edges: graphEdges }, conflicts: [] };
}
