// The Neo4j backend: the GraphQueries interface of lib/graph (types.ts) answered in Cypher, with the same
// results as the in-memory backend (lib/graph/memory.ts) — same node keys, edges, evidence and order; the
// parity tests (tests/neo4j/parity.test.ts) compare the two with deep equality.
//
// How it stays equal:
// - Cypher does the graph work (who is next to whom, which edges pass the filters, breadth-first levels,
//   evidence lookups) and returns raw properties; ./records.ts reshapes them into the contract's types.
// - The filter rules are lib/graph/filters.ts's: the same normalizeFilters checks the input, the predicates
//   that decide traversal are the Cypher transcription of FilterView (node type, meeting date range, evidence
//   from kept articles, minimum number of sources), and the returned attributes go through the same FilterView
//   (restricted evidence and mentions, recounted articleCount/publisherCount).
// - Every list is sorted in JS with lib/graph's comparators (code-unit string order, never the database's
//   collation), and ties are broken exactly as lib/graph documents them.
// - Argument errors are lib/graph's (BadRequestError / NotFoundError with the same messages), raised in the
//   same order as the in-memory backend raises them.
//
// Cypher is constant text built from the model's fixed tables (labels, relationship types from
// EDGE_REL_TYPE); every value travels as a parameter. Each call runs in one READ transaction (executeRead)
// with a timeout. A driver error that means the server is gone becomes Neo4jUnavailableError naming the URI.

import neo4j, { type Driver, type ManagedTransaction } from "neo4j-driver";
import {
  EDGE_TYPES,
  RELATION_TYPES,
  type ArticleMeta,
  type Conflict,
  type EdgeAttributes,
  type EdgeType,
  type Evidence,
  type GraphDocument,
  type NodeAttributes,
  type NodeType,
  type SerializedEdge,
  type SerializedNode,
} from "@/lib/contract";
import { BadRequestError, NotFoundError } from "@/lib/graph/errors";
import { createFilterView, normalizeFilters, type FilterView } from "@/lib/graph/filters";
import { rankSearch, searchLimit, searchQuery } from "@/lib/graph/search";
import type {
  Claim,
  CoAttendee,
  GraphEdge,
  GraphFilters,
  GraphQueries,
  MeetingSummary,
  NeighborhoodNode,
  NodeDetail,
  NodeRef,
  NodeRelation,
  PathEdge,
  PathHop,
  PathResult,
  RelatedNode,
  RelationGroup,
  SearchHit,
  SourceEntity,
} from "@/lib/graph/types";
import {
  compareEvidence,
  compareStrings,
  distinctArticles,
  MAX_HOPS,
  meetingSortDate,
  requireInteger,
  show,
  sortEvidence,
  sortRelationGroups,
} from "@/lib/graph/utils";
import { connectionReason, Neo4jUnavailableError } from "./driver";
import { META_KEY } from "./load";
import {
  articleFromProps,
  conflictFromRow,
  conflictProjection,
  edgeAttributesFromProps,
  edgeFromRow,
  edgeProjection,
  evidenceOf,
  nodeFromRow,
  nodeProjection,
  toNum,
  type Props,
} from "./records";
import { EDGE_REL_TYPE, MODEL, MODEL_VERSION } from "./types";

export interface Neo4jQueriesOptions {
  /** Database name (default: the server's default database). */
  database?: string;
  /** Where the driver points, for messages ("cannot reach Neo4j at …"). */
  uri?: string;
  /** Timeout of each query's read transaction, in ms (default 30 000). */
  timeoutMs?: number;
  /**
   * Keep the last document() read and hand it out again while the database's content stamp (written by the
   * loader) is unchanged (default true). The check costs one small query instead of reading the whole graph.
   */
  documentCache?: boolean;
}

/** What the meta node says about the loaded graph (see lib/neo4j/load.ts). */
export interface Neo4jGraphInfo {
  model: number;
  /** Content stamp of the loaded document; null while a load of different content is under way or was interrupted. */
  stamp: string | null;
  nodes: number;
  edges: number;
}

export interface Neo4jQueries extends GraphQueries {
  readonly backend: "neo4j";
  readonly uri: string | undefined;
  /**
   * Checks that the database holds a graph loaded by this version of the loader and returns what it holds.
   * Throws Neo4jUnavailableError naming the URI when the server does not answer, holds no graph, or holds one
   * loaded by an older loader.
   */
  verify(): Promise<Neo4jGraphInfo>;
  /** An article's metadata, or null for an id the database does not hold. */
  article(id: string): Promise<ArticleMeta | null>;
}

const DEFAULT_TIMEOUT_MS = 30_000;

const { entity: ENTITY, article: ARTICLE, evidence: EVIDENCE, conflict: CONFLICT, meta: META } = MODEL;

/** A relationship-type pattern (`HEADS|MEMBER_OF|…`) from the constant table only. */
function relPattern(types: readonly EdgeType[]): string {
  const names = types.map((t) => EDGE_REL_TYPE[t]);
  if (names.length === 0 || names.some((n) => !/^[A-Z][A-Z_]*$/.test(n ?? ""))) {
    throw new Error(`lib/neo4j: bad relationship types ${show(types)}`);
  }
  return names.join("|");
}

const ALL_RELS = relPattern(EDGE_TYPES);
const TYPED_RELS = relPattern(RELATION_TYPES);

