// The query interface shared by the in-memory backend (lib/graph/memory.ts, graphology) and
// the Neo4j backend (lib/neo4j). Every method is async so both can implement it, and every
// result is a plain, JSON-serializable object made of node keys, contract attributes and
// edges with their evidence — never a graphology or driver object — so parity tests can
// compare the two backends with deep equality. Every list in a result has a documented,
// total sort order for the same reason.
//
// The API routes (server/routes/…) return these shapes as JSON; see each route's header comment.

import type {
  ArticleMeta,
  Conflict,
  EdgeType,
  Evidence,
  GraphDocument,
  Mention,
  NodeAttributes,
  NodeType,
  RelationType,
  SerializedEdge,
  StatedDate,
} from "../contract";

export type { GraphDocument };

/**
 * Restricts what a query sees. Every field is optional; an absent field or an empty list
 * means "no restriction".
 *
 * - `nodeTypes`: only nodes of these types (the start node of a neighborhood and the two
 *   ends of a path are always allowed, so "people around this organization" works).
 * - `relationTypes`: only typed relations of these types. CO_MENTIONED is governed by
 *   `includeCoMentions` alone.
 * - `articles`, `publishers`, `dateFrom`/`dateTo` (source filters): only evidence and
 *   mentions from articles with one of these ids, from one of these publishers (compared
 *   case- and accent-insensitively; an article without a publisher matches none), and
 *   published within the date range. An edge left without evidence disappears.
 *   Articles without a date pass the date range, because excluding them would hide most of
 *   a corpus whose articles state no date. The date range also drops Meeting nodes whose
 *   stated dates all fall outside it (meetings without a date stay).
 * - `minSources`: only edges supported by at least this many distinct articles (counted
 *   after the source filters).
 * - `includeCoMentions`: include the CO_MENTIONED layer (default false).
 */
export interface GraphFilters {
  nodeTypes?: NodeType[];
  relationTypes?: RelationType[];
  articles?: string[];
  publishers?: string[];
  minSources?: number;
  includeCoMentions?: boolean;
  /** YYYY-MM-DD, inclusive. */
  dateFrom?: string;
  /** YYYY-MM-DD, inclusive. */
  dateTo?: string;
}

/** What a graph document holds: nodes (entities and meetings), typed relations, CO_MENTIONED edges. */
export interface GraphTotals {
  nodes: number;
  relations: number;
  coMentions: number;
}

/**
 * GET /api/graph?limit=N: the document cut to its N best connected nodes (server/http/caps.ts).
 * `truncated`: whether nodes were left out. `total`: what the document (filtered, when filters were
 * given) held before the cut, so a client can say how much of the graph it is showing.
 * With comentionsIfWhole=1, a truncated answer has no CO_MENTIONED edges (`total` still counts them).
 */
export type LimitedGraphDocument = GraphDocument & { truncated: boolean; total: GraphTotals };

/** The smallest useful description of a node in a result. */
export interface NodeRef {
  key: string;
  type: NodeType;
  label: string;
}

/**
 * An edge as in graph.json (`{ key, source, target, attributes }`), its attributes as stored
 * except that source filters restrict `evidence` (and recount articleCount/publisherCount).
 */
export type GraphEdge = SerializedEdge;

/** A node as in graph.json (mentions restricted by source filters) plus its distance in hops from the center. */
export interface NeighborhoodNode {
  key: string;
  attributes: NodeAttributes;
  distance: number;
}

/**
 * `neighborhood(center, hops)`: the nodes within `hops` of `center` (undirected) and every
 * edge between them that passes the filters.
 * Sorted: nodes by distance, then key; edges by key.
 */
export interface NeighborhoodResult {
  center: string;
  hops: number;
  nodes: NeighborhoodNode[];
  edges: GraphEdge[];
  /**
   * Only when the call gave `limits` and the backend applied them: whether nodes or edges
   * were left out (see NeighborhoodLimits).
   */
  truncated?: boolean;
}

