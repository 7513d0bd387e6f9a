// The explorer's view state: a plain, serializable object (it goes to the URL or to JSON as is),
// changed only by pure producers `(args) => (state) => state`. No React, no sigma here.
import { NODE_TYPES, RELATION_TYPES, type NodeType, type RelationType } from "../contract/types";
import { isIsoDay } from "../graph/utils";

/** A passage of an article opened in the reader (offsets as in the contract's Evidence). */
export interface OpenPassage {
  article: string;
  start: number;
  end: number;
}

/**
 * A request to move the camera: onto one node (centre and zoom in) or onto several (fit them all).
 * `seq` grows with every request so the same target can be re-focused.
 */
export interface CameraFocus {
  nodes: string[];
  seq: number;
}

/** Sigma's camera state (framed-graph coordinates), kept so a link restores the view. */
export interface CameraView {
  x: number;
  y: number;
  ratio: number;
  angle: number;
}

/** Which date a date window is about: when the meeting took place, or when the article was published. */
export type DateField = "event" | "publication";

/**
 * What the graph is restricted to. Every field at its default means "no restriction" (see DEFAULT_FILTERS);
 * the rules are in visibility.ts.
 */
export interface FilterState {
  /** Entity types switched off (legend or filter panel). */
  hiddenNodeTypes: NodeType[];
  /** Only these typed relations (empty: every type). In RELATION_TYPES order. */
  relationTypes: RelationType[];
  /** Only evidence from these articles (empty: every article). Sorted. */
  articles: string[];
  /** Only evidence from articles of these publishers (empty: every publisher). Sorted. */
  publishers: string[];
  /** Date window, YYYY-MM-DD inclusive; null = open. */
  dateFrom: string | null;
  dateTo: string | null;
  /** The window applies to meeting dates ("event") or to article publication dates ("publication"). */
  dateField: DateField;
  /** Keep what has no date (undated meetings or articles) when a window is set. */
  includeUndated: boolean;
  /** Minimum number of distinct supporting articles per edge (1: no restriction). */
  minSources: number;
  /** Show the CO_MENTIONED layer (hidden by default: co-mention is not a relation). */
  showCoMentions: boolean;
  /** Only the facts the sources disagree about (conflict subjects, the values they dispute, their edges). */
  disputedOnly: boolean;
  /** Hide entities left without any visible relation. */
  hideIsolated: boolean;
  /** Filtered-out parts are drawn faint instead of being hidden. */
  fade: boolean;
}

export const DEFAULT_FILTERS: FilterState = Object.freeze({
  hiddenNodeTypes: [],
  relationTypes: [],
  articles: [],
  publishers: [],
  dateFrom: null,
  dateTo: null,
  dateField: "event",
  includeUndated: true,
  minSources: 1,
  showCoMentions: false,
  disputedOnly: false,
  hideIsolated: false,
  fade: false,
}) as FilterState;

export const MIN_HOPS = 1;
export const MAX_HOPS = 3;
export const DEFAULT_HUB_CAP = 10;

/** The neighbourhood of one node: `hops` away at most, hubs showing at most `cap` new neighbours unless expanded. */
export interface NeighbourhoodState {
  center: string;
  hops: number;
  cap: number;
  /** Hubs whose "and N more" was opened: they show every neighbour. Sorted. */
  expanded: string[];
}

/** The two ends of a path; the path is drawn once both are set. */
export interface PathState {
  from: string | null;
  to: string | null;
}

export const PANELS = ["details", "filters", "path", "meetings", "conflicts"] as const;
export type Panel = (typeof PANELS)[number];

export interface ViewState {
  /** The node whose details are in the side panel (and whose neighbourhood is highlighted). */
  selectedNode: string | null;
  /** The edge whose evidence is in the side panel (exclusive with selectedNode). */
  selectedEdge: string | null;
  /** The node under the pointer (highlights its neighbourhood while hovered). */
  hoveredNode: string | null;
  /** Text typed in the search box. */
  search: string;
  filters: FilterState;
  neighbourhood: NeighbourhoodState | null;
  path: PathState | null;
  /** The tab of the side panel. */
  panel: Panel;
  /** The article passage open in the reader, if any. */
  passage: OpenPassage | null;
  /** The last camera request (search result chosen, "focus" button, neighbourhood, path). */
  cameraFocus: CameraFocus | null;
  /** The camera as last left by the user (for the URL). */
  camera: CameraView | null;
}