// The filter predicates, the Cypher transcription of lib/graph/filters.ts's FilterView. Their text depends only
// on WHICH filters are set (so an unfiltered query carries no filter work), never on the values, which travel as
// parameters: $nodeTypes (list), $dateFrom, $dateTo (YYYY-MM-DD), $articles (ids of the articles that pass the
// source filters), $minSources (integer ≥ 2).

interface Predicates {
  /** The relationship-type pattern (`HEADS|…`) of the kept edge types. */
  types: string;
  /** FilterView.nodePasses for a node variable: node type, and for meetings the stated date ranges. */
  node(n: string): string;
  /** FilterView.edgeAttributes ≠ null for a relationship variable whose type passed: evidence left, enough sources. */
  edge(r: string): string;
}

function predicates(v: FilterView): Predicates {
  const f = v.filters;
  const dated = f.dateFrom !== null || f.dateTo !== null;
  const node = (n: string) => {
    const parts: string[] = [];
    if (f.nodeTypes) parts.push(`${n}.type IN $nodeTypes`);
    if (dated) {
      const within = [f.dateTo !== null ? `${n}.rangeStarts[i] <= $dateTo` : "", f.dateFrom !== null ? `${n}.rangeEnds[i] >= $dateFrom` : ""]
        .filter(Boolean)
        .join(" AND ");
      parts.push(`(${n}.type <> 'Meeting' OR ${n}.rangeStarts IS NULL OR any(i IN range(0, size(${n}.rangeStarts) - 1) WHERE ${within}))`);
    }
    return parts.length > 0 ? `(${parts.join(" AND ")})` : "true";
  };
  const edge = (r: string) => {
    const parts: string[] = [];
    if (v.sourceFiltered) {
      parts.push(`any(a IN ${r}.articles WHERE a IN $articles)`);
      if (f.minSources > 1) parts.push(`size([a IN ${r}.articles WHERE a IN $articles]) >= $minSources`);
    } else if (f.minSources > 1) {
      parts.push(`size(${r}.articles) >= $minSources`);
    }
    return parts.length > 0 ? `(${parts.join(" AND ")})` : "true";
  };
  return { types: relPattern(edgeTypesOf(v)), node, edge };
}

/** The relationship types a filter lets through: typed relations (all or the listed ones), CO_MENTIONED on request. */
function edgeTypesOf(v: FilterView): EdgeType[] {
  const f = v.filters;
  const typed: EdgeType[] = f.relationTypes ? RELATION_TYPES.filter((t) => f.relationTypes!.has(t)) : [...RELATION_TYPES];
  return f.includeCoMentions ? [...typed, "CO_MENTIONED"] : typed;
}

const NODE_TYPE_OF = `MATCH (n:${ENTITY}) WHERE n.key IN $keys RETURN n.key AS key, n.type AS type, n.label AS label`;
const ARTICLES = `MATCH (a:${ARTICLE}) RETURN properties(a) AS p`;
const ARTICLE_BY_ID = `MATCH (a:${ARTICLE} {id: $id}) RETURN properties(a) AS p`;
const META_INFO =
  `OPTIONAL MATCH (m:${META} {key: $key}) ` +
  `RETURN m.model AS model, m.stamp AS stamp, m.attributesJson AS attributesJson, EXISTS { MATCH (n:${ENTITY}) } AS any`;
const COUNTS = `RETURN COUNT { MATCH (n:${ENTITY}) } AS nodes, COUNT { MATCH ()-[r:${ALL_RELS}]->() } AS edges`;

function neighborStep(p: Predicates): string {
  return (
    `UNWIND $frontier AS k MATCH (x:${ENTITY} {key: k})-[r:${p.types}]-(o:${ENTITY}) ` +
    `WHERE NOT o.key IN $seen AND ${p.node("o")} AND ${p.edge("r")} RETURN DISTINCT o.key AS key`
  );
}

function pathStep(p: Predicates): string {
  return (
    `UNWIND $frontier AS k MATCH (x:${ENTITY} {key: k})-[r:${p.types}]-(o:${ENTITY}) ` +
    `WHERE NOT o.key IN $seen AND (o.key = $to OR ${p.node("o")}) AND ${p.edge("r")} ` +
    `RETURN o.key AS key, collect(DISTINCT x.key) AS parents`
  );
}

function edgesAmong(p: Predicates): string {
  return (
    `UNWIND $keys AS k MATCH (s:${ENTITY} {key: k})-[r:${p.types}]->(t:${ENTITY}) ` +
    `WHERE t.key IN $keys AND ${p.edge("r")} RETURN ${edgeProjection("r", "s", "t")} AS edge`
  );
}

function edgesBetweenPairs(p: Predicates): string {
  return (
    `UNWIND $pairs AS p MATCH (a:${ENTITY} {key: p[0]})-[r:${p.types}]-(b:${ENTITY} {key: p[1]}) WHERE ${p.edge("r")} ` +
    `RETURN p[0] AS from, p[1] AS to, b.type AS toType, b.label AS toLabel, ` +
    `${edgeProjection("r", "startNode(r)", "endNode(r)")} AS edge`
  );
}

function subgraphNodes(p: Predicates): string {
  return `MATCH (n:${ENTITY}) WHERE ${p.node("n")} RETURN ${nodeProjection("n")} AS node`;
}