/**
 * Caps on `neighborhood()`: at most `maxNodes` nodes (≥ 1), the nearest first in the result's
 * order (so the center always stays), and at most `maxEdges` edges between them, in key order.
 * A backend that applies them sets `truncated`; one that does not returns the whole
 * neighbourhood (the API cuts it with server/http/caps.ts, which gives the same answer).
 */
export interface NeighborhoodLimits {
  maxNodes: number;
  maxEdges: number;
}

/** The edge a path hop walks along. `direction` is "forward" when the edge points from `from` to `to`. */
export interface PathEdge {
  key: string;
  type: EdgeType;
  source: string;
  target: string;
  direction: "forward" | "backward";
  note?: string;
  /** Distinct articles among `evidence`. */
  articleCount: number;
  /** Sorted by article, start, end. */
  evidence: Evidence[];
}

export interface PathHop {
  from: string;
  to: string;
  edge: PathEdge;
}

/**
 * `shortestPath(from, to)`: the fewest hops, edges walked in either direction.
 * Tie-breaking, so both backends agree: among shortest paths, the one whose sequence of
 * node keys is lexicographically smallest; for each hop, among parallel edges, a typed
 * relation before CO_MENTIONED, then the most distinct articles, then the smallest edge key.
 * `nodes` lists the path's nodes in order; `length === hops.length`.
 */
export interface PathResult {
  from: string;
  to: string;
  length: number;
  nodes: NodeRef[];
  hops: PathHop[];
}

/** A node related to a meeting, with the evidence of that relation (sorted by article, start, end). */
export interface RelatedNode extends NodeRef {
  evidence: Evidence[];
}

/**
 * `meetingsOf(entity)`: a meeting the entity ATTENDED.
 * `places` via HELD_IN and `participants` via ATTENDED (the entity included) are sorted by key;
 * `evidence` is the evidence of the entity's own ATTENDED edge.
 * Meetings are sorted by their earliest stated ISO start date (undated last), then key.
 */
export interface MeetingSummary {
  key: string;
  label: string;
  description?: string;
  date: StatedDate | null;
  dates: StatedDate[];
  places: RelatedNode[];
  participants: RelatedNode[];
  evidence: Evidence[];
}

/**
 * `coAttendees(entity)`: an entity that attended at least one meeting with `entity`.
 * `meetings` sorted by key; co-attendees sorted by number of shared meetings (most first), then key.
 */
export interface CoAttendee extends NodeRef {
  meetings: NodeRef[];
}

/** A node named or evidenced in one article. */
export interface SourceEntity extends NodeRef {
  /** The node's mentions in this article, sorted by start, end. */
  mentions: Mention[];
  /** Typed relations (not CO_MENTIONED) touching the node with evidence from this article. */
  relations: number;
  /** Where the article first names the node (its first supporting passage when no mention is recorded). */
  firstOffset: number;
}

/** `entitiesBySource(article)`: entities sorted in reading order (firstOffset), then key. */
export interface SourceEntities {
  article: ArticleMeta;
  entities: SourceEntity[];
}

/** `claimsWithFewerThan(n)`: a typed relation with fewer than n distinct supporting articles. Sorted by articleCount, then key. */
export interface Claim {
  key: string;
  type: RelationType;
  source: NodeRef;
  target: NodeRef;
  note?: string;
  articleCount: number;
  /** Sorted by article, start, end. */
  evidence: Evidence[];
}

export type SearchMatch = "exact" | "prefix" | "word" | "tokens" | "infix" | "fuzzy";

/**
 * `search(text)`: one hit per node, ranked by the best match over its label and aliases
 * (all compared after foldText: case-, accent- and punctuation-insensitive, possessive "’s"
 * dropped): exact, then prefix of the name, then prefix of a word of the name, then every
 * query word a prefix of some name word, then infix, then fuzzy (each query word of 6+ letters
 * within one edit of a name word, two from 9 letters). Ties: label before alias, then more articles,
 * then label, then key.
 */