export type Producer = (state: ViewState) => ViewState;

export const initialViewState: ViewState = Object.freeze({
  selectedNode: null,
  selectedEdge: null,
  hoveredNode: null,
  search: "",
  filters: DEFAULT_FILTERS,
  neighbourhood: null,
  path: null,
  panel: "details",
  passage: null,
  cameraFocus: null,
  camera: null,
}) as ViewState;

/** Apply producers left to right. */
export function applyAll(state: ViewState, ...producers: Producer[]): ViewState {
  return producers.reduce((s, p) => p(s), state);
}

const sameList = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function nextFocus(state: ViewState, nodes: string[]): CameraFocus {
  return { nodes, seq: (state.cameraFocus?.seq ?? 0) + 1 };
}

// ---------- selection ----------

/** Select a node (or clear the selection with null). Changing the selection closes the article reader. */
export const selectNode =
  (key: string | null): Producer =>
  (state) => {
    if (state.selectedNode === key && state.selectedEdge === null) return state;
    return { ...state, selectedNode: key, selectedEdge: null, passage: null, panel: key === null ? state.panel : "details" };
  };

/** Select an edge: the side panel lists its evidence. */
export const selectEdge =
  (key: string | null): Producer =>
  (state) => {
    if (state.selectedEdge === key && state.selectedNode === null) return state;
    return { ...state, selectedEdge: key, selectedNode: null, passage: null, panel: key === null ? state.panel : "details" };
  };

export const clearSelection = (): Producer => (state) =>
  state.selectedNode === null && state.selectedEdge === null && state.passage === null
    ? state
    : { ...state, selectedNode: null, selectedEdge: null, passage: null };

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
    selectedEdge: null,
    panel: "details",
    passage: state.selectedNode === key ? state.passage : null,
    search: searchText ?? state.search,
    cameraFocus: nextFocus(state, [key]),
  });

/** Ask the camera to frame these nodes (the selection is left alone). */
export const frameNodes =
  (keys: readonly string[]): Producer =>
  (state) =>
    keys.length === 0 ? state : { ...state, cameraFocus: nextFocus(state, [...keys]) };

export const setPanel =
  (panel: Panel): Producer =>
  (state) =>
    state.panel === panel && state.passage === null ? state : { ...state, panel, passage: null };

export const openPassage =
  (passage: OpenPassage): Producer =>
  (state) => ({ ...state, passage: { article: passage.article, start: passage.start, end: passage.end } });

export const closePassage = (): Producer => (state) => (state.passage === null ? state : { ...state, passage: null });

/** Escape: close the reader, else the selection, else the path, else the neighbourhood. */
export const escape = (): Producer => (state) => {
  if (state.passage) return closePassage()(state);
  if (state.selectedNode !== null || state.selectedEdge !== null) return clearSelection()(state);
  return state;
};

export const setCamera =
  (camera: CameraView | null): Producer =>
  (state) => {
    const a = state.camera;
    if (a === camera) return state;
    if (a && camera && a.x === camera.x && a.y === camera.y && a.ratio === camera.ratio && a.angle === camera.angle) return state;
    return { ...state, camera: camera && { x: camera.x, y: camera.y, ratio: camera.ratio, angle: camera.angle } };
  };

// ---------- filters ----------

/** Change the filters; the same state comes back when nothing changed. */
export const updateFilters =
  (change: (filters: FilterState) => FilterState): Producer =>
  (state) => {
    const next = change(state.filters);
    if (next === state.filters) return state;
    const same = (Object.keys(DEFAULT_FILTERS) as (keyof FilterState)[]).every((k) => {
      const a = state.filters[k];
      const b = next[k];
      return Array.isArray(a) && Array.isArray(b) ? sameList(a, b) : a === b;
    });
    return same ? state : { ...state, filters: next };
  };