function subgraphEdges(p: Predicates): string {
  return (
    `MATCH (s:${ENTITY})-[r:${p.types}]->(t:${ENTITY}) WHERE ${p.node("s")} AND ${p.node("t")} AND ${p.edge("r")} ` +
    `RETURN ${edgeProjection("r", "s", "t")} AS edge`
  );
}

const NODES_BY_KEY = `UNWIND $keys AS k MATCH (n:${ENTITY} {key: k}) RETURN ${nodeProjection("n")} AS node`;
const NODE_EDGES =
  `MATCH (n:${ENTITY} {key: $key})-[r:${ALL_RELS}]-(o:${ENTITY}) ` +
  `RETURN startNode(r) = n AS out, o.key AS key, o.type AS type, o.label AS label, ` +
  `${edgeProjection("r", "startNode(r)", "endNode(r)")} AS edge`;
const NODE_CONFLICTS =
  `MATCH (c:${CONFLICT})-[:${MODEL.about}]->(:${ENTITY} {key: $key}) RETURN ${conflictProjection("c")} AS conflict, c.ordinal AS ordinal`;
const ALL_CONFLICTS = `MATCH (c:${CONFLICT}) RETURN ${conflictProjection("c")} AS conflict, c.ordinal AS ordinal`;

const ATTENDANCE =
  `MATCH (e:${ENTITY} {key: $entity})-[r:${EDGE_REL_TYPE.ATTENDED}]->(m:${ENTITY}) WHERE m.type = 'Meeting' ` +
  `RETURN ${nodeProjection("m")} AS meeting, ${edgeProjection("r", "e", "m")} AS edge`;
const MEETING_RELATED =
  `UNWIND $meetings AS k MATCH (m:${ENTITY} {key: k}) CALL (m) { ` +
  `MATCH (m)-[r:${EDGE_REL_TYPE.HELD_IN}]->(o:${ENTITY}) RETURN 'places' AS side, o, r ` +
  `UNION ALL MATCH (o:${ENTITY})-[r:${EDGE_REL_TYPE.ATTENDED}]->(m) RETURN 'participants' AS side, o, r } ` +
  `RETURN k AS meeting, side, o.key AS key, o.type AS type, o.label AS label, ` +
  `COLLECT { MATCH (ev:${EVIDENCE} {edgeKey: r.key}) RETURN ev {.article, .start, .end, .quote} } AS evidence`;
const CO_ATTENDEES =
  `MATCH (e:${ENTITY} {key: $entity})-[:${EDGE_REL_TYPE.ATTENDED}]->(m:${ENTITY}) WHERE m.type = 'Meeting' ` +
  `MATCH (o:${ENTITY})-[:${EDGE_REL_TYPE.ATTENDED}]->(m) WHERE o.key <> $entity ` +
  `RETURN o.key AS key, o.type AS type, o.label AS label, collect(DISTINCT [m.key, m.label]) AS meetings`;

const SOURCE_MENTIONS =
  `MATCH (n:${ENTITY})-[m:${MODEL.mentionedIn}]->(:${ARTICLE} {id: $article}) ` +
  `RETURN n.key AS key, n.type AS type, n.label AS label, m.starts AS starts, m.ends AS ends`;
const SOURCE_EVIDENCE =
  `MATCH (ev:${EVIDENCE} {article: $article}) ` +
  `RETURN ev.edgeKey AS edge, ev.edgeType AS type, ev.source AS source, ev.target AS target, min(ev.start) AS first`;

const WEAK_CLAIMS =
  `MATCH (s:${ENTITY})-[r:${TYPED_RELS}]->(t:${ENTITY}) WHERE size(r.articles) < $n ` +
  `RETURN s.type AS sourceType, s.label AS sourceLabel, t.type AS targetType, t.label AS targetLabel, ` +
  `${edgeProjection("r", "s", "t")} AS edge`;

const SEARCH_NAMES =
  `MATCH (n:${ENTITY}) RETURN n.key AS key, n.type AS type, n.label AS label, n.aliases AS aliases, ` +
  `coalesce(n.articleCount, COUNT { (n)-[:${MODEL.mentionedIn}]->() }) AS articles`;

const DOC_NODES = `MATCH (n:${ENTITY}) RETURN ${nodeProjection("n")} AS node, n.ordinal AS ordinal`;
const DOC_EDGES =
  `MATCH (s:${ENTITY})-[r:${ALL_RELS}]->(t:${ENTITY}) ` +
  `RETURN type(r) AS type, s.key AS source, t.key AS target, properties(r) AS p`;
const DOC_EVIDENCE = `MATCH (ev:${EVIDENCE}) RETURN ev.edgeKey AS edge, properties(ev) AS p`;

const GRAPH_OPTIONS: GraphDocument["graph"]["options"] = { type: "directed", multi: true, allowSelfLoops: false };

/** Driver errors that mean the server (or the connection to it) is gone. */
const UNAVAILABLE_CODES = new Set(["ServiceUnavailable", "SessionExpired"]);

function isUnavailable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && (UNAVAILABLE_CODES.has(code) || code.startsWith("Neo.TransientError.General.DatabaseUnavailable"));
}

