// Sigma reducers as pure functions of the view state and what is derived from it (filters, neighbourhood,
// path): hover, selection, filters and the path change what is drawn without ever mutating the data or
// render graph.
//
// Precedence, node side: filtered out (hidden, or faint in fade mode) → outside the neighbourhood (hidden)
// → path (its nodes labelled, the rest faint) → hover/selection (the focus and its neighbours, the rest
// faint). The selected node, the path ends and the neighbourhood centre always stay drawn.
import type { EdgeDisplayData, NodeDisplayData } from "sigma/types";
import { edgeColor, type RenderEdge, type RenderGraph, type RenderNode } from "./graphs";
import type { NeighbourhoodView } from "./neighbourhood";
import type { PathView } from "./path";
import type { ViewState } from "./state";
import { FADED_EDGE_COLOR, FADED_NODE_COLOR, HIGHLIGHT_EDGE_COLOR, PATH_COLOR, SELECTED_EDGE_COLOR } from "./style";
import type { Visibility } from "./visibility";

export type NodeReducer = (node: string, data: RenderNode) => Partial<NodeDisplayData>;
export type EdgeReducer = (edge: string, data: RenderEdge) => Partial<EdgeDisplayData>;

export type ReducerInputs = Pick<ViewState, "hoveredNode" | "selectedNode" | "selectedEdge" | "filters">;

export interface Derived {
  visibility?: Visibility | null;
  neighbourhood?: NeighbourhoodView | null;
  path?: PathView | null;
}

/** What the reducers need, computed once per state change (not per node). */
export interface ReducerContext {
  /** The node whose neighbourhood is highlighted: the hovered node, else the selected one. */
  focus: string | null;
  /** Neighbours of `focus` over the drawn edges. */
  focusNeighbours: Set<string>;
  selected: string | null;
  selectedEdge: string | null;
  selectedEdgeEnds: Set<string>;
  /** Nodes drawn whatever the filters say. */
  pinned: Set<string>;
  showCoMentions: boolean;
  fade: boolean;
  nodeVisible: (node: string) => boolean;
  edgeVisible: (edge: string) => boolean;
  edgeSources: (edge: string, data: RenderEdge) => number;
  neighbourhood: ReadonlyMap<string, number> | null;
  pathNodes: Set<string> | null;
  pathEdges: Set<string> | null;
}

export function reducerContext(graph: RenderGraph, state: ReducerInputs, derived: Derived = {}): ReducerContext {
  const visibility = derived.visibility ?? null;
  const hiddenTypes = new Set(state.filters.hiddenNodeTypes);
  const showCoMentions = state.filters.showCoMentions;
  // Without a computed visibility (tests, first frame) the type and co-mention switches still apply.
  const nodeVisible = visibility
    ? (node: string) => visibility.nodes.has(node)
    : (node: string) => !hiddenTypes.has(graph.getNodeAttribute(node, "nodeType"));
  const edgeVisible = visibility
    ? (edge: string) => visibility.edges.has(edge)
    : (edge: string) =>
        (showCoMentions || !graph.getEdgeAttribute(edge, "coMention")) && nodeVisible(graph.source(edge)) && nodeVisible(graph.target(edge));
  const has = (key: string | null) => key !== null && graph.hasNode(key);
  const selected = has(state.selectedNode) ? state.selectedNode : null;
  const selectedEdge = state.selectedEdge !== null && graph.hasEdge(state.selectedEdge) ? state.selectedEdge : null;
  const selectedEdgeEnds = new Set(selectedEdge ? [graph.source(selectedEdge), graph.target(selectedEdge)] : []);
  const path = derived.path ?? null;
  const nb = derived.neighbourhood ?? null;
  const pinned = new Set<string>([...selectedEdgeEnds]);
  if (selected) pinned.add(selected);
  if (path) for (const key of [path.from, path.to]) pinned.add(key);
  if (nb) pinned.add(nb.center);
  const hovered = has(state.hoveredNode) ? state.hoveredNode : null;
  // In a neighbourhood the selection does not fade the rest of it (that is what the user asked to see).
  const focus = hovered ?? (nb ? null : selected);
  const focusNeighbours = new Set<string>();
  if (focus !== null) {
    graph.forEachEdge(focus, (edge, _a, source, target) => {
      if (edgeVisible(edge)) focusNeighbours.add(source === focus ? target : source);
    });
  }
  return {
    focus,
    focusNeighbours,
    selected,
    selectedEdge,
    selectedEdgeEnds,
    pinned,
    showCoMentions,
    fade: state.filters.fade,
    nodeVisible,
    edgeVisible,
    edgeSources: visibility ? (edge, data) => visibility.edgeSources.get(edge) ?? data.sources : (_edge, data) => data.sources,
    neighbourhood: nb?.nodes ?? null,
    pathNodes: path ? new Set(path.nodes) : null,
    pathEdges: path ? new Set(path.edges) : null,
  };
}