export const setShowCoMentions = (show: boolean): Producer => updateFilters((f) => ({ ...f, showCoMentions: show }));

/** Show or hide one node type; the list stays in NODE_TYPES order so equal views serialize equally. */
export const toggleNodeType = (type: NodeType): Producer =>
  updateFilters((f) => {
    const hidden = new Set(f.hiddenNodeTypes);
    if (hidden.has(type)) hidden.delete(type);
    else hidden.add(type);
    return { ...f, hiddenNodeTypes: NODE_TYPES.filter((t) => hidden.has(t)) };
  });

/** Add or remove one relation type from the "only these relations" list (RELATION_TYPES order). */
export const toggleRelationType = (type: RelationType): Producer =>
  updateFilters((f) => {
    const only = new Set(f.relationTypes);
    if (only.has(type)) only.delete(type);
    else only.add(type);
    return { ...f, relationTypes: RELATION_TYPES.filter((t) => only.has(t)) };
  });

export const setRelationTypes = (types: readonly RelationType[]): Producer =>
  updateFilters((f) => ({ ...f, relationTypes: RELATION_TYPES.filter((t) => types.includes(t)) }));

function toggled(list: readonly string[], value: string): string[] {
  const set = new Set(list);
  if (set.has(value)) set.delete(value);
  else set.add(value);
  return [...set].sort();
}

export const toggleArticle = (id: string): Producer => updateFilters((f) => ({ ...f, articles: toggled(f.articles, id) }));

export const togglePublisher = (name: string): Producer => updateFilters((f) => ({ ...f, publishers: toggled(f.publishers, name) }));


/** A date window (YYYY-MM-DD, inclusive; null leaves that side open). A reversed window is put in order. */
export const setDateWindow = (from: string | null, to: string | null): Producer =>
  updateFilters((f) => {
    let a = from && isIsoDay(from) ? from : null;
    let b = to && isIsoDay(to) ? to : null;
    if (a && b && a > b) [a, b] = [b, a];
    return { ...f, dateFrom: a, dateTo: b };
  });

export const setDateField = (field: DateField): Producer => updateFilters((f) => ({ ...f, dateField: field }));

export const setIncludeUndated = (include: boolean): Producer => updateFilters((f) => ({ ...f, includeUndated: include }));

export const setMinSources = (n: number): Producer =>
  updateFilters((f) => ({ ...f, minSources: Number.isFinite(n) ? Math.max(1, Math.floor(n)) : 1 }));

export const setDisputedOnly = (only: boolean): Producer => updateFilters((f) => ({ ...f, disputedOnly: only }));

export const setHideIsolated = (hide: boolean): Producer => updateFilters((f) => ({ ...f, hideIsolated: hide }));

export const setFade = (fade: boolean): Producer => updateFilters((f) => ({ ...f, fade }));

/** Back to no restriction (the display choice, fade or hide, is kept). */
export const resetFilters = (): Producer => updateFilters((f) => ({ ...DEFAULT_FILTERS, fade: f.fade }));

/** Is any restriction set (the fade switch is a display choice, not a restriction)? */
export function filtersActive(filters: FilterState): boolean {
  return (Object.keys(DEFAULT_FILTERS) as (keyof FilterState)[]).some((k) => {
    if (k === "fade" || k === "dateField" || k === "includeUndated") return false;
    const a = filters[k];
    const b = DEFAULT_FILTERS[k];
    return Array.isArray(a) && Array.isArray(b) ? !sameList(a, b) : a !== b;
  });
}

// ---------- neighbourhood ----------

function clampHops(hops: number): number {
  return Math.min(MAX_HOPS, Math.max(MIN_HOPS, Number.isFinite(hops) ? Math.round(hops) : MIN_HOPS));
}

/**
 * Show only the nodes within `hops` of `center` (the path, if any, is dropped: one focus at a time). The
 * explorer frames the camera on the result (it knows which nodes that is).
 */
