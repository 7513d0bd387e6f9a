// Load a GraphDocument (graph.json) into Neo4j, read it back, count it.
//
// The model is in ./types.ts and scripts/neo4j/README.md. The load:
//   1. checks the document (types from the allow-lists, edge ends exist, every cited article exists);
//   2. creates the uniqueness constraints and indexes (IF NOT EXISTS) and waits for them;
//   3. sweeps what the document no longer has (edges, mentions, evidence, conflicts, entities, articles);
//   4. writes everything with batched `UNWIND $rows AS row MERGE …`, one transaction per batch,
//      setting properties only where they differ (a reload of an unchanged document writes nothing),
//      including the properties the queries filter on (ordinal, articles, rangeStarts/rangeEnds);
//      into a database that holds none of newsgraph's nodes, steps 3–4 are the same rows written with
//      CREATE instead (nothing to sweep, merge or compare: see CREATE_ARTICLES);
//   5. records the meta node (model version, graph attributes, content stamp — dropped first when the content
//      changes, so a half-done load never carries the stamp of a complete one);
//   6. counts what is in the database and throws if it differs from the document.
// Every step converges on the document, so a load that was killed half-way and run again ends exact.
// Cypher text is built only from the constant tables NODE_LABEL / EDGE_REL_TYPE / MODEL; data travels as parameters.

import { createHash } from "node:crypto";
import neo4j, { type Driver, type ManagedTransaction, type QueryResult, type Session } from "neo4j-driver";
import {
  EDGE_TYPES,
  NODE_TYPES,
  type ArticleMeta,
  type Conflict,
  type EdgeType,
  type Evidence,
  type GraphDocument,
  type NodeType,
} from "@/lib/contract";
import { jsonChunks } from "@/lib/jsonfile";
import { articleFromProps, edgeAttributesFromProps, evidenceOf, nodeAttributesFromProps, toNum, type MentionGroup, type Props } from "./records";
import { articleProps, conflictKeys, conflictRows, edgeProps, entityProps, evidenceRows, mentionRows, SCHEMA_STATEMENTS, type NumberCodec } from "./rows";

export { conflictKeys, evidenceKey } from "./rows";
import {
  EDGE_REL_TYPE,
  MODEL,
  MODEL_VERSION,
  NODE_LABEL,
  type GraphCounts,
  type LoadMode,
  type LoadOptions,
  type LoadPhase,
  type LoadResult,
  type WriteTotals,
} from "./types";

/** The document cannot be loaded as it is (the message names the offending item). */
export class Neo4jLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "Neo4jLoadError";
  }
}

// ---------------------------------------------------------------------------------------------
// Cypher, built once from the constant tables.

const IDENT = /^[A-Za-z][A-Za-z0-9_]*$/;
for (const name of [...Object.values(NODE_LABEL), ...Object.values(EDGE_REL_TYPE), ...Object.values(MODEL)]) {
  if (!IDENT.test(name)) throw new Error(`lib/neo4j: bad identifier in the model table: ${name}`);
}

const { entity: ENTITY, article: ARTICLE, evidence: EVIDENCE, conflict: CONFLICT, conflictClaim: CLAIM_NODE, meta: META } = MODEL;
const SEP = "\u001f";

/** SET x = row.props only when something differs, so an unchanged reload writes nothing. */
const setIfChanged = (v: string) =>
  `FOREACH (_ IN CASE WHEN properties(${v}) <> row.props THEN [1] ELSE [] END | SET ${v} = row.props)`;

const CONSTRAINTS = SCHEMA_STATEMENTS;

const inTx = (v: string, body: string) => `CALL (${v}) { ${body} } IN TRANSACTIONS OF 1000 ROWS`;

