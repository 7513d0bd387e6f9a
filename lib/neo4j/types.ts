// The Neo4j model of a GraphDocument (see scripts/neo4j/README.md) and the loader's types.
//
//   (:Entity:<Person|Organization|Place|Meeting|Document> {key, type, label, aliases, ordinal, rangeStarts?, rangeEnds?, …})
//   (:Entity)-[:<edge type> {key, ordinal, articles, note?, articleCount?, publisherCount?, evidenceCount}]->(:Entity)
//   (:Entity)-[:MENTIONED_IN {starts, ends, idx}]->(:Article {id, ordinal, file, title, publisher, url, date, sha256, chars})
//   (:Evidence {key, edgeKey, edgeType, source, target, ordinal, article, start, end, quote})
//       -[:FROM]->(:Article), -[:SUBJECT]->(source :Entity), -[:OBJECT]->(target :Entity)
//   (:Conflict {key, subject, field, ordinal, claimCount})-[:ABOUT]->(:Entity)
//   (:Conflict)-[:CLAIM]->(:ConflictClaim {key, conflict, ordinal, value, article, start, end, quote})-[:FROM]->(:Article)
//   (:NewsgraphMeta {key: "graph", model, version, attributesJson, stamp?})   one per database: what was loaded
//
// Labels and relationship types come only from these constant tables: the Cypher text is built from them once,
// never from data.

import { EDGE_TYPES, NODE_TYPES, type EdgeType, type NodeType } from "@/lib/contract";

/** Neo4j label of each node type (every entity also has the label `Entity`). */
export const NODE_LABEL: Readonly<Record<NodeType, string>> = Object.freeze({
  Person: "Person",
  Organization: "Organization",
  Place: "Place",
  Document: "Document",
  Meeting: "Meeting",
});

/** Neo4j relationship type of each edge type. */
export const EDGE_REL_TYPE: Readonly<Record<EdgeType, string>> = Object.freeze({
  HEADS: "HEADS",
  MEMBER_OF: "MEMBER_OF",
  ADVISES: "ADVISES",
  RELATIVE_OF: "RELATIVE_OF",
  ATTENDED: "ATTENDED",
  HELD_IN: "HELD_IN",
  SANCTIONED: "SANCTIONED",
  DRAFTED: "DRAFTED",
  MET_WITH: "MET_WITH",
  PART_OF: "PART_OF",
  REPORTED: "REPORTED",
  SUPPORTS: "SUPPORTS",
  OPPOSES: "OPPOSES",
  CO_MENTIONED: "CO_MENTIONED",
});

/** Labels and relationship types of the model besides the graph's own. */
export const MODEL = Object.freeze({
  entity: "Entity",
  article: "Article",
  evidence: "Evidence",
  conflict: "Conflict",
  conflictClaim: "ConflictClaim",
  mentionedIn: "MENTIONED_IN",
  from: "FROM",
  subject: "SUBJECT",
  object: "OBJECT",
  about: "ABOUT",
  claim: "CLAIM",
  meta: "NewsgraphMeta",
});

/**
 * Version of the model the loader writes, recorded on the `(:NewsgraphMeta {key: "graph"})` node. The queries
 * (./queries.ts) need at least version 2: document order (`ordinal` on articles, entities and relationships),
 * per-relationship `articles` (distinct article ids of its evidence) and meeting date ranges
 * (`rangeStarts`/`rangeEnds`) are what they filter on.
 */
export const MODEL_VERSION = 2;

export { EDGE_TYPES, NODE_TYPES };

/** Where to reach Neo4j. No user/password: no authentication (the project's own server runs without auth). */
export interface Neo4jConnection {
  uri: string;
  user?: string;
  password?: string;
  /** Where the connection came from (for messages): "env", a server.json path, or "argument". */
  from?: string;
}

export interface LoadProgress {
  phase: LoadPhase;
  /** Rows written so far in this phase, and the phase's total. */
  done: number;
  total: number;
  batch: number;
}

export type LoadPhase =
  | "constraints"
  | "sweep"
  | "articles"
  | "entities"
  | "edges"
  | "mentions"
  | "evidence"
  | "conflicts"
  | "claims";

export interface LoadOptions {
  /** Rows per write transaction (default 5000, DEFAULT_BATCH_SIZE in ./load.ts). */
  batchSize?: number;
  /** Database name (default: the server's default database). */
  database?: string;
  /** Called after every committed batch; throwing from it aborts the load (tests use it to interrupt). */
  onBatch?: (progress: LoadProgress) => void | Promise<void>;
  /** Compare the database with the document at the end and throw if the counts differ (default true). */
  verify?: boolean;
  /**
   * "auto" (default): CREATE into a database without newsgraph's nodes, MERGE into one that has some;
   * "merge": MERGE always (tests compare the two).
   */
  mode?: "auto" | "merge";
}

/** How a load wrote: CREATE into an empty database, or MERGE (and sweep) into one that held a graph. */
export type LoadMode = "create" | "merge";

/** What is in the database (or a document), counted the same way for both. */
export interface GraphCounts {
  nodes: number;
  nodesByType: Record<NodeType, number>;
  edges: number;
  edgesByType: Record<EdgeType, number>;
  evidence: number;
  articles: number;
  mentions: number;
  conflicts: number;
  conflictClaims: number;
}

/** Writes the load did, summed over all its statements (a reload of an unchanged document does none). */
export interface WriteTotals {
  nodesCreated: number;
  nodesDeleted: number;
  relationshipsCreated: number;
  relationshipsDeleted: number;
  propertiesSet: number;
  labelsAdded: number;
  labelsRemoved: number;
}

export interface LoadResult {
  counts: GraphCounts;
  writes: WriteTotals;
  mode: LoadMode;
  ms: number;
}