function byOrdinal<T>(rows: { ordinal: unknown; key: string; value: T }[]): T[] {
  return rows
    .sort((a, b) => {
      const oa = a.ordinal === null || a.ordinal === undefined ? Number.POSITIVE_INFINITY : toNum(a.ordinal);
      const ob = b.ordinal === null || b.ordinal === undefined ? Number.POSITIVE_INFINITY : toNum(b.ordinal);
      return oa - ob || compareStrings(a.key, b.key);
    })
    .map((row) => row.value);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

type Row = Record<string, unknown>;

async function rows(tx: ManagedTransaction, cypher: string, params: Record<string, unknown> = {}): Promise<Row[]> {
  return (await tx.run(cypher, params)).records.map((r) => r.toObject() as Row);
}

/** The parameters of the filter predicates above. */
interface FilterParams {
  nodeTypes: NodeType[] | null;
  articles: string[] | null;
  minSources: ReturnType<typeof neo4j.int>;
  dateFrom: string | null;
  dateTo: string | null;
}

interface FilterContext {
  v: FilterView;
  params: FilterParams;
  p: Predicates;
}

/** Does a raw filters object use a source filter (so the article list is needed to check and apply it)? */
function wantsArticles(filters: GraphFilters | undefined): boolean {
  if (!filters || typeof filters !== "object") return false;
  const nonEmpty = (value: unknown) => Array.isArray(value) && value.length > 0;
  return nonEmpty(filters.articles) || nonEmpty(filters.publishers) || filters.dateFrom !== undefined || filters.dateTo !== undefined;
}

/**
 * GraphQueries over the graph that `npm run neo4j:load` put in Neo4j. The driver is the caller's (one per
 * process); these queries open a session per call and never close the driver.
 */
export function createNeo4jQueries(driver: Driver, options: Neo4jQueriesOptions = {}): Neo4jQueries {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const where = options.uri ? `Neo4j at ${options.uri}` : "Neo4j";
  let modelChecked: Promise<Neo4jGraphInfo> | null = null;
  let documentCache: { stamp: string; doc: GraphDocument } | null = null;

  function translate(err: unknown): unknown {
    if (err instanceof Neo4jUnavailableError) return err;
    if (isUnavailable(err)) {
      return new Neo4jUnavailableError(`cannot reach ${where}: ${connectionReason(err)}`, { cause: err, uri: options.uri });
    }
    return err;
  }

  async function read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    let session;
    try {
      session = driver.session({ database: options.database, defaultAccessMode: neo4j.session.READ });
    } catch (err) {
      throw translate(err);
    }
    try {
      return await session.executeRead(work, { timeout: timeoutMs, metadata: { app: "newsgraph" } });
    } catch (err) {
      throw translate(err);
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  interface MetaRow {
    model: number;
    stamp: string | null;
    attributes: Record<string, unknown>;
  }

  /** The meta node, checked: throws Neo4jUnavailableError naming the URI when there is no graph of the right model. */
  async function info(tx: ManagedTransaction): Promise<MetaRow> {
    const row = (await rows(tx, META_INFO, { key: META_KEY }))[0] ?? {};
    const model = row.model === null || row.model === undefined ? null : toNum(row.model);
    if (model === null) {
      throw new Neo4jUnavailableError(
        row.any === true
          ? `the graph in ${where} was loaded by an older newsgraph: reload it with npm run neo4j:load`
          : `${where} holds no newsgraph graph: load one with npm run neo4j:load`,
        { uri: options.uri },
      );
    }
    if (model < MODEL_VERSION) {
      throw new Neo4jUnavailableError(
        `the graph in ${where} has model version ${model}, these queries need ${MODEL_VERSION}: reload it with npm run neo4j:load`,
        { uri: options.uri },
      );
    }
    return {
      model,
      stamp: typeof row.stamp === "string" ? row.stamp : null,
      attributes: typeof row.attributesJson === "string" ? (JSON.parse(row.attributesJson) as Record<string, unknown>) : {},
    };
  }

  async function verify(): Promise<Neo4jGraphInfo> {
    return read(async (tx) => {
      const { model, stamp } = await info(tx);
      const [row] = await rows(tx, COUNTS);
      return { model, stamp, nodes: toNum(row?.nodes), edges: toNum(row?.edges) };
    });
  }

  /** Every query first makes sure the database holds a graph of the right model (checked once, retried after a failure). */
  async function ensureModel(): Promise<void> {
    if (!modelChecked) {
      const pending = verify();
      modelChecked = pending;
      pending.catch(() => {
        if (modelChecked === pending) modelChecked = null;
      });
    }
    await modelChecked;
  }

  async function query<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    await ensureModel();
    return read(work);
  }

  // ---- argument checks, with lib/graph/memory.ts's messages and in its order ----

  function requireKeyShape(key: unknown, parameter: string): string {
    if (typeof key !== "string" || key.length === 0) {
      throw new BadRequestError(`${parameter} must be a node key such as "person:kirill-dmitriev", got ${show(key)}`, parameter);
    }
    return key;
  }

  /** Checks each [key, parameter] in order (shape, then existence); returns the refs of all of them. */
  async function requireNodes(tx: ManagedTransaction, checks: [unknown, string][]): Promise<Map<string, NodeRef>> {
    const keys = checks.map(([key]) => key).filter((key): key is string => typeof key === "string" && key.length > 0);
    const found = await refs(tx, keys);
    for (const [key, parameter] of checks) {
      requireKeyShape(key, parameter);
      if (!found.has(key as string)) throw new NotFoundError(`unknown node ${show(key)}`);
    }
    return found;
  }

  async function requireEntity(tx: ManagedTransaction, key: unknown, parameter: string): Promise<NodeRef> {
    const found = await requireNodes(tx, [[key, parameter]]);
    const ref = found.get(key as string)!;
    if (ref.type === "Meeting") {
      throw new BadRequestError(`${parameter} must be an entity, not a Meeting, got ${show(key)}`, parameter);
    }
    return ref;
  }

  async function refs(tx: ManagedTransaction, keys: string[]): Promise<Map<string, NodeRef>> {
    const out = new Map<string, NodeRef>();
    if (keys.length === 0) return out;
    for (const row of await rows(tx, NODE_TYPE_OF, { keys: [...new Set(keys)] })) {
      out.set(String(row.key), { key: String(row.key), type: row.type as NodeType, label: String(row.label) });
    }
    return out;
  }

  async function articles(tx: ManagedTransaction): Promise<ArticleMeta[]> {
    const list = (await rows(tx, ARTICLES)).map((row) => {
      const p = row.p as Props;
      return { ordinal: p.ordinal, key: String(p.id), value: articleFromProps(p) };
    });
    return byOrdinal(list);
  }

  /** Checks the filters (lib/graph's normalizeFilters) and prepares the Cypher predicates' parameters. */
  async function filterContext(tx: ManagedTransaction, filters: GraphFilters | undefined): Promise<FilterContext> {
    const list = wantsArticles(filters) ? await articles(tx) : [];
    const normalized = normalizeFilters(filters, new Set(list.map((a) => a.id)));
    const v = createFilterView(normalized, list);
    const params: FilterParams = {
      nodeTypes: normalized.nodeTypes ? [...normalized.nodeTypes] : null,
      articles: v.sourceFiltered ? list.filter((a) => v.articlePasses(a.id)).map((a) => a.id) : null,
      minSources: neo4j.int(normalized.minSources),
      dateFrom: normalized.dateFrom,
      dateTo: normalized.dateTo,
    };
    return { v, params, p: predicates(v) };
  }

  // ---- the queries ----

  async function document(): Promise<GraphDocument> {
    await ensureModel();
    return read(async (tx) => {
      const meta = await info(tx);
      if (meta.stamp && documentCache?.stamp === meta.stamp) return documentCache.doc;
      const articleList = await articles(tx);
      const nodes = byOrdinal(
        (await rows(tx, DOC_NODES)).map((row) => {
          const node = nodeFromRow(row.node);
          return { ordinal: row.ordinal, key: node.key, value: node };
        }),
      );
      const evidence = new Map<string, { ordinal: number; value: Evidence }[]>();
      for (const row of await rows(tx, DOC_EVIDENCE)) {
        const p = row.p as Props;
        const list = evidence.get(String(row.edge)) ?? [];
        list.push({ ordinal: toNum(p.ordinal), value: evidenceOf(p) });
        evidence.set(String(row.edge), list);
      }
      const edges = byOrdinal(
        (await rows(tx, DOC_EDGES)).map((row) => {
          const p = row.p as Props;
          const key = String(p.key);
          const passages = (evidence.get(key) ?? []).sort((a, b) => a.ordinal - b.ordinal).map((e) => e.value);
          const edge: SerializedEdge = {
            key,
            source: String(row.source),
            target: String(row.target),
            attributes: edgeAttributesFromProps(row.type as EdgeType, p, passages),
          };
          return { ordinal: p.ordinal, key, value: edge };
        }),
      );
      const conflicts = await allConflicts(tx);
      const doc: GraphDocument = deepFreeze({
        version: 1,
        articles: articleList,
        graph: {
          options: { ...GRAPH_OPTIONS },
          attributes: meta.attributes,
          nodes,
          edges,
        },
        conflicts,
      });
      if (meta.stamp && options.documentCache !== false) documentCache = { stamp: meta.stamp, doc };
      return doc;
    });
  }

  async function allConflicts(tx: ManagedTransaction): Promise<Conflict[]> {
    return byOrdinal(
      (await rows(tx, ALL_CONFLICTS)).map((row) => {
        const conflict = conflictFromRow(row.conflict);
        return { ordinal: row.ordinal, key: `${conflict.subject}|${conflict.field}`, value: conflict };
      }),
    );
  }

  async function subgraph(filters?: GraphFilters): Promise<GraphDocument> {
    return query(async (tx) => {
      const { v, params, p } = await filterContext(tx, filters);
      const candidates = new Map<string, SerializedNode>();
      for (const row of await rows(tx, subgraphNodes(p), { ...params })) {
        const node = nodeFromRow(row.node);
        if (v.nodePasses(node.attributes)) candidates.set(node.key, node);
      }
      const edges: GraphEdge[] = [];
      const touched = new Set<string>();
      for (const row of await rows(tx, subgraphEdges(p), { ...params })) {
        const edge = edgeFromRow(row.edge);
        if (!candidates.has(edge.source) || !candidates.has(edge.target)) continue;
        const kept = v.edgeAttributes(edge.attributes);
        if (!kept) continue;
        edges.push({ ...edge, attributes: kept });
        touched.add(edge.source);
        touched.add(edge.target);
      }
      const nodes = [...candidates.values()]
        .filter((node) => !v.sourceFiltered || touched.has(node.key) || v.nodeMentioned(node.attributes))
        .sort((a, b) => compareStrings(a.key, b.key))
        .map((node) => ({ key: node.key, attributes: v.nodeAttributes(node.attributes) }));
      const kept = new Set(nodes.map((node) => node.key));
      const conflicts = (await allConflicts(tx))
        .filter((conflict) => kept.has(conflict.subject))
        .map((conflict) => ({ ...conflict, claims: conflict.claims.filter((claim) => v.articlePasses(claim.evidence.article)) }))
        .filter((conflict) => new Set(conflict.claims.map((claim) => claim.value)).size >= 2);
      const meta = await info(tx);
      const articleList = await articles(tx);
      return structuredClone({
        version: 1 as const,
        articles: articleList.filter((article) => v.articlePasses(article.id)),
        graph: {
          options: { ...GRAPH_OPTIONS },
          attributes: meta.attributes,
          nodes,
          edges: edges.sort((a, b) => compareStrings(a.key, b.key)),
        },
        conflicts,
      });
    });
  }

  async function node(key: string): Promise<NodeDetail> {
    requireKeyShape(key, "key");
    return query(async (tx) => {
      const [row] = await rows(tx, NODES_BY_KEY, { keys: [key] });
      if (!row) throw new NotFoundError(`unknown node ${show(key)}`);
      const attributes = nodeFromRow(row.node).attributes;
      const groups = new Map<string, RelationGroup>();
      for (const r of await rows(tx, NODE_EDGES, { key })) {
        const edge = edgeFromRow(r.edge);
        const direction = r.out === true ? "out" : "in";
        const relation: NodeRelation = {
          key: edge.key,
          type: edge.attributes.type,
          direction,
          other: { key: String(r.key), type: r.type as NodeType, label: String(r.label) },
          articleCount: distinctArticles(edge.attributes.evidence),
          evidence: sortEvidence(edge.attributes.evidence),
        };
        if (edge.attributes.note !== undefined) relation.note = edge.attributes.note;
        const groupKey = `${edge.attributes.type}|${direction}`;
        const group = groups.get(groupKey) ?? { type: edge.attributes.type, direction, relations: [] };
        group.relations.push(relation);
        groups.set(groupKey, group);
      }
      const relations = sortRelationGroups(groups.values());
      const conflicts = byOrdinal(
        (await rows(tx, NODE_CONFLICTS, { key })).map((r) => {
          const conflict = conflictFromRow(r.conflict);
          return { ordinal: r.ordinal, key: conflict.field, value: conflict };
        }),
      );
      return { key, attributes, relations, conflicts };
    });
  }

  async function neighborhood(key: string, hops: number, filters?: GraphFilters) {
    requireKeyShape(key, "key");
    return query(async (tx) => {
      await requireNodes(tx, [[key, "key"]]);
      requireInteger(hops, "hops", 1, MAX_HOPS);
      const { v, params, p } = await filterContext(tx, filters);
      const distance = new Map<string, number>([[key, 0]]);
      let frontier = [key];
      const step = neighborStep(p);
      for (let depth = 1; depth <= hops && frontier.length > 0; depth++) {
        const next: string[] = [];
        for (const row of await rows(tx, step, { ...params, frontier, seen: [...distance.keys()] })) {
          const other = String(row.key);
          if (distance.has(other)) continue;
          distance.set(other, depth);
          next.push(other);
        }
        frontier = next;
      }
      const keys = [...distance.keys()];
      const attributes = new Map<string, NodeAttributes>();
      for (const row of await rows(tx, NODES_BY_KEY, { keys })) {
        const n = nodeFromRow(row.node);
        attributes.set(n.key, n.attributes);
      }
      const nodes: NeighborhoodNode[] = [...distance.entries()]
        .sort(([a, da], [b, db]) => da - db || compareStrings(a, b))
        .map(([k, d]) => ({ key: k, attributes: v.nodeAttributes(attributes.get(k)!), distance: d }));
      const edges: GraphEdge[] = [];
      for (const row of await rows(tx, edgesAmong(p), { ...params, keys })) {
        const edge = edgeFromRow(row.edge);
        const kept = v.edgeAttributes(edge.attributes);
        if (kept) edges.push({ ...edge, attributes: kept });
      }
      edges.sort((a, b) => compareStrings(a.key, b.key));
      return structuredClone({ center: key, hops, nodes, edges });
    });
  }

  async function shortestPath(from: string, to: string, filters?: GraphFilters): Promise<PathResult | null> {
    requireKeyShape(from, "from");
    return query(async (tx) => {
      const ends = await requireNodes(tx, [
        [from, "from"],
        [to, "to"],
      ]);
      const { v, params, p } = await filterContext(tx, filters);
      if (from === to) return { from, to, length: 0, nodes: [ends.get(from)!], hops: [] };
      // Breadth-first, one level per round trip. Each node's parents are its neighbours on the level before;
      // `rank` orders a level by its nodes' lexicographically smallest path from `from` (parent's rank, then key),
      // so a node's best parent is its lowest-ranked one — the path lib/graph's key-ordered BFS finds.
      const rank = new Map<string, number>([[from, 0]]);
      const bestParent = new Map<string, string>();
      const seen: string[] = [from];
      let frontier = [from];
      const step = pathStep(p);
      while (frontier.length > 0 && !rank.has(to)) {
        const level: { key: string; parent: string; parentRank: number }[] = [];
        for (const row of await rows(tx, step, { ...params, frontier, seen, to })) {
          const other = String(row.key);
          let parent = "";
          let parentRank = Number.POSITIVE_INFINITY;
          for (const candidate of row.parents as unknown[]) {
            const r = rank.get(String(candidate));
            if (r !== undefined && r < parentRank) {
              parentRank = r;
              parent = String(candidate);
            }
          }
          level.push({ key: other, parent, parentRank });
        }
        level.sort((a, b) => a.parentRank - b.parentRank || compareStrings(a.key, b.key));
        let next = rank.size;
        for (const item of level) {
          rank.set(item.key, next++);
          bestParent.set(item.key, item.parent);
          seen.push(item.key);
        }
        frontier = level.map((item) => item.key);
      }
      if (!rank.has(to)) return null;
      const keys = [to];
      while (keys[0] !== from) keys.unshift(bestParent.get(keys[0]!)!);
      const pairs = keys.slice(1).map((k, i) => [keys[i]!, k]);
      const candidates = new Map<string, { edge: SerializedEdge; kept: EdgeAttributes }[]>();
      const nodeRefs = new Map<string, NodeRef>([[from, ends.get(from)!]]);
      for (const row of await rows(tx, edgesBetweenPairs(p), { ...params, pairs })) {
        nodeRefs.set(String(row.to), { key: String(row.to), type: row.toType as NodeType, label: String(row.toLabel) });
        const edge = edgeFromRow(row.edge);
        const kept = v.edgeAttributes(edge.attributes);
        if (!kept) continue;
        const pairKey = `${String(row.from)}\u0000${String(row.to)}`;
        const list = candidates.get(pairKey) ?? [];
        list.push({ edge, kept });
        candidates.set(pairKey, list);
      }
      const hops: PathHop[] = pairs.map(([a, b]) => {
        const list = candidates.get(`${a}\u0000${b}`) ?? [];
        list.sort((x, y) => {
          const coX = x.kept.type === "CO_MENTIONED" ? 1 : 0;
          const coY = y.kept.type === "CO_MENTIONED" ? 1 : 0;
          return coX - coY || distinctArticles(y.kept.evidence) - distinctArticles(x.kept.evidence) || compareStrings(x.edge.key, y.edge.key);
        });
        const best = list[0];
        if (!best) throw new Error(`lib/neo4j: no edge between ${show(a)} and ${show(b)} on the path`);
        const pathEdge: PathEdge = {
          key: best.edge.key,
          type: best.kept.type,
          source: best.edge.source,
          target: best.edge.target,
          direction: best.edge.source === a ? "forward" : "backward",
          articleCount: distinctArticles(best.kept.evidence),
          evidence: sortEvidence(best.kept.evidence),
        };
        if (best.kept.note !== undefined) pathEdge.note = best.kept.note;
        return { from: a!, to: b!, edge: pathEdge };
      });
      return { from, to, length: hops.length, nodes: keys.map((k) => nodeRefs.get(k)!), hops };
    });
  }

  async function meetingsOf(entity: string): Promise<MeetingSummary[]> {
    requireKeyShape(entity, "entity");
    return query(async (tx) => {
      await requireEntity(tx, entity, "entity");
      const meetings = new Map<string, { attributes: NodeAttributes; evidence: Evidence[] }>();
      for (const row of await rows(tx, ATTENDANCE, { entity })) {
        const meeting = nodeFromRow(row.meeting);
        const edge = edgeFromRow(row.edge);
        const entry = meetings.get(meeting.key) ?? { attributes: meeting.attributes, evidence: [] };
        entry.evidence.push(...edge.attributes.evidence);
        meetings.set(meeting.key, entry);
      }
      const related = new Map<string, Map<string, RelatedNode>>();
      for (const row of await rows(tx, MEETING_RELATED, { meetings: [...meetings.keys()] })) {
        const groupKey = `${String(row.meeting)}\u0000${String(row.side)}`;
        const group = related.get(groupKey) ?? new Map<string, RelatedNode>();
        related.set(groupKey, group);
        const evidence = (row.evidence as Props[]).map(evidenceOf);
        const other = String(row.key);
        const existing = group.get(other);
        if (existing) existing.evidence.push(...evidence);
        else group.set(other, { key: other, type: row.type as NodeType, label: String(row.label), evidence });
      }
      const relatedList = (meeting: string, side: string): RelatedNode[] =>
        [...(related.get(`${meeting}\u0000${side}`)?.values() ?? [])]
          .map((item) => ({ ...item, evidence: sortEvidence(item.evidence) }))
          .sort((a, b) => compareStrings(a.key, b.key));
      const summaries = [...meetings.entries()].map(([key, { attributes, evidence }]) => {
        const summary: MeetingSummary = {
          key,
          label: attributes.label,
          date: attributes.date ?? null,
          dates: attributes.dates ?? (attributes.date ? [attributes.date] : []),
          places: relatedList(key, "places"),
          participants: relatedList(key, "participants"),
          evidence: sortEvidence(evidence),
        };
        if (attributes.description !== undefined) summary.description = attributes.description;
        return { summary, sortDate: meetingSortDate(attributes) };
      });
      return summaries
        .sort((a, b) => compareStrings(a.sortDate, b.sortDate) || compareStrings(a.summary.key, b.summary.key))
        .map((item) => item.summary);
    });
  }

  async function coAttendees(entity: string): Promise<CoAttendee[]> {
    requireKeyShape(entity, "entity");
    return query(async (tx) => {
      await requireEntity(tx, entity, "entity");
      return (await rows(tx, CO_ATTENDEES, { entity }))
        .map(
          (row): CoAttendee => ({
            key: String(row.key),
            type: row.type as NodeType,
            label: String(row.label),
            meetings: (row.meetings as unknown[][])
              .map(([key, label]): NodeRef => ({ key: String(key), type: "Meeting", label: String(label) }))
              .sort((a, b) => compareStrings(a.key, b.key)),
          }),
        )
        .sort((a, b) => b.meetings.length - a.meetings.length || compareStrings(a.key, b.key));
    });
  }

  async function entitiesBySource(article: string) {
    if (typeof article !== "string" || article.length === 0) {
      throw new BadRequestError(`article must be an article id, got ${show(article)}`, "article");
    }
    return query(async (tx) => {
      const [metaRow] = await rows(tx, ARTICLE_BY_ID, { id: article });
      if (!metaRow) throw new NotFoundError(`unknown article ${show(article)}`);
      const meta = articleFromProps(metaRow.p as Props);
      const found = new Map<string, SourceEntity>();
      for (const row of await rows(tx, SOURCE_MENTIONS, { article })) {
        const starts = (row.starts as unknown[]).map(toNum);
        const ends = (row.ends as unknown[]).map(toNum);
        const mentions = starts.map((start, i) => ({ article, start, end: ends[i]! }));
        found.set(String(row.key), {
          key: String(row.key),
          type: row.type as NodeType,
          label: String(row.label),
          mentions,
          relations: 0,
          firstOffset: Math.min(...starts),
        });
      }
      const evidenced = new Map<string, number>();
      const relations = new Map<string, number>();
      for (const row of await rows(tx, SOURCE_EVIDENCE, { article })) {
        const first = toNum(row.first);
        for (const key of [String(row.source), String(row.target)]) {
          if (row.type !== "CO_MENTIONED") relations.set(key, (relations.get(key) ?? 0) + 1);
          evidenced.set(key, Math.min(evidenced.get(key) ?? Number.POSITIVE_INFINITY, first));
        }
      }
      const missing = [...evidenced.keys()].filter((key) => !found.has(key));
      const missingRefs = await refs(tx, missing);
      for (const key of missing) {
        const ref = missingRefs.get(key);
        if (!ref) continue; // evidence of an edge whose end is gone: cannot happen after a complete load
        found.set(key, { ...ref, mentions: [], relations: 0, firstOffset: evidenced.get(key)! });
      }
      for (const [key, count] of relations) {
        const item = found.get(key);
        if (item) item.relations = count;
      }
      const entities = [...found.values()]
        .map((item) => ({ ...item, mentions: item.mentions.sort(compareEvidence) }))
        .sort((a, b) => a.firstOffset - b.firstOffset || compareStrings(a.key, b.key));
      return { article: meta, entities };
    });
  }

  async function claimsWithFewerThan(n: number): Promise<Claim[]> {
    requireInteger(n, "n", 1, Number.POSITIVE_INFINITY);
    return query(async (tx) => {
      const limit = Number.isSafeInteger(n) ? neo4j.int(n) : Number.MAX_SAFE_INTEGER;
      return (await rows(tx, WEAK_CLAIMS, { n: limit }))
        .map((row): Claim => {
          const edge = edgeFromRow(row.edge);
          const claim: Claim = {
            key: edge.key,
            type: edge.attributes.type as Claim["type"],
            source: { key: edge.source, type: row.sourceType as NodeType, label: String(row.sourceLabel) },
            target: { key: edge.target, type: row.targetType as NodeType, label: String(row.targetLabel) },
            articleCount: distinctArticles(edge.attributes.evidence),
            evidence: sortEvidence(edge.attributes.evidence),
          };
          if (edge.attributes.note !== undefined) claim.note = edge.attributes.note;
          return claim;
        })
        .filter((claim) => claim.articleCount < n)
        .sort((a, b) => a.articleCount - b.articleCount || compareStrings(a.key, b.key));
    });
  }

  async function search(text: string, limit?: number): Promise<SearchHit[]> {
    const folded = searchQuery(text);
    const max = searchLimit(limit);
    return query(async (tx) => {
      const nodes = (await rows(tx, SEARCH_NAMES)).map((row) => ({
        key: String(row.key),
        attributes: {
          type: row.type as NodeType,
          label: String(row.label),
          aliases: ((row.aliases as unknown[]) ?? []).map(String),
          mentions: [],
          articleCount: toNum(row.articles),
        } satisfies NodeAttributes,
      }));
      return rankSearch(folded, nodes, max);
    });
  }

  async function article(id: string): Promise<ArticleMeta | null> {
    return query(async (tx) => {
      const [row] = await rows(tx, ARTICLE_BY_ID, { id });
      return row ? articleFromProps(row.p as Props) : null;
    });
  }

  return {
    backend: "neo4j",
    uri: options.uri,
    verify,
    article,
    document,
    subgraph,
    node,
    neighborhood,
    shortestPath,
    meetingsOf,
    coAttendees,
    entitiesBySource,
    claimsWithFewerThan,
    search,
  };
}
