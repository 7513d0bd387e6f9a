// How much of the graph the explorer holds, and how pieces fetched from the API join it. Pure: no React,
// no fetch (components/explorer/remote.ts fetches the URLs made here).
//
// Why: the whole graph of a 10,000-article build is 369 MB of JSON (49,903 nodes, 507,916 edges); no
// browser reads that in seconds. The explorer's first view is the FIRST_VIEW_NODES best connected nodes
// (GET /api/graph?limit=N&comentionsIfWhole=1: a graph within the cap comes whole, exactly as without a
// limit). Whatever the user then asks about beyond it (a search hit, a neighbourhood, a path) is fetched
// from the API, which answers over the whole graph, and merged into the loaded document, so every panel
// and filter keeps working on one model.
import type { Conflict, GraphDocument, SerializedEdge, SerializedNode } from "../contract/types";
import { NODE_TYPES } from "../contract/types";
import type { GraphTotals, NeighborhoodResult, PathResult } from "../graph/types";
import { GRAPH_API } from "./loading";
import type { FilterState, ViewState } from "./state";

/**
 * The first view: this many best connected nodes. Chosen from measurements in headless Chromium (software
 * WebGL, 2 shared cores) on the 10,000-article build, against the page target of a graph drawn within 5 s:
 * 4,000 nodes (22,522 relations, 11.4 MB gzip) drew in 3.0 s (median), 5,000 (30,105 relations) in 3.4–5.0 s
 * depending on the machine's load, 10,000 in 13 s; see the README ("The explorer").
 * `NEWSGRAPH_FIRST_VIEW_NODES` overrides it for a deployment (parseFirstViewNodes).
 */
export const FIRST_VIEW_NODES = 4000;

/** The largest first view a deployment may ask for (the API's own cap on `limit`). */
export const MAX_FIRST_VIEW_NODES = 1_000_000;

/** A brought-in neighbourhood has at most this many nodes (the API's default cap: a hub's is cut, and says so). */
export const BRING_IN_NODES = 500;

/** The first view's size from the environment (`NEWSGRAPH_FIRST_VIEW_NODES`); the default when unset or blank. */
export function parseFirstViewNodes(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return FIRST_VIEW_NODES;
  const value = raw.trim();
  const n = /^\d{1,7}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_FIRST_VIEW_NODES) {
    throw new Error(`newsgraph/view: NEWSGRAPH_FIRST_VIEW_NODES must be an integer from 1 to ${MAX_FIRST_VIEW_NODES}, got ${JSON.stringify(raw)}`);
  }
  return n;
}

/** The first view's request: the `limit` best connected nodes, without co-mentions when the graph is cut. */
export function firstViewUrl(limit: number = FIRST_VIEW_NODES): string {
  return `${GRAPH_API}?limit=${limit}&comentionsIfWhole=1`;
}

/** The whole graph, when the user asks for it. */
export const WHOLE_GRAPH_URL = GRAPH_API;

// ---------- coverage ----------

/** What the loaded document is of the whole graph. */
export interface Coverage {
  /** Nodes were left out: the loaded document is part of the graph. */
  truncated: boolean;
  /** The first view's cap (null: the whole graph was asked for, or a file was opened). */
  limit: number | null;
  /** What the whole graph holds, as the server counted it (null when the loaded document is the whole graph). */
  total: GraphTotals | null;
  /** Nodes brought in from the server since the first view (search, neighbourhood, path), in order. */
  broughtIn: string[];
}

export const WHOLE_COVERAGE: Coverage = Object.freeze({ truncated: false, limit: null, total: null, broughtIn: [] }) as unknown as Coverage;

export type CoverageProducer = (coverage: Coverage) => Coverage;

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

/**
 * The coverage a limited /api/graph answer describes (its `truncated` and `total` fields; the document
 * itself is checked by parseGraphDocument). An answer without `truncated` is a whole GraphDocument (what
 * /api/graph answers without a limit, or a graph a test or a proxy serves as is). Throws naming the field
 * and the value it got.
 */
