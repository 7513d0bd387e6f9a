// The graph.json contract (see README "The contract" and ../shared/DESIGN.md).
// Every other module (extract, graph queries, neo4j, exports, the app) speaks these types.

export const ENTITY_TYPES = ["Person", "Organization", "Place", "Document"] as const;
export const NODE_TYPES = [...ENTITY_TYPES, "Meeting"] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];
export type NodeType = (typeof NODE_TYPES)[number];

/** Typed relations, directed source → target. CO_MENTIONED is a lower layer, never a relation. */
export const RELATION_TYPES = [
  "HEADS",
  "MEMBER_OF",
  "ADVISES",
  "RELATIVE_OF",
  "ATTENDED",
  "HELD_IN",
  "SANCTIONED",
  "DRAFTED",
  "MET_WITH",
  "PART_OF",
  "REPORTED",
  "SUPPORTS",
  "OPPOSES",
] as const;
export const EDGE_TYPES = [...RELATION_TYPES, "CO_MENTIONED"] as const;
export type RelationType = (typeof RELATION_TYPES)[number];
export type EdgeType = (typeof EDGE_TYPES)[number];

/** A passage of an article: `quote === articleText.slice(start, end)` (UTF-16 indices of the raw file text). */
export interface Evidence {
  article: string;
  start: number;
  end: number;
  quote: string;
}

/** Where a node is named in an article (same offsets rule as Evidence). */
export interface Mention {
  article: string;
  start: number;
  end: number;
}

/** An alias and the articles that used it (spelling / transliteration variants keep their sources). */
export interface AliasUse {
  alias: string;
  articles: string[];
}

/** A title or role as stated by one article ("Secretary of State"). */
export interface RoleClaim {
  role: string;
  evidence: Evidence;
}

/** A date as the text states it, plus a normalized ISO range when the text allows one. */
export interface StatedDate {
  text: string;
  start: string | null;
  end: string | null;
  article: string;
}

export interface NodeAttributes {
  type: NodeType;
  label: string;
  aliases: string[];
  aliasSources?: AliasUse[];
  mentions: Mention[];
  /** Titles and roles stripped from the name, with where each was stated. */
  roles?: RoleClaim[];
  /** Meeting only: the first stated date (all stated dates are in `dates`). */
  date?: StatedDate | null;
  /** Meeting only: every date stated for the meeting, by article. */
  dates?: StatedDate[];
  /** Meeting only: a short description ("meeting in Miami"). */
  description?: string;
  /** Layout computed at build time (ForceAtlas2, seeded). */
  x?: number;
  y?: number;
  /** Distinct articles that mention the node. */
  articleCount?: number;
}

export interface EdgeAttributes {
  type: EdgeType;
  evidence: Evidence[];
  /** A title or role as stated, e.g. "Secretary of State". */
  note?: string;
  /** Corroboration: distinct articles and distinct publishers (unknown publisher = its own article). */
  articleCount?: number;
  publisherCount?: number;
}

export interface SerializedNode {
  key: string;
  attributes: NodeAttributes;
}

export interface SerializedEdge {
  key: string;
  source: string;
  target: string;
  attributes: EdgeAttributes;
}

export interface SerializedGraph {
  options: { type: "directed"; multi: true; allowSelfLoops: false };
  attributes: Record<string, unknown>;
  nodes: SerializedNode[];
  edges: SerializedEdge[];
}

export interface ArticleMeta {
  id: string;
  file: string;
  title: string | null;
  publisher: string | null;
  url: string | null;
  /** Publication date, YYYY-MM-DD. */
  date: string | null;
  sha256: string;
  chars: number;
}

export interface ConflictClaim {
  value: string;
  evidence: Evidence;
}

export interface Conflict {
  /** Node key the conflict is about. */
  subject: string;
  field: string;
  claims: ConflictClaim[];
}

export interface GraphDocument {
  version: 1;
  articles: ArticleMeta[];
  graph: SerializedGraph;
  conflicts: Conflict[];
}
