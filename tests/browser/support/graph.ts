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