function faded(out: Partial<NodeDisplayData>): Partial<NodeDisplayData> {
  out.color = FADED_NODE_COLOR;
  out.label = null;
  out.zIndex = 0;
  out.forceLabel = false;
  return out;
}

export function makeNodeReducer(ctx: ReducerContext): NodeReducer {
  return (node, data) => {
    const out: Partial<NodeDisplayData> = { ...data, type: "circle" };
    const pinned = ctx.pinned.has(node);
    if (!pinned && !ctx.nodeVisible(node)) {
      if (!ctx.fade) {
        out.hidden = true;
        return out;
      }
      out.size = Math.max(2, data.size * 0.6);
      return faded(out);
    }
    if (ctx.neighbourhood && !pinned && !ctx.neighbourhood.has(node)) {
      out.hidden = true;
      return out;
    }
    if (node === ctx.selected) {
      out.highlighted = true;
      out.forceLabel = true;
      out.zIndex = 2;
    }
    if (ctx.pathNodes) {
      if (ctx.pathNodes.has(node)) {
        out.forceLabel = true;
        out.highlighted = node === ctx.focus || node === ctx.selected;
        out.zIndex = 2;
      } else if (node === ctx.focus) {
        out.forceLabel = true;
        out.zIndex = 1;
      } else {
        faded(out);
      }
      return out;
    }
    if (ctx.selectedEdge && ctx.focus === null) {
      if (ctx.selectedEdgeEnds.has(node)) {
        out.forceLabel = true;
        out.highlighted = true;
        out.zIndex = 2;
      } else {
        faded(out);
      }
      return out;
    }
    if (ctx.focus === null) return out;
    if (node === ctx.focus || node === ctx.selected) {
      out.highlighted = true;
      out.forceLabel = true;
      out.zIndex = 2;
    } else if (ctx.focusNeighbours.has(node)) {
      out.forceLabel = true;
      out.zIndex = 1;
    } else {
      faded(out);
    }
    return out;
  };
}

export function makeEdgeReducer(ctx: ReducerContext, graph: RenderGraph): EdgeReducer {
  return (edge, data) => {
    const out: Partial<EdgeDisplayData> = { ...data };
    // A reducer made for another graph (the frame between a graph swap and the new reducers): draw as is.
    if (!graph.hasEdge(edge)) return out;
    if (data.coMention && !ctx.showCoMentions) {
      out.hidden = true;
      return out;
    }
    const source = graph.source(edge);
    const target = graph.target(edge);
    if (!ctx.edgeVisible(edge)) {
      // Fade mode draws filtered edges faint, unless an end is not drawn at all.
      const endDrawn = (n: string) => ctx.pinned.has(n) || ctx.nodeVisible(n) || ctx.fade;
      if (!ctx.fade || !endDrawn(source) || !endDrawn(target)) {
        out.hidden = true;
        return out;
      }
      out.color = FADED_EDGE_COLOR;
      out.zIndex = 0;
      return out;
    }
    if (ctx.neighbourhood && (!ctx.neighbourhood.has(source) || !ctx.neighbourhood.has(target))) {
      out.hidden = true;
      return out;
    }
    out.color = edgeColor(data.coMention, ctx.edgeSources(edge, data));
    if (ctx.pathEdges) {
      if (ctx.pathEdges.has(edge)) {
        out.color = PATH_COLOR;
        out.size = Math.max(data.size, 3);
        out.zIndex = 2;
      } else {
        out.color = FADED_EDGE_COLOR;
        out.zIndex = 0;
      }
      return out;
    }
    if (edge === ctx.selectedEdge) {
      out.color = SELECTED_EDGE_COLOR;
      out.size = Math.max(data.size, 3);
      out.zIndex = 2;
      return out;
    }
    if (ctx.selectedEdge && ctx.focus === null) {
      out.color = FADED_EDGE_COLOR;
      out.zIndex = 0;
      return out;
    }
    if (ctx.focus === null) return out;
    if (source === ctx.focus || target === ctx.focus) {
      out.color = data.coMention ? data.color : HIGHLIGHT_EDGE_COLOR;
      out.size = Math.max(data.size, 1.5);
      out.zIndex = 1;
    } else {
      out.color = FADED_EDGE_COLOR;
      out.zIndex = 0;
    }
    return out;
  };
}
