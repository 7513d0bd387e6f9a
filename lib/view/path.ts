// The shortest path between two entities over the edges the view draws (typed relations; co-mentions only
// when that layer is on), walked in either direction. Same tie-breaking as lib/graph's shortestPath:
// neighbours in key order (the lexicographically smallest shortest path), and for parallel edges a typed
// relation first, then the most distinct articles, then the smallest key.
import type { EdgeType, NodeType } from "../contract/types";
import { articleRef, type ArticleIndex, type EvidenceView } from "./details";
import { CO_MENTIONED, type DataGraph } from "./graphs";

export interface PathHopView {
  from: { key: string; label: string; type: NodeType };
  to: { key: string; label: string; type: NodeType };
  edge: string;
  type: EdgeType;
  /** "forward" when the edge points from `from` to `to`. */
  direction: "forward" | "backward";
  note: string | null;
  /** Distinct supporting articles. */
  articleCount: number;
  /** Sorted by article, start. */
  evidence: EvidenceView[];
}

export interface PathView {
  from: string;
  to: string;
  nodes: string[];
  edges: string[];
  hops: PathHopView[];
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function findPath(
  data: DataGraph,
  articles: ArticleIndex,
  from: string,
  to: string,
  edgeAllowed: (edge: string) => boolean,
  nodeAllowed: (node: string) => boolean = () => true,
): PathView | null {
  if (!data.hasNode(from) || !data.hasNode(to)) return null;
  if (from === to) return { from, to, nodes: [from], edges: [], hops: [] };
  const parent = new Map<string, { node: string; edges: string[] }>();
  const seen = new Set([from]);
  let frontier = [from];
  while (frontier.length > 0 && !seen.has(to)) {
    const next: string[] = [];
    for (const node of frontier) {
      const byNeighbour = new Map<string, string[]>();
      data.forEachEdge(node, (edge, _a, source, target) => {
        const other = source === node ? target : source;
        if (other === node || !edgeAllowed(edge)) return;
        if (other !== to && !nodeAllowed(other)) return;
        const list = byNeighbour.get(other) ?? [];
        list.push(edge);
        byNeighbour.set(other, list);
      });
      for (const other of [...byNeighbour.keys()].sort(compare)) {
        if (seen.has(other)) continue;
        seen.add(other);
        parent.set(other, { node, edges: byNeighbour.get(other)! });
        next.push(other);
      }
    }
    frontier = next;
  }
  if (!seen.has(to)) return null;

  const sources = (edge: string) => new Set((data.getEdgeAttribute(edge, "evidence") ?? []).map((e) => e.article)).size;
  const rank = (a: string, b: string) => {
    const coA = data.getEdgeAttribute(a, "type") === CO_MENTIONED ? 1 : 0;
    const coB = data.getEdgeAttribute(b, "type") === CO_MENTIONED ? 1 : 0;
    return coA - coB || sources(b) - sources(a) || compare(a, b);
  };
  const ref = (key: string) => {
    const a = data.getNodeAttributes(key);
    return { key, label: a.label, type: a.type };
  };
  const hops: PathHopView[] = [];
  for (let node = to; node !== from; ) {
    const step = parent.get(node)!;
    const edge = [...step.edges].sort(rank)[0]!;
    const e = data.getEdgeAttributes(edge);
    const evidence = (e.evidence ?? [])
      .map((ev) => ({ ...ev, articleRef: articleRef(articles, ev.article) }))
      .sort((x, y) => compare(x.article, y.article) || x.start - y.start);
    hops.unshift({
      from: ref(step.node),
      to: ref(node),
      edge,
      type: e.type,
      direction: data.source(edge) === step.node ? "forward" : "backward",
      note: e.note ?? null,
      articleCount: new Set(evidence.map((ev) => ev.article)).size,
      evidence,
    });
    node = step.node;
  }
  return { from, to, nodes: [from, ...hops.map((h) => h.to.key)], edges: hops.map((h) => h.edge), hops };
}
