// Result caps shared by the routes: a capped answer keeps its shape and says `truncated: true`.
// Pure functions over the query results (every backend answers the same shapes).

import type { GraphDocument } from "@/lib/contract";
import type { GraphTotals, LimitedGraphDocument, NeighborhoodResult } from "@/lib/graph";

/** The first `limit` items and whether any were left out. */
export function capList<T>(items: readonly T[], limit: number): { items: T[]; truncated: boolean } {
  return items.length > limit ? { items: items.slice(0, limit), truncated: true } : { items: [...items], truncated: false };
}

/**
 * A neighbourhood cut to its `maxNodes` nearest nodes (the result is sorted by distance, then
 * key, so the center always stays) and at most `maxEdges` edges between the kept nodes.
 * A result the backend already cut (the in-memory one does, given limits) comes through
 * unchanged and keeps its `truncated`.
 */
export function capNeighborhood(result: NeighborhoodResult, maxNodes: number, maxEdges: number): NeighborhoodResult & { truncated: boolean } {
  const nodes = result.nodes.length > maxNodes ? result.nodes.slice(0, maxNodes) : result.nodes;
  const kept = new Set(nodes.map((node) => node.key));
  const between = nodes.length < result.nodes.length ? result.edges.filter((edge) => kept.has(edge.source) && kept.has(edge.target)) : result.edges;
  const edges = between.length > maxEdges ? between.slice(0, maxEdges) : between;
  const truncated = result.truncated === true || nodes.length < result.nodes.length || edges.length < result.edges.length;
  return { ...result, nodes, edges, truncated };
}

/** What a graph holds before it is cut: entities and meetings, typed relations, co-mentions. */
export function documentTotals(doc: GraphDocument): GraphTotals {
  let coMentions = 0;
  for (const edge of doc.graph.edges) if (edge.attributes.type === "CO_MENTIONED") coMentions++;
  return { nodes: doc.graph.nodes.length, relations: doc.graph.edges.length - coMentions, coMentions };
}

export interface CapOptions {
  /**
   * Leave CO_MENTIONED out when the document is cut (a document within the limit keeps it). In a
   * 10,000-article graph co-mentions are 272,000 of the 290,000 edges between the 4,000 best connected
   * nodes and 172 of their 248 MB, for a layer the explorer hides by default; without them the nodes
   * are ranked by typed relations, the explorer's own measure of connectedness.
   */
  coMentionsIfWhole?: boolean;
}

/**
 * A graph document cut to its `limit` best connected nodes (most incident edges, then key),
 * kept in document order, with the edges between them and the conflicts about them.
 * `truncated` says whether nodes were left out; `total` counts what the document held before the
 * cut, so a client can say how much it is not showing.
 */
export function capDocument(doc: GraphDocument, limit: number, options: CapOptions = {}): LimitedGraphDocument {
  const total = documentTotals(doc);
  if (doc.graph.nodes.length <= limit) return { ...doc, truncated: false, total };
  const edges = options.coMentionsIfWhole ? doc.graph.edges.filter((edge) => edge.attributes.type !== "CO_MENTIONED") : doc.graph.edges;
  const degree = new Map<string, number>();
  for (const edge of edges) {
    degree.set(edge.source, (degree.get(edge.source) ?? 0) + 1);
    degree.set(edge.target, (degree.get(edge.target) ?? 0) + 1);
  }
  const ranked = doc.graph.nodes
    .map((node) => node.key)
    .sort((a, b) => (degree.get(b) ?? 0) - (degree.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
  const kept = new Set(ranked.slice(0, limit));
  return {
    ...doc,
    graph: {
      ...doc.graph,
      nodes: doc.graph.nodes.filter((node) => kept.has(node.key)),
      edges: edges.filter((edge) => kept.has(edge.source) && kept.has(edge.target)),
    },
    conflicts: doc.conflicts.filter((conflict) => kept.has(conflict.subject)),
    truncated: true,
    total,
  };
}