export function coverageOfAnswer(raw: unknown, limit: number): Coverage {
  const answer = (raw ?? {}) as { truncated?: unknown; total?: unknown };
  if (answer.truncated === undefined || answer.truncated === false) return { ...WHOLE_COVERAGE, limit };
  if (answer.truncated !== true) {
    throw new Error(`newsgraph/view: the first view's answer must say truncated: true or false, got ${JSON.stringify(answer.truncated)}`);
  }
  const total = (answer.total ?? null) as Partial<GraphTotals> | null;
  if (!total || !isCount(total.nodes) || !isCount(total.relations) || !isCount(total.coMentions)) {
    throw new Error(`newsgraph/view: a truncated answer must give total { nodes, relations, coMentions }, got ${JSON.stringify(answer.total) ?? "nothing"}`);
  }
  return { truncated: true, limit, total: { nodes: total.nodes, relations: total.relations, coMentions: total.coMentions }, broughtIn: [] };
}

/** Nodes were brought in from the server (the first time only, in order). */
export const noteBroughtIn =
  (keys: readonly string[]): CoverageProducer =>
  (coverage) => {
    if (!coverage.truncated) return coverage;
    const known = new Set(coverage.broughtIn);
    const fresh = keys.filter((key) => !known.has(key) && (known.add(key), true));
    return fresh.length === 0 ? coverage : { ...coverage, broughtIn: [...coverage.broughtIn, ...fresh] };
  };

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

/**
 * The banner over a truncated view: "Showing the 4,000 best-connected of 49,903 entities and meetings",
 * and what came in since. Null when the whole graph is loaded.
 */
export function coverageText(coverage: Coverage, loadedNodes: number): string | null {
  if (!coverage.truncated || !coverage.total) return null;
  const first = loadedNodes - coverage.broughtIn.length;
  const head = `Showing the ${first.toLocaleString("en-US")} best-connected of ${count(coverage.total.nodes, "entity and meeting", "entities and meetings")}`;
  return coverage.broughtIn.length > 0 ? `${head}, and ${count(coverage.broughtIn.length, "more", "more")} brought in` : head;
}

/**
 * The nodes a view state names (a shared link's selection, the selected edge's ends, the neighbourhood's
 * centre and expanded hubs, the path's ends), in that order, each once. In a truncated view those not
 * loaded are brought in before the state is pruned: a link must show what it names, not the first view.
 */
export function linkedNodes(state: ViewState): string[] {
  const keys: string[] = [];
  if (state.selectedNode) keys.push(state.selectedNode);
  if (state.selectedEdge) {
    // Edge keys are `source|TYPE|target` (the contract).
    const parts = state.selectedEdge.split("|");
    if (parts.length === 3) keys.push(parts[0]!, parts[2]!);
  }
  if (state.neighbourhood) keys.push(state.neighbourhood.center, ...state.neighbourhood.expanded);
  if (state.path?.from) keys.push(state.path.from);
  if (state.path?.to) keys.push(state.path.to);
  return [...new Set(keys.filter((key) => key !== ""))];
}

// ---------- merging fetched pieces ----------

/** Nodes and edges fetched from the API, in graph.json's shapes. */
export interface GraphPiece {
  nodes: readonly SerializedNode[];
  edges: readonly SerializedEdge[];
  conflicts?: readonly Conflict[];
}

const finite = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/**
 * A producer that adds a piece to the loaded document: nodes it does not hold yet (after its own, in the
 * piece's order), edges it does not hold whose ends it then holds, and conflicts about nodes it then holds
 * that it lacks (the first view has every conflict about its nodes; a node brought in gets its own when it
 * is selected, see conflictsPiece). What the document already holds is kept as it is (the same graph.json
 * answered both). The same document comes back when the piece adds nothing, so nothing downstream is rebuilt.
 *
 * Positions: nodes carry the build's layout (x/y in graph.json), so a brought-in node lands where the
 * whole graph has it. A node without one (a backend that does not keep the layout) is placed at the middle
 * of its placed neighbours, or left for the render graph's fallback when it has none.
 */