/** Deletes what the document no longer has; each takes the list of keys (or signatures) to keep. */
const SWEEPS: { what: string; param: "keep"; cypher: string }[] = [
  {
    what: "edges",
    param: "keep",
    cypher:
      `MATCH (s:${ENTITY})-[r]->(t:${ENTITY}) ` +
      `WITH r, coalesce(r.key, '') + $sep + type(r) + $sep + s.key + $sep + t.key AS sig WHERE NOT sig IN $keep ` +
      inTx("r", "DELETE r"),
  },
  {
    what: "mentions",
    param: "keep",
    cypher:
      `MATCH (n)-[m:${MODEL.mentionedIn}]->(a) ` +
      `WITH m, coalesce(n.key, '') + $sep + coalesce(a.id, '') AS sig WHERE NOT sig IN $keep ` +
      inTx("m", "DELETE m"),
  },
  { what: "evidence", param: "keep", cypher: `MATCH (x:${EVIDENCE}) WHERE NOT x.key IN $keep ` + inTx("x", "DETACH DELETE x") },
  { what: "claims", param: "keep", cypher: `MATCH (x:${CLAIM_NODE}) WHERE NOT x.key IN $keep ` + inTx("x", "DETACH DELETE x") },
  { what: "conflicts", param: "keep", cypher: `MATCH (x:${CONFLICT}) WHERE NOT x.key IN $keep ` + inTx("x", "DETACH DELETE x") },
  { what: "entities", param: "keep", cypher: `MATCH (x:${ENTITY}) WHERE NOT x.key IN $keep ` + inTx("x", "DETACH DELETE x") },
  { what: "articles", param: "keep", cypher: `MATCH (x:${ARTICLE}) WHERE NOT x.id IN $keep ` + inTx("x", "DETACH DELETE x") },
];

/** The one meta node: what was loaded (model version, graph attributes, a content stamp). */
const MERGE_META = `UNWIND [$row] AS row MERGE (m:${META} {key: row.key}) ${setIfChanged("m")}`;
/** A load of different content first drops the old stamp, so a half-done load never passes for the old graph. */
const DROP_STALE_STAMP = `MATCH (m:${META} {key: $key}) WHERE m.stamp IS NOT NULL AND m.stamp <> $stamp REMOVE m.stamp`;

const MERGE_ARTICLES = `UNWIND $rows AS row MERGE (a:${ARTICLE} {id: row.id}) ${setIfChanged("a")}`;

const MERGE_ENTITIES: Record<NodeType, string> = Object.fromEntries(
  NODE_TYPES.map((t) => {
    const others = NODE_TYPES.filter((o) => o !== t).map((o) => NODE_LABEL[o]);
    return [
      t,
      `UNWIND $rows AS row MERGE (n:${ENTITY} {key: row.key}) ${setIfChanged("n")} ` +
        `SET n:${NODE_LABEL[t]} REMOVE n:${others.join(":")}`,
    ];
  }),
) as Record<NodeType, string>;

const MERGE_EDGES: Record<EdgeType, string> = Object.fromEntries(
  EDGE_TYPES.map((t) => [
    t,
    `UNWIND $rows AS row ` +
      `MATCH (s:${ENTITY} {key: row.source}) MATCH (t:${ENTITY} {key: row.target}) ` +
      `MERGE (s)-[r:${EDGE_REL_TYPE[t]} {key: row.key}]->(t) ${setIfChanged("r")}`,
  ]),
) as Record<EdgeType, string>;

const MERGE_MENTIONS =
  `UNWIND $rows AS row MATCH (n:${ENTITY} {key: row.key}) MATCH (a:${ARTICLE} {id: row.article}) ` +
  `MERGE (n)-[m:${MODEL.mentionedIn}]->(a) ${setIfChanged("m")}`;

const MERGE_EVIDENCE =
  `UNWIND $rows AS row MERGE (ev:${EVIDENCE} {key: row.key}) ` +
  // Unchanged and correctly linked: nothing to do (the usual case on a reload).
  `WITH ev, row WHERE NOT (properties(ev) = row.props ` +
  `AND [(ev)-[:${MODEL.from}]->(x) | x.id] = [row.article] ` +
  `AND [(ev)-[:${MODEL.subject}]->(x) | x.key] = [row.source] ` +
  `AND [(ev)-[:${MODEL.object}]->(x) | x.key] = [row.target]) ` +
  `SET ev = row.props ` +
  `WITH ev, row CALL (ev, row) { MATCH (ev)-[old:${MODEL.from}|${MODEL.subject}|${MODEL.object}]->() DELETE old } ` +
  `WITH ev, row MATCH (a:${ARTICLE} {id: row.article}) MATCH (s:${ENTITY} {key: row.source}) MATCH (t:${ENTITY} {key: row.target}) ` +
  `CREATE (ev)-[:${MODEL.from}]->(a), (ev)-[:${MODEL.subject}]->(s), (ev)-[:${MODEL.object}]->(t)`;

