// Sigma reducers as pure functions of the view state: hover, selection and filters change what is drawn
// without ever mutating the data or render graph.
import type { EdgeDisplayData, NodeDisplayData } from "sigma/types";
import type { NodeType } from "../contract/types";
import { neighbours, type RenderEdge, type RenderGraph, type RenderNode } from "./graphs";
import type { ViewState } from "./state";
import { FADED_EDGE_COLOR, FADED_NODE_COLOR, HIGHLIGHT_EDGE_COLOR } from "./style";

export type NodeReducer = (node: string, data: RenderNode) => Partial<NodeDisplayData>;
export type EdgeReducer = (edge: string, data: RenderEdge) => Partial<EdgeDisplayData>;

/** What the reducers need besides the state, computed once per state change (not per node). */
export interface ReducerContext {
  /** The node whose neighbourhood is highlighted: the hovered node, else the selected one. */
  focus: string | null;
  /** Neighbours of `focus` over the visible layers. */
  focusNeighbours: Set<string>;
  hiddenTypes: Set<NodeType>;
  showCoMentions: boolean;
  selected: string | null;
}

export type ReducerInputs = Pick<ViewState, "hoveredNode" | "selectedNode" | "showCoMentions" | "hiddenNodeTypes">;

export function reducerContext(graph: RenderGraph, state: ReducerInputs): ReducerContext {
  const hovered = state.hoveredNode !== null && graph.hasNode(state.hoveredNode) ? state.hoveredNode : null;
  const selected = state.selectedNode !== null && graph.hasNode(state.selectedNode) ? state.selectedNode : null;
  const focus = hovered ?? selected;
  return {
    focus,
    focusNeighbours: focus === null ? new Set() : neighbours(graph, focus, state.showCoMentions),
    hiddenTypes: new Set(state.hiddenNodeTypes),
    showCoMentions: state.showCoMentions,
    selected,
  };
}

function nodeHiddenByFilter(ctx: ReducerContext, node: string, data: RenderNode): boolean {
  // The selected node always stays visible: the side panel talks about it.
  return node !== ctx.selected && ctx.hiddenTypes.has(data.nodeType);
}

export function makeNodeReducer(ctx: ReducerContext): NodeReducer {
  return (node, data) => {
    const out: Partial<NodeDisplayData> = { ...data, type: "circle" };
    if (nodeHiddenByFilter(ctx, node, data)) {
      out.hidden = true;
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
      out.color = FADED_NODE_COLOR;
      out.label = null;
      out.zIndex = 0;
    }
    return out;
  };
}

export function makeEdgeReducer(ctx: ReducerContext, graph: RenderGraph): EdgeReducer {
  return (edge, data) => {
    const out: Partial<EdgeDisplayData> = { ...data };
    if (data.coMention && !ctx.showCoMentions) {
      out.hidden = true;
      return out;
    }
    const source = graph.source(edge);
    const target = graph.target(edge);
    if (
      nodeHiddenByFilter(ctx, source, graph.getNodeAttributes(source)) ||
      nodeHiddenByFilter(ctx, target, graph.getNodeAttributes(target))
    ) {
      out.hidden = true;
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
