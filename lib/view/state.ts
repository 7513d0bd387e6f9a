// The explorer's view state: a plain, serializable object (it can go to the URL or to JSON as is),
// changed only by pure producers `(args) => (state) => state`. No React, no sigma here.
import { NODE_TYPES, type NodeType } from "../contract/types";

/** A passage of an article opened in the reader (offsets as in the contract's Evidence). */
export interface OpenPassage {
  article: string;
  start: number;
  end: number;
}

/** A request to move the camera onto a node; `seq` grows with every request so the same node can be re-focused. */
export interface CameraFocus {
  node: string;
  seq: number;
}

export interface ViewState {
  /** The node whose details are in the side panel (and whose neighbourhood is highlighted). */
  selectedNode: string | null;
  /** The node under the pointer (highlights its neighbourhood while hovered). */
  hoveredNode: string | null;
  /** Text typed in the search box. */
  search: string;
  /** Show the CO_MENTIONED layer (hidden by default: co-mention is not a relation). */
  showCoMentions: boolean;
  /** Node types switched off in the legend. */
  hiddenNodeTypes: NodeType[];
  /** The article passage open in the reader, if any. */
  passage: OpenPassage | null;
  /** The last camera request (search result chosen, "focus" button). */
  cameraFocus: CameraFocus | null;
}

export type Producer = (state: ViewState) => ViewState;

export const initialViewState: ViewState = Object.freeze({
  selectedNode: null,
  hoveredNode: null,
  search: "",
  showCoMentions: false,
  hiddenNodeTypes: [],
  passage: null,
  cameraFocus: null,
}) as ViewState;

/** Select a node (or clear the selection with null). Changing the selection closes the article reader. */
export const selectNode =
  (key: string | null): Producer =>
  (state) => {
    if (state.selectedNode === key) return state;
    return { ...state, selectedNode: key, passage: null };
  };

export const clearSelection = (): Producer => selectNode(null);

export const hoverNode =
  (key: string | null): Producer =>
  (state) =>
    state.hoveredNode === key ? state : { ...state, hoveredNode: key };

export const setSearch =
  (text: string): Producer =>
  (state) =>
    state.search === text ? state : { ...state, search: text };

/** Choose a node from the search (or any "show on graph" action): select it and ask the camera to go there. */
export const focusNode =
  (key: string, searchText?: string): Producer =>
  (state) => ({
    ...state,
    selectedNode: key,
    passage: state.selectedNode === key ? state.passage : null,
    search: searchText ?? state.search,
    cameraFocus: { node: key, seq: (state.cameraFocus?.seq ?? 0) + 1 },
  });

export const setShowCoMentions =
  (show: boolean): Producer =>
  (state) =>
    state.showCoMentions === show ? state : { ...state, showCoMentions: show };

/** Show or hide one node type; the list stays in NODE_TYPES order so equal views serialize equally. */
export const toggleNodeType =
  (type: NodeType): Producer =>
  (state) => {
    const hidden = new Set(state.hiddenNodeTypes);
    if (hidden.has(type)) hidden.delete(type);
    else hidden.add(type);
    return { ...state, hiddenNodeTypes: NODE_TYPES.filter((t) => hidden.has(t)) };
  };

export const openPassage =
  (passage: OpenPassage): Producer =>
  (state) => ({ ...state, passage: { article: passage.article, start: passage.start, end: passage.end } });

export const closePassage = (): Producer => (state) => (state.passage === null ? state : { ...state, passage: null });

/** Apply producers left to right. */
export function applyAll(state: ViewState, ...producers: Producer[]): ViewState {
  return producers.reduce((s, p) => p(s), state);
}

/** Drop references to nodes that are not in the graph (e.g. after the graph was reloaded). */
export const pruneMissing =
  (hasNode: (key: string) => boolean): Producer =>
  (state) => {
    const selectedNode = state.selectedNode !== null && hasNode(state.selectedNode) ? state.selectedNode : null;
    const hoveredNode = state.hoveredNode !== null && hasNode(state.hoveredNode) ? state.hoveredNode : null;
    const cameraFocus = state.cameraFocus !== null && hasNode(state.cameraFocus.node) ? state.cameraFocus : null;
    if (selectedNode === state.selectedNode && hoveredNode === state.hoveredNode && cameraFocus === state.cameraFocus) {
      return state;
    }
    return {
      ...state,
      selectedNode,
      hoveredNode,
      cameraFocus,
      passage: selectedNode === state.selectedNode ? state.passage : null,
    };
  };