const MERGE_CONFLICTS =
  `UNWIND $rows AS row MERGE (c:${CONFLICT} {key: row.key}) ${setIfChanged("c")} ` +
  `WITH c, row CALL (c, row) { MATCH (c)-[old:${MODEL.about}]->(x) WHERE coalesce(x.key <> row.subject, true) DELETE old } ` +
  `OPTIONAL MATCH (n:${ENTITY} {key: row.subject}) ` +
  `FOREACH (_ IN CASE WHEN n IS NULL THEN [] ELSE [1] END | MERGE (c)-[:${MODEL.about}]->(n))`;

const MERGE_CLAIMS =
  `UNWIND $rows AS row MERGE (k:${CLAIM_NODE} {key: row.key}) ${setIfChanged("k")} ` +
  `WITH k, row CALL (k, row) { MATCH (k)-[old:${MODEL.from}]->(x) WHERE coalesce(x.id <> row.article, true) DELETE old } ` +
  `CALL (k, row) { MATCH (c)-[old:${MODEL.claim}]->(k) WHERE coalesce(c.key <> row.conflict, true) DELETE old } ` +
  `MATCH (c:${CONFLICT} {key: row.conflict}) MATCH (a:${ARTICLE} {id: row.article}) ` +
  `MERGE (c)-[:${MODEL.claim}]->(k) MERGE (k)-[:${MODEL.from}]->(a)`;

/**
 * Into a database that holds none of newsgraph's nodes, the same rows are written with CREATE: there is
 * nothing to merge with, to compare or to unlink. MERGE of a relationship by key between two nodes reads
 * every relationship of a hub to find none, and each evidence row asked for its links before writing
 * them; at 10k nodes / 50k edges / 80k passages the first load took 48 s with MERGE here. The end state
 * is the one the MERGE statements reach from an empty database (properties replaced by row.props, the
 * same labels and links); a create load cut short leaves a non-empty database, so the next load merges.
 */
const CREATE_ARTICLES = `UNWIND $rows AS row CREATE (a:${ARTICLE}) SET a = row.props`;

const CREATE_ENTITIES: Record<NodeType, string> = Object.fromEntries(
  NODE_TYPES.map((t) => [t, `UNWIND $rows AS row CREATE (n:${ENTITY}:${NODE_LABEL[t]}) SET n = row.props`]),
) as Record<NodeType, string>;

const CREATE_EDGES: Record<EdgeType, string> = Object.fromEntries(
  EDGE_TYPES.map((t) => [
    t,
    `UNWIND $rows AS row ` +
      `MATCH (s:${ENTITY} {key: row.source}) MATCH (t:${ENTITY} {key: row.target}) ` +
      `CREATE (s)-[r:${EDGE_REL_TYPE[t]}]->(t) SET r = row.props`,
  ]),
) as Record<EdgeType, string>;

const CREATE_MENTIONS =
  `UNWIND $rows AS row MATCH (n:${ENTITY} {key: row.key}) MATCH (a:${ARTICLE} {id: row.article}) ` +
  `CREATE (n)-[m:${MODEL.mentionedIn}]->(a) SET m = row.props`;

const CREATE_EVIDENCE =
  `UNWIND $rows AS row CREATE (ev:${EVIDENCE}) SET ev = row.props ` +
  `WITH ev, row MATCH (a:${ARTICLE} {id: row.article}) MATCH (s:${ENTITY} {key: row.source}) MATCH (t:${ENTITY} {key: row.target}) ` +
  `CREATE (ev)-[:${MODEL.from}]->(a), (ev)-[:${MODEL.subject}]->(s), (ev)-[:${MODEL.object}]->(t)`;