export const setNeighbourhood =
  (center: string, hops: number): Producer =>
  (state) => {
    const h = clampHops(hops);
    const current = state.neighbourhood;
    if (current && current.center === center && current.hops === h) return state;
    return {
      ...state,
      neighbourhood: {
        center,
        hops: h,
        cap: current?.cap ?? DEFAULT_HUB_CAP,
        expanded: current && current.center === center ? current.expanded : [],
      },
      path: null,
    };
  };

/** "And N more": this hub shows all its neighbours. */
export const expandHub =
  (hub: string): Producer =>
  (state) => {
    const nb = state.neighbourhood;
    if (!nb || nb.expanded.includes(hub)) return state;
    return { ...state, neighbourhood: { ...nb, expanded: [...nb.expanded, hub].sort() } };
  };

export const setHubCap =
  (cap: number): Producer =>
  (state) => {
    const nb = state.neighbourhood;
    const c = Math.max(1, Math.min(500, Number.isFinite(cap) ? Math.round(cap) : DEFAULT_HUB_CAP));
    if (!nb || nb.cap === c) return state;
    return { ...state, neighbourhood: { ...nb, cap: c } };
  };

export const clearNeighbourhood = (): Producer => (state) => (state.neighbourhood === null ? state : { ...state, neighbourhood: null });

// ---------- path ----------

/** Set one end of the path (null clears it); setting an end opens the path panel and drops the neighbourhood. */
export const setPathEnd =
  (end: "from" | "to", key: string | null): Producer =>
  (state) => {
    const path: PathState = { from: state.path?.from ?? null, to: state.path?.to ?? null, [end]: key };
    if (state.path && state.path.from === path.from && state.path.to === path.to) return state;
    return {
      ...state,
      path: path.from === null && path.to === null ? null : path,
      neighbourhood: null,
      panel: "path",
      passage: null,
    };
  };

export const swapPath = (): Producer => (state) =>
  state.path === null ? state : { ...state, path: { from: state.path.to, to: state.path.from } };

export const clearPath = (): Producer => (state) => (state.path === null ? state : { ...state, path: null });

// ---------- graph reloads ----------

/** Drop references to nodes and edges that are not in the graph (e.g. after the graph was reloaded). */
export const pruneMissing =
  (hasNode: (key: string) => boolean, hasEdge: (key: string) => boolean = () => true, hasArticle: (id: string) => boolean = () => true): Producer =>
  (state) => {
    const keep = (key: string | null) => (key !== null && hasNode(key) ? key : null);
    const selectedNode = keep(state.selectedNode);
    const selectedEdge = state.selectedEdge !== null && hasEdge(state.selectedEdge) ? state.selectedEdge : null;
    const hoveredNode = keep(state.hoveredNode);
    const focusNodes = state.cameraFocus?.nodes.filter(hasNode) ?? [];
    const cameraFocus = state.cameraFocus && focusNodes.length === state.cameraFocus.nodes.length ? state.cameraFocus : null;
    const nb = state.neighbourhood;
    const neighbourhood = nb && hasNode(nb.center) ? (nb.expanded.every(hasNode) ? nb : { ...nb, expanded: nb.expanded.filter(hasNode) }) : null;
    const from = keep(state.path?.from ?? null);
    const to = keep(state.path?.to ?? null);
    const path = state.path === null ? null : from === state.path.from && to === state.path.to ? state.path : from === null && to === null ? null : { from, to };
    const articles = state.filters.articles.filter(hasArticle);
    const filters = articles.length === state.filters.articles.length ? state.filters : { ...state.filters, articles };
    const passage = state.passage && hasArticle(state.passage.article) && selectedNode === state.selectedNode && selectedEdge === state.selectedEdge ? state.passage : null;
    if (
      selectedNode === state.selectedNode &&
      selectedEdge === state.selectedEdge &&
      hoveredNode === state.hoveredNode &&
      cameraFocus === state.cameraFocus &&
      neighbourhood === state.neighbourhood &&
      path === state.path &&
      filters === state.filters &&
      passage === state.passage
    ) {
      return state;
    }
    return { ...state, selectedNode, selectedEdge, hoveredNode, cameraFocus, neighbourhood, path, filters, passage };
  };
