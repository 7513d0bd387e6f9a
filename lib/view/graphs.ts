// The two graphs of the explorer (gephi-lite's model):
// - the data graph: the GraphDocument as graphology, every contract attribute, never touched by the view;
// - the render graph: what sigma draws (position, size, colour, label), derived from the data graph.
// Hover, selection and filters are applied on top of the render graph by sigma reducers (see reducers.ts).
import { MultiDirectedGraph } from "graphology";
import type { Attributes } from "graphology-types";
import type { EdgeAttributes, EdgeType, GraphDocument, NodeAttributes, NodeType } from "../contract/types";
import { CO_MENTION_COLOR, EDGE_COLOR, NODE_COLORS, SINGLE_SOURCE_EDGE_COLOR, nodeSize } from "./style";

export type DataNode = NodeAttributes & Attributes;
export type DataEdge = EdgeAttributes & Attributes;
export type DataGraph = MultiDirectedGraph<DataNode, DataEdge>;

export interface RenderNode extends Attributes {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  /** Contract type (sigma reserves `type` for its node program). */
  nodeType: NodeType;
  /** Distinct neighbours over typed relations. */
  degree: number;
}

export interface RenderEdge extends Attributes {
  size: number;
  color: string;
  /** Sigma edge program: arrows for directed relations, plain lines for co-mentions. */
  type: "arrow" | "line";
  edgeType: EdgeType;
  coMention: boolean;
  /** Distinct supporting articles (one: drawn paler). */
  sources: number;
}

export type RenderGraph = MultiDirectedGraph<RenderNode, RenderEdge>;

export const CO_MENTIONED: EdgeType = "CO_MENTIONED";

/** The data graph: graphology import of the contract's serialized graph. */
export function buildDataGraph(doc: GraphDocument): DataGraph {
  const graph: DataGraph = new MultiDirectedGraph<DataNode, DataEdge>({ allowSelfLoops: false });
  for (const node of doc.graph.nodes) graph.addNode(node.key, { ...node.attributes } as DataNode);
  for (const edge of doc.graph.edges) {
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target) || edge.source === edge.target) continue;
    graph.addEdgeWithKey(edge.key, edge.source, edge.target, { ...edge.attributes } as DataEdge);
  }
  return graph;
}

/** Distinct neighbours of `key` over typed relations (or over every edge when `includeCoMentions`). */
type AnyGraph = MultiDirectedGraph<Attributes, Attributes>;

/** The contract edge type of a data edge (`type`) or a render edge (`edgeType`). */
function edgeTypeOf(attributes: Attributes): EdgeType {
  return (attributes.edgeType ?? attributes.type) as EdgeType;
}

export function neighbours(graph: AnyGraph, key: string, includeCoMentions = false): Set<string> {
  const result = new Set<string>();
  if (!graph.hasNode(key)) return result;
  graph.forEachEdge(key, (_edge, attributes, source, target) => {
    if (!includeCoMentions && edgeTypeOf(attributes) === CO_MENTIONED) return;
    result.add(source === key ? target : source);
  });
  return result;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** Canvas labels stay short (the side panel shows the full name): "Meeting in Miami: Steve Witkoff, …". */
export function shortLabel(label: string, max = 38): string {
  if (label.length <= max) return label;
  const cut = label.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/, "")}…`;
}

/** Co-mentions light grey; relations by corroboration: one source paler than two or more. */
export function edgeColor(coMention: boolean, sources: number): string {
  if (coMention) return CO_MENTION_COLOR;
  return sources >= 2 ? EDGE_COLOR : SINGLE_SOURCE_EDGE_COLOR;
}

/** The render graph sigma draws. Positions come from the build (ForceAtlas2); nodes without one go on a circle. */
export function buildRenderGraph(data: DataGraph): RenderGraph {
  const render: RenderGraph = new MultiDirectedGraph<RenderNode, RenderEdge>({ allowSelfLoops: false });
  const missing: string[] = [];
  data.forEachNode((key, attributes) => {
    if (!isFiniteNumber(attributes.x) || !isFiniteNumber(attributes.y)) missing.push(key);
  });
  // Fallback positions: a circle around the placed nodes (or the origin), in input order: deterministic.
  const fallback = new Map<string, { x: number; y: number }>();
  if (missing.length > 0) {
    let radius = 1;
    data.forEachNode((_key, a) => {
      if (isFiniteNumber(a.x) && isFiniteNumber(a.y)) radius = Math.max(radius, Math.hypot(a.x, a.y) * 1.1);
    });
    missing.forEach((key, i) => {
      const angle = (2 * Math.PI * i) / missing.length;
      fallback.set(key, { x: radius * Math.cos(angle), y: radius * Math.sin(angle) });
    });
  }
  // Distinct neighbours over typed relations, for every node in one pass over the edges (a walk of each
  // node's own edges costs twice as much on a large graph).
  const adjacent = new Map<string, Set<string>>();
  const link = (from: string, to: string) => {
    let set = adjacent.get(from);
    if (!set) adjacent.set(from, (set = new Set()));
    set.add(to);
  };
  data.forEachEdge((_key, a, source, target) => {
    if (a.type === CO_MENTIONED) return;
    link(source, target);
    link(target, source);
  });
  data.forEachNode((key, a) => {
    const degree = adjacent.get(key)?.size ?? 0;
    const position = fallback.get(key) ?? { x: a.x as number, y: a.y as number };
    render.addNode(key, {
      x: position.x,
      y: position.y,
      size: nodeSize(degree),
      color: NODE_COLORS[a.type] ?? "#64748b",
      label: shortLabel(a.label),
      nodeType: a.type,
      degree,
    });
  });
  data.forEachEdge((key, a, source, target) => {
    const coMention = a.type === CO_MENTIONED;
    const evidence = a.evidence ?? [];
    // Distinct supporting articles (most edges have one passage: no set needed).
    const sources = evidence.length <= 1 ? evidence.length : new Set(evidence.map((ev) => ev.article)).size;
    render.addEdgeWithKey(key, source, target, {
      size: coMention ? 0.6 : 1 + Math.min(2, 0.5 * Math.max(0, (a.evidence?.length ?? 1) - 1)),
      color: edgeColor(coMention, sources),
      sources,
      type: coMention ? "line" : "arrow",
      edgeType: a.type,
      coMention,
    });
  });
  return render;
}

/** Counts shown in the header: nodes, typed relations, co-mentions. */
export function graphCounts(graph: AnyGraph): { nodes: number; relations: number; coMentions: number } {
  let coMentions = 0;
  graph.forEachEdge((_k, a) => {
    if (edgeTypeOf(a) === CO_MENTIONED) coMentions++;
  });
  return { nodes: graph.order, relations: graph.size - coMentions, coMentions };
}

/**
 * The box sigma fits to the screen: the nodes' extent, widened on the right by `labelRoom` of its width
 * so that labels (drawn to the right of their node) of the rightmost nodes are not cut by the edge.
 */
export function framingBBox(graph: RenderGraph, labelRoom = 0.15): { x: [number, number]; y: [number, number] } | null {
  if (graph.order === 0) return null;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  graph.forEachNode((_key, a) => {
    minX = Math.min(minX, a.x);
    maxX = Math.max(maxX, a.x);
    minY = Math.min(minY, a.y);
    maxY = Math.max(maxY, a.y);
  });
  const width = maxX - minX || 1;
  return { x: [minX, maxX + width * labelRoom], y: [minY, maxY] };
}