const CREATE_CONFLICTS =
  `UNWIND $rows AS row CREATE (c:${CONFLICT}) SET c = row.props ` +
  `WITH c, row OPTIONAL MATCH (n:${ENTITY} {key: row.subject}) ` +
  `FOREACH (_ IN CASE WHEN n IS NULL THEN [] ELSE [1] END | CREATE (c)-[:${MODEL.about}]->(n))`;

const CREATE_CLAIMS =
  `UNWIND $rows AS row CREATE (k:${CLAIM_NODE}) SET k = row.props ` +
  `WITH k, row MATCH (c:${CONFLICT} {key: row.conflict}) MATCH (a:${ARTICLE} {id: row.article}) ` +
  `CREATE (c)-[:${MODEL.claim}]->(k), (k)-[:${MODEL.from}]->(a)`;

/** Whether the database holds any node with one of newsgraph's labels (our relationships only join those). */
const HOLDS_ANY =
  "RETURN " +
  [ENTITY, ARTICLE, EVIDENCE, CONFLICT, CLAIM_NODE, META].map((label) => `EXISTS { MATCH (:${label}) }`).join(" OR ") +
  " AS any";

// ---------------------------------------------------------------------------------------------
// Rows: the document reshaped into property maps by lib/neo4j/rows.ts (shared with the Cypher export).

/** Integers as Neo4j integers (so Cypher sees 1021, not 1021.0); other numbers stay floats. */
function numberValue(v: number): unknown {
  return Number.isSafeInteger(v) ? neo4j.int(v) : v;
}

const DRIVER_NUMBERS: NumberCodec = { int: numberValue, float: (v) => v };

function compact(p: Props): Props {
  for (const k of Object.keys(p)) if (p[k] === undefined || p[k] === null) delete p[k];
  return p;
}

/**
 * Rows per write transaction. 5000 loads a 10k-node / 50k-edge / 80k-passage graph about a fifth faster than
 * 1000 (18 s against 23 s into an empty database here; reload 12 s against 17 s) and stays far below the
 * server's transaction memory limit.
 */
export const DEFAULT_BATCH_SIZE = 5000;

/** The key of the one meta node. */
export const META_KEY = "graph";

/** A content stamp of a document: equal documents, equal stamps (caches of what Neo4j holds key on it). */
export function documentStamp(doc: GraphDocument): string {
  // The hash of JSON.stringify(doc), fed piece by piece: a large document is longer than any string.
  const hash = createHash("sha256");
  for (const piece of jsonChunks(doc, 3, 0, true)) hash.update(piece);
  return hash.digest("hex");
}

interface Plan {
  meta: Props;
  articles: Props[];
  entities: Map<NodeType, Props[]>;
  edges: Map<EdgeType, Props[]>;
  mentions: Props[];
  evidence: Props[];
  conflicts: Props[];
  claims: Props[];
  keep: Record<string, string[]>;
}