export interface SearchHit extends NodeRef {
  /** The label or alias that matched, as written in the graph. */
  matched: string;
  field: "label" | "alias";
  match: SearchMatch;
}

/** One incident edge of a node, seen from that node. */
export interface NodeRelation {
  key: string;
  type: EdgeType;
  direction: "out" | "in";
  other: NodeRef;
  note?: string;
  articleCount: number;
  /** Sorted by article, start, end. */
  evidence: Evidence[];
}

/**
 * Incident edges of one type and direction. Groups are sorted by relation type in contract
 * order (CO_MENTIONED last), "out" before "in"; edges by articleCount (most first), then key.
 */
export interface RelationGroup {
  type: EdgeType;
  direction: "out" | "in";
  relations: NodeRelation[];
}

/** `node(key)`: the node's attributes, all its incident edges with evidence, and the conflicts about it. */
export interface NodeDetail {
  key: string;
  attributes: NodeAttributes;
  relations: RelationGroup[];
  conflicts: Conflict[];
}

export interface GraphQueries {
  readonly backend: "memory" | "neo4j";
  /** The whole graph document, unchanged (CO_MENTIONED included). */
  document(): Promise<GraphDocument>;
  /**
   * A filtered GraphDocument: nodes sorted by key, edges by key, their evidence and mentions
   * restricted by the source filters, articles restricted to the ones passing the source
   * filters, conflicts about kept nodes that still have two differing claims.
   * Nodes are kept when they pass the node filters and, if a source filter is set, are
   * mentioned in a kept article or touch a kept edge.
   */
  subgraph(filters?: GraphFilters): Promise<GraphDocument>;
  /** Throws NotFoundError for an unknown key. */
  node(key: string): Promise<NodeDetail>;
  /** `hops` is an integer from 1 to 3. */
  neighborhood(key: string, hops: number, filters?: GraphFilters, limits?: NeighborhoodLimits): Promise<NeighborhoodResult>;
  /** Typed relations only unless `filters.includeCoMentions`; null when no path exists. */
  shortestPath(from: string, to: string, filters?: GraphFilters): Promise<PathResult | null>;
  /** Meetings the entity (not itself a Meeting) ATTENDED. */
  meetingsOf(entity: string): Promise<MeetingSummary[]>;
  coAttendees(entity: string): Promise<CoAttendee[]>;
  /** Throws NotFoundError for an article id not in graph.json. */
  entitiesBySource(article: string): Promise<SourceEntities>;
  /** `n` is an integer ≥ 1. */
  claimsWithFewerThan(n: number): Promise<Claim[]>;
  /** `limit` is an integer from 1 to 100 (default 20). */
  search(text: string, limit?: number): Promise<SearchHit[]>;
}

/** `readArticle(id)` and GET /api/articles/[id]: the article's metadata and its raw text (offsets index into it). */
export interface ArticleText {
  article: ArticleMeta;
  text: string;
}

/** Where a server's read of graph.json stands: idle (nothing read yet), reading → checking (the contract) → indexing (the in-memory graph) → ready, or failed. */
export type GraphLoadState = "idle" | "reading" | "checking" | "indexing" | "ready" | "failed";

/**
 * The server's read of graph.json (GET /api/status, lib/graph/store.ts graphLoadStatus): the read of a
 * 10,000-article graph.json takes 10–20 s on a 2-core machine, and the first view waits for all of it.
 */
export interface GraphLoadStatus {
  state: GraphLoadState;
  /** The graph file of the latest load (null when idle). */
  file: string | null;
  /** Bytes of it read so far, and its size. */
  bytesRead: number;
  totalBytes: number | null;
  /** How long the latest load has taken: so far while it runs, in all once it has ended (null when idle). */
  elapsedMs: number | null;
  /** Why the latest load failed (state "failed"). */
  error?: string;
}