export const mergePiece =
  (piece: GraphPiece) =>
  (doc: GraphDocument): GraphDocument => {
    const held = new Set(doc.graph.nodes.map((node) => node.key));
    const fresh = piece.nodes.filter((node) => !held.has(node.key) && (held.add(node.key), true));
    const edgeKeys = new Set(doc.graph.edges.map((edge) => edge.key));
    const freshEdges = piece.edges.filter(
      (edge) => edge.source !== edge.target && held.has(edge.source) && held.has(edge.target) && !edgeKeys.has(edge.key) && (edgeKeys.add(edge.key), true),
    );
    const conflictKeys = new Set(doc.conflicts.map(conflictId));
    const freshConflicts = (piece.conflicts ?? []).filter(
      (c) => held.has(c.subject) && !conflictKeys.has(conflictId(c)) && (conflictKeys.add(conflictId(c)), true),
    );
    if (fresh.length === 0 && freshEdges.length === 0 && freshConflicts.length === 0) return doc;
    const freshKeys = new Set(fresh.map((node) => node.key));
    const nodes = [...doc.graph.nodes, ...fresh.map((node) => ({ key: node.key, attributes: { ...node.attributes } }))];
    const edges = [...doc.graph.edges, ...freshEdges];
    placeUnplaced(nodes, edges, freshKeys);
    return { ...doc, graph: { ...doc.graph, nodes, edges }, conflicts: [...doc.conflicts, ...freshConflicts] };
  };

/** A conflict's identity: the same subject may be disputed on several fields, and a field may be disputed twice. */
function conflictId(conflict: Conflict): string {
  return JSON.stringify([conflict.subject, conflict.field, conflict.claims.map((c) => [c.value, c.evidence.article, c.evidence.start, c.evidence.end])]);
}

/** The conflicts of a GET /api/nodes/<key> answer as a piece (the node itself is already held). */
export function conflictsPiece(detail: { conflicts: readonly Conflict[] }): GraphPiece {
  return { nodes: [], edges: [], conflicts: detail.conflicts };
}

/** Gives fresh nodes without a position the middle of their placed neighbours (in place: the nodes are the merge's own copies). */
function placeUnplaced(nodes: SerializedNode[], edges: readonly SerializedEdge[], fresh: ReadonlySet<string>): void {
  const byKey = new Map(nodes.map((node) => [node.key, node]));
  const unplaced = nodes.filter((node) => fresh.has(node.key) && !(finite(node.attributes.x) && finite(node.attributes.y)));
  if (unplaced.length === 0) return;
  const waiting = new Set(unplaced.map((node) => node.key));
  const sums = new Map<string, { x: number; y: number; n: number }>();
  for (const edge of edges) {
    for (const [end, other] of [
      [edge.source, edge.target],
      [edge.target, edge.source],
    ] as const) {
      if (!waiting.has(end)) continue;
      const a = byKey.get(other)?.attributes;
      if (!a || !finite(a.x) || !finite(a.y) || waiting.has(other)) continue;
      const sum = sums.get(end) ?? { x: 0, y: 0, n: 0 };
      sums.set(end, { x: sum.x + a.x, y: sum.y + a.y, n: sum.n + 1 });
    }
  }
  unplaced.forEach((node, i) => {
    const sum = sums.get(node.key);
    if (!sum) return;
    // A small, deterministic offset: two nodes with the same neighbours must not sit on one point.
    const angle = i * 2.399963;
    node.attributes.x = sum.x / sum.n + Math.cos(angle) * 2;
    node.attributes.y = sum.y / sum.n + Math.sin(angle) * 2;
  });
}

/** Several pieces as one (one merge, one model build); mergePiece drops what they repeat. */
export function combinePieces(pieces: readonly GraphPiece[]): GraphPiece {
  return { nodes: pieces.flatMap((p) => p.nodes), edges: pieces.flatMap((p) => p.edges), conflicts: pieces.flatMap((p) => p.conflicts ?? []) };
}

/** At most this many nodes are brought in at once (a console result may name thousands: one request each). */
export const MAX_BRING_IN_AT_ONCE = 50;

/** A /api/neighborhood answer as a piece. */
export function pieceFromNeighborhood(result: Pick<NeighborhoodResult, "nodes" | "edges">): GraphPiece {
  return { nodes: result.nodes.map((node) => ({ key: node.key, attributes: node.attributes })), edges: result.edges };
}

/**
 * A /api/path answer as a piece: its edges in graph.json's shape (the path gives type, note, articleCount
 * and every passage; the publisher count is left to the explorer, which counts it from the passages), and
 * `nodes`, the path's nodes the document lacked, fetched with their attributes.
 */
export function pieceFromPath(path: PathResult, nodes: readonly SerializedNode[]): GraphPiece {
  const edges: SerializedEdge[] = path.hops.map(({ edge }) => ({
    key: edge.key,
    source: edge.source,
    target: edge.target,
    attributes: { type: edge.type, evidence: edge.evidence, articleCount: edge.articleCount, ...(edge.note !== undefined ? { note: edge.note } : {}) },
  }));
  return { nodes, edges };
}