/** Checks the document against the allow-lists and its own references, and reshapes it into rows. */
function plan(doc: GraphDocument): Plan {
  if (!doc || typeof doc !== "object" || !doc.graph || !Array.isArray(doc.graph.nodes) || !Array.isArray(doc.graph.edges)) {
    throw new Neo4jLoadError("not a graph document: graph.nodes / graph.edges missing");
  }
  const articleIds = new Set<string>();
  for (const a of doc.articles ?? []) {
    if (articleIds.has(a.id)) throw new Neo4jLoadError(`duplicate article id "${a.id}"`);
    articleIds.add(a.id);
  }
  const needArticle = (id: string, where: string) => {
    if (!articleIds.has(id)) throw new Neo4jLoadError(`${where} cites article "${id}", which is not in articles`);
  };

  const nodeKeys = new Set<string>();
  const entities = new Map<NodeType, Props[]>();
  const mentions: Props[] = [];
  for (const [ordinal, n] of doc.graph.nodes.entries()) {
    const type = n.attributes?.type;
    if (!Object.hasOwn(NODE_LABEL, type)) throw new Neo4jLoadError(`node "${n.key}" has unknown type "${String(type)}"`);
    if (nodeKeys.has(n.key)) throw new Neo4jLoadError(`duplicate node key "${n.key}"`);
    nodeKeys.add(n.key);
    for (const m of n.attributes.mentions) needArticle(m.article, `a mention of node "${n.key}"`);
    const rows = entities.get(type) ?? [];
    rows.push({ key: n.key, props: entityProps(n, ordinal, DRIVER_NUMBERS) });
    entities.set(type, rows);
    mentions.push(...mentionRows(n, DRIVER_NUMBERS));
  }

  const edgeKeys = new Set<string>();
  const edges = new Map<EdgeType, Props[]>();
  const evidence: Props[] = [];
  const edgeSigs: string[] = [];
  for (const [ordinal, e] of doc.graph.edges.entries()) {
    const type = e.attributes?.type;
    if (!Object.hasOwn(EDGE_REL_TYPE, type)) throw new Neo4jLoadError(`edge "${e.key}" has unknown type "${String(type)}"`);
    if (edgeKeys.has(e.key)) throw new Neo4jLoadError(`duplicate edge key "${e.key}"`);
    edgeKeys.add(e.key);
    for (const end of [e.source, e.target]) {
      if (!nodeKeys.has(end)) throw new Neo4jLoadError(`edge "${e.key}" points to unknown node "${end}"`);
    }
    if (!Array.isArray(e.attributes.evidence) || e.attributes.evidence.length === 0) {
      throw new Neo4jLoadError(`edge "${e.key}" has no evidence`);
    }
    for (const ev of e.attributes.evidence) needArticle(ev.article, `evidence of edge "${e.key}"`);
    const rows = edges.get(type) ?? [];
    rows.push({ key: e.key, source: e.source, target: e.target, props: edgeProps(e, ordinal, DRIVER_NUMBERS) });
    edges.set(type, rows);
    evidence.push(...evidenceRows(e, DRIVER_NUMBERS));
    edgeSigs.push([e.key, EDGE_REL_TYPE[type], e.source, e.target].join(SEP));
  }

  const conflictKeyList = conflictKeys(doc.conflicts ?? []);
  for (const [i, c] of (doc.conflicts ?? []).entries()) {
    for (const cl of c.claims) needArticle(cl.evidence.article, `a claim of conflict "${conflictKeyList[i]}"`);
  }
  const { conflicts, claims } = conflictRows(doc.conflicts ?? [], DRIVER_NUMBERS);

  return {
    meta: compact({
      key: META_KEY,
      model: numberValue(MODEL_VERSION),
      version: numberValue(doc.version),
      attributesJson: JSON.stringify(doc.graph.attributes ?? {}),
      stamp: documentStamp(doc),
    }),
    articles: (doc.articles ?? []).map((a, i) => ({ id: a.id, props: articleProps(a, i, DRIVER_NUMBERS) })),
    entities,
    edges,
    mentions,
    evidence,
    conflicts,
    claims,
    keep: {
      edges: edgeSigs,
      mentions: mentions.map((m) => `${m.key as string}${SEP}${m.article as string}`),
      evidence: evidence.map((e) => e.key as string),
      claims: claims.map((c) => c.key as string),
      conflicts: conflicts.map((c) => c.key as string),
      entities: [...nodeKeys],
      articles: [...articleIds],
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Loading.

function emptyWrites(): WriteTotals {
  return {
    nodesCreated: 0,
    nodesDeleted: 0,
    relationshipsCreated: 0,
    relationshipsDeleted: 0,
    propertiesSet: 0,
    labelsAdded: 0,
    labelsRemoved: 0,
  };
}

function addWrites(total: WriteTotals, result: QueryResult): void {
  const u = result.summary.counters.updates();
  for (const k of Object.keys(total) as (keyof WriteTotals)[]) total[k] += u[k] ?? 0;
}

/**
 * Loads `doc` into the database behind `driver` so that it holds exactly the document: what the
 * document has is merged, what it no longer has is deleted. Idempotent; safe to re-run after an interruption.
 */
export async function loadGraph(driver: Driver, doc: GraphDocument, options: LoadOptions = {}): Promise<LoadResult> {
  const t0 = performance.now();
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
  const p = plan(doc);
  const writes = emptyWrites();
  if (options.mode !== undefined && options.mode !== "auto" && options.mode !== "merge") {
    throw new Neo4jLoadError(`mode must be "auto" or "merge", got ${JSON.stringify(options.mode)}`);
  }
  let mode: LoadMode = "merge";
  const session = driver.session({ database: options.database, defaultAccessMode: neo4j.session.WRITE });
  try {
    for (const cypher of CONSTRAINTS) addWrites(writes, await session.run(cypher));
    await session.run("CALL db.awaitIndexes(300)");
    addWrites(writes, await session.run(DROP_STALE_STAMP, { key: META_KEY, stamp: p.meta.stamp }));
    await options.onBatch?.({ phase: "constraints", done: CONSTRAINTS.length, total: CONSTRAINTS.length, batch: 1 });

    const holdsAny = (await session.run(HOLDS_ANY)).records[0]?.get("any") === true;
    mode = holdsAny || options.mode === "merge" || !uniqueRows(p) ? "merge" : "create";

    // An empty database has nothing to sweep.
    let sweepNo = 0;
    for (const sweep of mode === "merge" ? SWEEPS : []) {
      addWrites(writes, await session.run(sweep.cypher, { keep: p.keep[sweep.what], sep: SEP }));
      sweepNo += 1;
      await options.onBatch?.({ phase: "sweep", done: sweepNo, total: SWEEPS.length, batch: sweepNo });
    }

    const write = (phase: LoadPhase, cypher: string, rows: Props[]) =>
      writeBatches(session, phase, cypher, rows, batchSize, writes, options.onBatch);
    const create = mode === "create";

    await write("articles", create ? CREATE_ARTICLES : MERGE_ARTICLES, p.articles);
    for (const t of NODE_TYPES) await write("entities", (create ? CREATE_ENTITIES : MERGE_ENTITIES)[t], p.entities.get(t) ?? []);
    for (const t of EDGE_TYPES) await write("edges", (create ? CREATE_EDGES : MERGE_EDGES)[t], p.edges.get(t) ?? []);
    await write("mentions", create ? CREATE_MENTIONS : MERGE_MENTIONS, p.mentions);
    await write("evidence", create ? CREATE_EVIDENCE : MERGE_EVIDENCE, p.evidence);
    await write("conflicts", create ? CREATE_CONFLICTS : MERGE_CONFLICTS, p.conflicts);
    await write("claims", create ? CREATE_CLAIMS : MERGE_CLAIMS, p.claims);
    // Last: the stamp says the database now holds exactly this document.
    addWrites(writes, await session.executeWrite((tx: ManagedTransaction) => tx.run(MERGE_META, { row: { key: META_KEY, props: p.meta } })));
  } finally {
    await session.close();
  }

  const counts = await readCounts(driver, { database: options.database });
  if (options.verify !== false) {
    const diff = diffCounts(countsOf(doc), counts);
    if (diff.length) throw new Neo4jLoadError(`after the load Neo4j differs from the document: ${diff.join("; ")}`);
  }
  return { counts, writes, mode, ms: Math.round(performance.now() - t0) };
}

/**
 * Whether every row of each kind has its own key, as MERGE would leave them. The document's nodes and
 * edges are checked by plan(); passages, mentions, conflicts and claims are keyed from them, so a repeat
 * is not expected, but CREATE would write it twice where MERGE writes it once: such a document merges.
 */
function uniqueRows(p: Plan): boolean {
  const unique = (what: string) => {
    const keys = p.keep[what] ?? [];
    return new Set(keys).size === keys.length;
  };
  return unique("evidence") && unique("mentions") && unique("conflicts") && unique("claims");
}

async function writeBatches(
  session: Session,
  phase: LoadPhase,
  cypher: string,
  rows: Props[],
  batchSize: number,
  writes: WriteTotals,
  onBatch: LoadOptions["onBatch"],
): Promise<void> {
  for (let i = 0, batch = 1; i < rows.length; i += batchSize, batch++) {
    const chunk = rows.slice(i, i + batchSize);
    const result = await session.executeWrite((tx: ManagedTransaction) => tx.run(cypher, { rows: chunk }));
    addWrites(writes, result);
    await onBatch?.({ phase, done: Math.min(i + batchSize, rows.length), total: rows.length, batch });
  }
}

// ---------------------------------------------------------------------------------------------
// Counting.

function zeroBy<T extends string>(keys: readonly T[]): Record<T, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<T, number>;
}

/** The counts a document should produce in Neo4j. */
export function countsOf(doc: GraphDocument): GraphCounts {
  const nodesByType = zeroBy(NODE_TYPES);
  const edgesByType = zeroBy(EDGE_TYPES);
  let mentions = 0;
  for (const n of doc.graph.nodes) {
    nodesByType[n.attributes.type] += 1;
    mentions += n.attributes.mentions.length;
  }
  let evidence = 0;
  for (const e of doc.graph.edges) {
    edgesByType[e.attributes.type] += 1;
    evidence += e.attributes.evidence.length;
  }
  return {
    nodes: doc.graph.nodes.length,
    nodesByType,
    edges: doc.graph.edges.length,
    edgesByType,
    evidence,
    articles: doc.articles.length,
    mentions,
    conflicts: doc.conflicts.length,
    conflictClaims: doc.conflicts.reduce((s, c) => s + c.claims.length, 0),
  };
}

/** What the database holds, counted like countsOf(). */
export async function readCounts(driver: Driver, options: { database?: string } = {}): Promise<GraphCounts> {
  const session = driver.session({ database: options.database, defaultAccessMode: neo4j.session.READ });
  try {
    return await session.executeRead(async (tx) => {
      const one = async (cypher: string) => toNum((await tx.run(cypher)).records[0]?.get(0));
      const nodesByType = zeroBy(NODE_TYPES);
      for (const t of NODE_TYPES) nodesByType[t] = await one(`MATCH (n:${ENTITY}:${NODE_LABEL[t]}) RETURN count(n)`);
      const edgesByType = zeroBy(EDGE_TYPES);
      for (const t of EDGE_TYPES) edgesByType[t] = await one(`MATCH ()-[r:${EDGE_REL_TYPE[t]}]->() RETURN count(r)`);
      return {
        nodes: await one(`MATCH (n:${ENTITY}) RETURN count(n)`),
        nodesByType,
        edges: Object.values(edgesByType).reduce((a, b) => a + b, 0),
        edgesByType,
        evidence: await one(`MATCH (n:${EVIDENCE}) RETURN count(n)`),
        articles: await one(`MATCH (n:${ARTICLE}) RETURN count(n)`),
        mentions: await one(`MATCH ()-[m:${MODEL.mentionedIn}]->() RETURN coalesce(sum(size(m.starts)), 0)`),
        conflicts: await one(`MATCH (n:${CONFLICT}) RETURN count(n)`),
        conflictClaims: await one(`MATCH (n:${CLAIM_NODE}) RETURN count(n)`),
      };
    });
  } finally {
    await session.close();
  }
}

/** Human-readable differences between two count sets ([] when equal). */
export function diffCounts(expected: GraphCounts, actual: GraphCounts): string[] {
  const out: string[] = [];
  const flat = (c: GraphCounts): Record<string, number> => ({
    nodes: c.nodes,
    edges: c.edges,
    evidence: c.evidence,
    articles: c.articles,
    mentions: c.mentions,
    conflicts: c.conflicts,
    conflictClaims: c.conflictClaims,
    ...Object.fromEntries(Object.entries(c.nodesByType).map(([k, v]) => [`nodes.${k}`, v])),
    ...Object.fromEntries(Object.entries(c.edgesByType).map(([k, v]) => [`edges.${k}`, v])),
  });
  const e = flat(expected);
  const a = flat(actual);
  for (const k of Object.keys(e)) if (e[k] !== a[k]) out.push(`${k}: expected ${e[k]}, found ${a[k]}`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading back: the database as a GraphDocument (nodes and edges by key, articles by id, conflicts in order).

/** Reads the whole graph back from Neo4j in the graph.json shape (the inverse of loadGraph). */
export async function readGraph(driver: Driver, options: { database?: string } = {}): Promise<GraphDocument> {
  const session = driver.session({ database: options.database, defaultAccessMode: neo4j.session.READ });
  try {
    return await session.executeRead(async (tx) => {
      const rows = async (cypher: string) => (await tx.run(cypher)).records.map((r) => r.toObject() as Props);

      const articles: ArticleMeta[] = (await rows(`MATCH (a:${ARTICLE}) RETURN properties(a) AS p ORDER BY a.id`)).map(
        ({ p }) => articleFromProps(p as Props),
      );

      const nodes = (
        await rows(
          `MATCH (n:${ENTITY}) RETURN properties(n) AS p, ` +
            `[(n)-[m:${MODEL.mentionedIn}]->(a:${ARTICLE}) | {article: a.id, starts: m.starts, ends: m.ends, idx: m.idx}] AS ms ` +
            `ORDER BY n.key`,
        )
      ).map(({ p, ms }) => {
        const n = p as Props;
        return { key: String(n.key), attributes: nodeAttributesFromProps(n, ms as MentionGroup[]) };
      });

      const evidenceByEdge = new Map<string, Evidence[]>();
      for (const { p } of await rows(
        `MATCH (ev:${EVIDENCE}) RETURN properties(ev) AS p ORDER BY ev.edgeKey, ev.ordinal`,
      )) {
        const e = p as Props;
        const list = evidenceByEdge.get(String(e.edgeKey)) ?? [];
        list.push(evidenceOf(e));
        evidenceByEdge.set(String(e.edgeKey), list);
      }

      const edges = (
        await rows(
          `MATCH (s:${ENTITY})-[r]->(t:${ENTITY}) ` +
            `RETURN type(r) AS type, s.key AS source, t.key AS target, properties(r) AS p ORDER BY r.key`,
        )
      ).map(({ type, source, target, p }) => {
        const r = p as Props;
        const attributes = edgeAttributesFromProps(type as EdgeType, r, evidenceByEdge.get(String(r.key)) ?? []);
        return { key: String(r.key), source: String(source), target: String(target), attributes };
      });

      const claimsByConflict = new Map<string, Conflict["claims"]>();
      for (const { p } of await rows(
        `MATCH (k:${CLAIM_NODE}) RETURN properties(k) AS p ORDER BY k.conflict, k.ordinal`,
      )) {
        const k = p as Props;
        const list = claimsByConflict.get(String(k.conflict)) ?? [];
        list.push({ value: String(k.value), evidence: evidenceOf(k) });
        claimsByConflict.set(String(k.conflict), list);
      }
      const conflicts: Conflict[] = (
        await rows(`MATCH (c:${CONFLICT}) RETURN properties(c) AS p ORDER BY c.ordinal, c.key`)
      ).map(({ p }) => {
        const c = p as Props;
        return { subject: String(c.subject), field: String(c.field), claims: claimsByConflict.get(String(c.key)) ?? [] };
      });

      return {
        version: 1,
        articles,
        graph: {
          options: { type: "directed", multi: true, allowSelfLoops: false },
          attributes: {},
          nodes,
          edges,
        },
        conflicts,
      } satisfies GraphDocument;
    });
  } finally {
    await session.close();
  }
}

/**
 * The evidence of one edge, in its graph.json order (by edge key). Handy for tests and the console's examples.
 */
export async function readEdgeEvidence(
  driver: Driver,
  edgeKey: string,
  options: { database?: string } = {},
): Promise<Evidence[]> {
  const res = await driver.executeQuery(
    `MATCH (ev:${EVIDENCE} {edgeKey: $edgeKey}) RETURN properties(ev) AS p ORDER BY ev.ordinal`,
    { edgeKey },
    { database: options.database, routing: neo4j.routing.READ },
  );
  return res.records.map((r) => evidenceOf(r.get("p") as Props));
}
