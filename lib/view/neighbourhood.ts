// Neighbourhood expansion with a cap on hubs: breadth-first from the centre over the visible edges; a node
// with more new neighbours than the cap brings only the best connected `cap` of them (unless it was
// expanded), and reports how many it left out ("and N more").
import type { Attributes } from "graphology-types";
import type { MultiDirectedGraph } from "graphology";
import type { NeighbourhoodState } from "./state";

type AnyGraph = MultiDirectedGraph<Attributes, Attributes>;

export interface CappedHub {
  hub: string;
  /** Neighbours it brought into the view. */
  shown: number;
  /** Neighbours it would have brought, left out by the cap (and not reached another way). */
  more: number;
}

export interface NeighbourhoodView {
  center: string;
  /** Node → distance in hops from the centre. */
  nodes: ReadonlyMap<string, number>;
  capped: CappedHub[];
}

export interface NeighbourhoodInput {
  /** Is this edge drawn (filters, layers)? */
  edgeVisible: (edge: string) => boolean;
  /** Is this node drawn? The centre is always allowed. */
  nodeVisible: (node: string) => boolean;
  /** Ranking of neighbours when capping: higher first (default: the node's `degree` attribute). */
  weight?: (node: string) => number;
}

export function neighbourhoodView(graph: AnyGraph, state: NeighbourhoodState, input: NeighbourhoodInput): NeighbourhoodView | null {
  const { center } = state;
  if (!graph.hasNode(center)) return null;
  const weight = input.weight ?? ((node: string) => Number(graph.getNodeAttribute(node, "degree") ?? 0));
  const label = (node: string) => String(graph.getNodeAttribute(node, "label") ?? node);
  const expanded = new Set(state.expanded);
  const distance = new Map<string, number>([[center, 0]]);
  const cut = new Map<string, string[]>();
  const shown = new Map<string, number>();
  let frontier = [center];
  for (let depth = 1; depth <= state.hops && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const node of frontier) {
      const fresh = new Set<string>();
      graph.forEachEdge(node, (edge, _a, source, target) => {
        const other = source === node ? target : source;
        if (other === node || distance.has(other) || !input.edgeVisible(edge) || !input.nodeVisible(other)) return;
        fresh.add(other);
      });
      const ranked = [...fresh].sort((a, b) => weight(b) - weight(a) || label(a).localeCompare(label(b)) || (a < b ? -1 : 1));
      const take = expanded.has(node) ? ranked : ranked.slice(0, state.cap);
      for (const other of take) {
        distance.set(other, depth);
        next.push(other);
      }
      if (take.length < ranked.length) cut.set(node, ranked.slice(take.length));
      if (take.length > 0) shown.set(node, take.length);
    }
    frontier = next;
  }
  const capped: CappedHub[] = [];
  for (const [hub, left] of cut) {
    const more = left.filter((n) => !distance.has(n)).length;
    if (more > 0) capped.push({ hub, shown: shown.get(hub) ?? 0, more });
  }
  capped.sort((a, b) => (distance.get(a.hub) ?? 0) - (distance.get(b.hub) ?? 0) || b.more - a.more || (a.hub < b.hub ? -1 : 1));
  return { center, nodes: distance, capped };
}