// ---------- asking the API what the loaded part cannot answer ----------

/**
 * The view's filters as API filter parameters, for the questions asked of the whole graph (paths,
 * neighbourhoods), whose answers are merged into the loaded document. Only the filters that choose nodes
 * and edges are sent (types, relations, minSources, the co-mention layer): the source filters (articles,
 * publishers) would also cut the evidence and mentions of what comes back, and a merged edge must carry all
 * of its passages, as graph.json does, once the filter is cleared. `exact` is false when a filter is not
 * sent (source filters; the date window, which the API applies to publication and meeting dates at once;
 * "only disputed facts"): the answer is narrowed on the loaded part then, which may miss a path or a
 * neighbour that only a node not loaded would give.
 */
export function apiFilterQuery(filters: FilterState): { query: string; exact: boolean } {
  const params = new URLSearchParams();
  if (filters.hiddenNodeTypes.length > 0) params.set("types", NODE_TYPES.filter((t) => !filters.hiddenNodeTypes.includes(t)).join(","));
  if (filters.relationTypes.length > 0) params.set("relations", filters.relationTypes.join(","));
  if (filters.minSources > 1) params.set("minSources", String(filters.minSources));
  if (filters.showCoMentions) params.set("comentions", "1");
  const exact =
    filters.articles.length === 0 && filters.publishers.length === 0 && filters.dateFrom === null && filters.dateTo === null && !filters.disputedOnly;
  return { query: params.toString(), exact };
}

function withQuery(base: string, params: URLSearchParams, extra: string): string {
  const own = params.toString();
  const query = [own, extra].filter((part) => part !== "").join("&");
  return query ? `${base}?${query}` : base;
}

/** GET /api/search over the whole graph. */
export function searchUrl(text: string, limit: number): string {
  return withQuery("/api/search", new URLSearchParams({ q: text.trim(), limit: String(limit) }), "");
}

/** GET /api/neighborhood: `hops` around `key`, at most `limit` nodes, the view's filters (apiFilterQuery). */
export function neighbourhoodUrl(key: string, hops: number, filterQuery = "", limit = BRING_IN_NODES): string {
  return withQuery("/api/neighborhood", new URLSearchParams({ key, hops: String(hops), limit: String(limit) }), filterQuery);
}

/** GET /api/nodes/<key>: one node, its relations and the conflicts about it. */
export function nodeDetailUrl(key: string): string {
  return `/api/nodes/${encodeURIComponent(key)}`;
}

/** One node with its attributes and nothing else (a neighbourhood cut to its centre). */
export function nodeUrl(key: string): string {
  return neighbourhoodUrl(key, 1, "", 1);
}

/** GET /api/path between two nodes, the view's filters (apiFilterQuery; dates only as dateFrom/dateTo, never sent). */
export function pathUrl(from: string, to: string, filterQuery = ""): string {
  return withQuery("/api/path", new URLSearchParams({ from, to }), filterQuery);
}

/**
 * What the explorer knows about an answer it asked the whole graph for (a path, a neighbourhood), keyed by
 * the question (`id`) so an answer to an older question is never shown for a newer one.
 */
export type RemoteCheck =
  | { id: string; state: "checking" }
  | { id: string; state: "done"; exact: boolean; cut: boolean }
  | { id: string; state: "error"; message: string };

/**
 * The note under a path or a neighbourhood computed on the loaded part of a truncated graph: null when the
 * answer is the whole graph's (not truncated, or checked against the whole graph with the same filters).
 */
export function completenessNote(kind: "path" | "neighbourhood", coverage: Coverage | null, check: RemoteCheck | null, id: string): string | null {
  if (!coverage?.truncated) return null;
  const what = kind === "path" ? "a shorter path may exist" : "neighbours may be missing";
  if (!check || check.id !== id) return `The view holds part of the graph: ${what}.`;
  switch (check.state) {
    case "checking":
      return "Asking the whole graph…";
    case "error":
      return `The whole graph could not be asked (${check.message}): this answer comes from the loaded part, and ${what}.`;
    case "done":
      if (check.cut) return `The server cut this neighbourhood at ${BRING_IN_NODES.toLocaleString("en-US")} entities: more exist.`;
      return check.exact ? null : `Asked of the whole graph without the source, date or "only disputed facts" filters, then narrowed here: ${what}.`;
  }
}
