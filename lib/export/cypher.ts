// Cypher: a script that recreates the subgraph, evidence included, in an empty Neo4j.
// Browser-safe (no driver): values are written as Cypher literals, never spliced as code.
//
// The model is lib/neo4j's (lib/neo4j/types.ts, loaded by lib/neo4j/load.ts), property for property,
// so `readGraph` reads a database made by this script back into the same GraphDocument:
//
//   (:Entity:<Person|Organization|Place|Meeting|Document> {key, type, label, aliases, mentionCount, …})
//   (:Entity)-[:<edge type> {key, note?, articleCount?, publisherCount?, evidenceCount}]->(:Entity)
//   (:Entity)-[:MENTIONED_IN {starts, ends, idx}]->(:Article {id, file, title, publisher, url, date, sha256, chars})
//   (:Evidence {key, edgeKey, edgeType, source, target, ordinal, article, start, end, quote})
//       -[:FROM]->(:Article), -[:SUBJECT]->(source), -[:OBJECT]->(target)
//   (:Conflict {key, subject, field, ordinal, claimCount})-[:ABOUT]->(:Entity)
//   (:Conflict)-[:CLAIM]->(:ConflictClaim {key, conflict, ordinal, value, article, start, end, quote})-[:FROM]->(:Article)
//
// Statements are `UNWIND [ {…}, … ] AS row MERGE …` batches without parameters, so the script runs
// in cypher-shell (`cypher-shell -f export.cypher`) and through a driver (cypherStatements(), or
// splitCypherScript() on the file: string literals never hold a raw line break, so ";\n" only ends
// statements). Labels and relationship types come only from the constant tables of lib/neo4j/types.

import { EDGE_TYPES, NODE_TYPES, type ArticleMeta, type Conflict, type EdgeType, type GraphDocument, type NodeType, type SerializedEdge, type SerializedNode } from "../contract";
import { EDGE_REL_TYPE, MODEL, NODE_LABEL } from "../neo4j/types";
import type { CypherOptions } from "./types";
import { ExportError } from "./utils";

export const CYPHER_MIME = "application/x-cypher-query";

// ---------------------------------------------------------------------------------------------
// Literals

/** A number to write as a Cypher float even when it is whole (layout coordinates). */
export class CypherFloat {
  constructor(readonly value: number) {}
}

export type CypherValue = string | number | boolean | null | CypherFloat | CypherValue[] | { [key: string]: CypherValue };

// Escaped in every string literal: the quote and backslash, C0/C1 controls, line and paragraph
// separators, bidi controls (so the script reads as it runs), BOM, and lone surrogates.
const MUST_ESCAPE =
  // eslint-disable-next-line no-control-regex
  /[\\'\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const MUST_ESCAPE_ASCII = /[^\u0020-\u007e]|[\\']/g;

const NAMED_ESCAPES: Record<string, string> = {
  "\\": "\\\\",
  "'": "\\'",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\b",
  "\f": "\\f",
};

function escapeChar(c: string): string {
  return NAMED_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * A single-quoted Cypher string literal of `value`: `'` and `\` escaped, line breaks and other
 * controls as escapes (\n, \r, \t, \b, \f, \uXXXX), bidi controls and lone surrogates as \uXXXX.
 * With `asciiOnly`, every non-ASCII UTF-16 unit is written \uXXXX too (a pair for astral characters).
 */
export function cypherString(value: string, asciiOnly = false): string {
  return `'${value.replace(asciiOnly ? MUST_ESCAPE_ASCII : MUST_ESCAPE, escapeChar)}'`;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A map key or identifier: plain when it is one, else backtick-quoted (backticks doubled). */
export function cypherName(name: string): string {
  return IDENT.test(name) ? name : `\`${name.replace(/`/g, "``")}\``;
}

function numberLiteral(value: number, float: boolean): string {
  if (!Number.isFinite(value)) throw new ExportError(`cannot write the non-finite number ${value} in Cypher`);
  if (!float && Number.isSafeInteger(value)) return String(value);
  // Cypher floats: digits with a point or an exponent; JavaScript writes "1e+21", Cypher wants "1e21".
  const text = String(value).replace("e+", "e");
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** A Cypher literal of a value (maps, lists, strings, integers, floats, booleans, null). */
export function cypherLiteral(value: CypherValue, asciiOnly = false): string {
  if (value === null) return "null";
  if (typeof value === "string") return cypherString(value, asciiOnly);
  if (typeof value === "number") return numberLiteral(value, false);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof CypherFloat) return numberLiteral(value.value, true);
  if (Array.isArray(value)) return `[${value.map((item) => cypherLiteral(item, asciiOnly)).join(", ")}]`;
  const parts: string[] = [];
  for (const [key, item] of Object.entries(value)) parts.push(`${cypherName(key)}: ${cypherLiteral(item, asciiOnly)}`);
  return `{${parts.join(", ")}}`;
}

// ---------------------------------------------------------------------------------------------
// Rows: the document reshaped like lib/neo4j/load.ts does (same property names, no nulls)

type Props = { [key: string]: CypherValue };

const KNOWN_NODE_ATTRS = new Set([
  "type", "label", "aliases", "aliasSources", "mentions", "roles", "date", "dates", "description", "x", "y", "articleCount",
]);
const KNOWN_EDGE_ATTRS = new Set(["type", "evidence", "note", "articleCount", "publisherCount"]);
const KNOWN_ARTICLE_FIELDS = new Set(["id", "file", "title", "publisher", "url", "date", "sha256", "chars"]);

function extras(obj: object, known: Set<string>): string | undefined {
  const rest: Record<string, unknown> = {};
  let any = false;
  for (const [k, v] of Object.entries(obj)) {
    if (!known.has(k) && v !== undefined) {
      rest[k] = v;
      any = true;
    }
  }
  return any ? JSON.stringify(rest) : undefined;
}

function compact(p: Record<string, CypherValue | undefined>): Props {
  const out: Props = {};
  for (const [k, v] of Object.entries(p)) if (v !== undefined && v !== null) out[k] = v;
  return out;
}

/** Evidence node key (as lib/neo4j/load.ts): `<edge key>#<ordinal>`. */
export function evidenceKey(edgeKey: string, ordinal: number): string {
  return `${edgeKey}#${ordinal}`;
}

/** Conflict keys (as lib/neo4j/load.ts): `subject|field`, with `#n` for a repeated pair. */
export function conflictKeys(conflicts: readonly Conflict[]): string[] {
  const seen = new Map<string, number>();
  return conflicts.map((c) => {
    const base = `${c.subject}|${c.field}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}#${n}`;
  });
}

function int(value: unknown): number | undefined {
  return typeof value === "number" ? value : undefined;
}

function articleRow(a: ArticleMeta): Props {
  return {
    id: a.id,
    props: compact({
      id: a.id,
      file: a.file,
      title: a.title,
      publisher: a.publisher,
      url: a.url,
      date: a.date,
      sha256: a.sha256,
      chars: int(a.chars),
      extraJson: extras(a, KNOWN_ARTICLE_FIELDS),
    }),
  };
}

function entityRow(n: SerializedNode): Props {
  const a = n.attributes;
  const date = a.date ?? undefined;
  return {
    key: n.key,
    props: compact({
      key: n.key,
      type: a.type,
      label: a.label,
      aliases: a.aliases,
      mentionCount: a.mentions.length,
      aliasSourcesJson: a.aliasSources !== undefined ? JSON.stringify(a.aliasSources) : undefined,
      rolesJson: a.roles !== undefined ? JSON.stringify(a.roles) : undefined,
      dateJson: "date" in a && a.date !== undefined ? JSON.stringify(a.date) : undefined,
      datesJson: a.dates !== undefined ? JSON.stringify(a.dates) : undefined,
      dateText: date?.text,
      dateStart: date?.start,
      dateEnd: date?.end,
      description: typeof a.description === "string" ? a.description : undefined,
      x: typeof a.x === "number" ? new CypherFloat(a.x) : undefined,
      y: typeof a.y === "number" ? new CypherFloat(a.y) : undefined,
      articleCount: int(a.articleCount),
      extraJson: extras(a, KNOWN_NODE_ATTRS),
    }),
  };
}

function mentionRows(n: SerializedNode): Props[] {
  const byArticle = new Map<string, { starts: number[]; ends: number[]; idx: number[] }>();
  n.attributes.mentions.forEach((m, i) => {
    let g = byArticle.get(m.article);
    if (!g) byArticle.set(m.article, (g = { starts: [], ends: [], idx: [] }));
    g.starts.push(m.start);
    g.ends.push(m.end);
    g.idx.push(i);
  });
  return [...byArticle].map(([article, g]) => ({ key: n.key, article, props: g }));
}

function edgeRow(e: SerializedEdge): Props {
  const a = e.attributes;
  return {
    key: e.key,
    source: e.source,
    target: e.target,
    props: compact({
      key: e.key,
      note: a.note,
      articleCount: int(a.articleCount),
      publisherCount: int(a.publisherCount),
      evidenceCount: a.evidence.length,
      extraJson: extras(a, KNOWN_EDGE_ATTRS),
    }),
  };
}

function evidenceRows(e: SerializedEdge): Props[] {
  return e.attributes.evidence.map((ev, i) => {
    const key = evidenceKey(e.key, i);
    return {
      key,
      article: ev.article,
      source: e.source,
      target: e.target,
      props: {
        key,
        edgeKey: e.key,
        edgeType: e.attributes.type,
        source: e.source,
        target: e.target,
        ordinal: i,
        article: ev.article,
        start: ev.start,
        end: ev.end,
        quote: ev.quote,
      },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Statements (Cypher text only from the constant tables)

const { entity: ENTITY, article: ARTICLE, evidence: EVIDENCE, conflict: CONFLICT, conflictClaim: CLAIM_NODE } = MODEL;

/** The loader's constraints and indexes (same names, so the loader can later take over the database). */
const SCHEMA: string[] = [
  `CREATE CONSTRAINT newsgraph_entity_key IF NOT EXISTS FOR (n:${ENTITY}) REQUIRE n.key IS UNIQUE`,
  `CREATE CONSTRAINT newsgraph_article_id IF NOT EXISTS FOR (n:${ARTICLE}) REQUIRE n.id IS UNIQUE`,
  `CREATE CONSTRAINT newsgraph_evidence_key IF NOT EXISTS FOR (n:${EVIDENCE}) REQUIRE n.key IS UNIQUE`,
  `CREATE CONSTRAINT newsgraph_conflict_key IF NOT EXISTS FOR (n:${CONFLICT}) REQUIRE n.key IS UNIQUE`,
  `CREATE CONSTRAINT newsgraph_conflict_claim_key IF NOT EXISTS FOR (n:${CLAIM_NODE}) REQUIRE n.key IS UNIQUE`,
  ...EDGE_TYPES.map(
    (t) =>
      `CREATE CONSTRAINT newsgraph_rel_${EDGE_REL_TYPE[t].toLowerCase()}_key IF NOT EXISTS ` +
      `FOR ()-[r:${EDGE_REL_TYPE[t]}]-() REQUIRE r.key IS UNIQUE`,
  ),
  `CREATE INDEX newsgraph_evidence_edge IF NOT EXISTS FOR (n:${EVIDENCE}) ON (n.edgeKey)`,
  `CREATE INDEX newsgraph_evidence_article IF NOT EXISTS FOR (n:${EVIDENCE}) ON (n.article)`,
  `CREATE INDEX newsgraph_entity_label IF NOT EXISTS FOR (n:${ENTITY}) ON (n.label)`,
  "CALL db.awaitIndexes(300)",
];

const MERGE_ARTICLES = `MERGE (a:${ARTICLE} {id: row.id}) SET a = row.props`;
const mergeEntities = (t: NodeType) => `MERGE (n:${ENTITY} {key: row.key}) SET n = row.props SET n:${NODE_LABEL[t]}`;
const mergeEdges = (t: EdgeType) =>
  `MATCH (s:${ENTITY} {key: row.source}) MATCH (t:${ENTITY} {key: row.target}) ` +
  `MERGE (s)-[r:${EDGE_REL_TYPE[t]} {key: row.key}]->(t) SET r = row.props`;
const MERGE_MENTIONS =
  `MATCH (n:${ENTITY} {key: row.key}) MATCH (a:${ARTICLE} {id: row.article}) ` +
  `MERGE (n)-[m:${MODEL.mentionedIn}]->(a) SET m = row.props`;
const MERGE_EVIDENCE =
  `MERGE (ev:${EVIDENCE} {key: row.key}) SET ev = row.props WITH ev, row ` +
  `MATCH (a:${ARTICLE} {id: row.article}) MATCH (s:${ENTITY} {key: row.source}) MATCH (t:${ENTITY} {key: row.target}) ` +
  `MERGE (ev)-[:${MODEL.from}]->(a) MERGE (ev)-[:${MODEL.subject}]->(s) MERGE (ev)-[:${MODEL.object}]->(t)`;
const MERGE_CONFLICTS =
  `MERGE (c:${CONFLICT} {key: row.key}) SET c = row.props WITH c, row ` +
  `OPTIONAL MATCH (n:${ENTITY} {key: row.subject}) ` +
  `FOREACH (_ IN CASE WHEN n IS NULL THEN [] ELSE [1] END | MERGE (c)-[:${MODEL.about}]->(n))`;
const MERGE_CLAIMS =
  `MERGE (k:${CLAIM_NODE} {key: row.key}) SET k = row.props WITH k, row ` +
  `MATCH (c:${CONFLICT} {key: row.conflict}) MATCH (a:${ARTICLE} {id: row.article}) ` +
  `MERGE (c)-[:${MODEL.claim}]->(k) MERGE (k)-[:${MODEL.from}]->(a)`;

/** A labelled group of statements (the script writes the label as a comment). */
export interface CypherSection {
  title: string;
  statements: string[];
}

function batches(rows: Props[], body: string, size: number, asciiOnly: boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const list = rows
      .slice(i, i + size)
      .map((row) => cypherLiteral(row, asciiOnly))
      .join(",\n  ");
    out.push(`UNWIND [\n  ${list}\n] AS row\n${body}`);
  }
  return out;
}

/** Checks what the script relies on: types from the allow-lists, unique keys, edge ends and cited articles present. */
function check(doc: GraphDocument): void {
  if (!doc || typeof doc !== "object" || !doc.graph || !Array.isArray(doc.graph.nodes) || !Array.isArray(doc.graph.edges)) {
    throw new ExportError("not a graph document: graph.nodes / graph.edges missing", "doc");
  }
  const articleIds = new Set(doc.articles.map((a) => a.id));
  const needArticle = (id: string, where: string) => {
    if (!articleIds.has(id)) throw new ExportError(`${where} cites article "${id}", which is not in articles`, "doc");
  };
  const nodeKeys = new Set<string>();
  for (const n of doc.graph.nodes) {
    if (!Object.hasOwn(NODE_LABEL, n.attributes?.type)) throw new ExportError(`node "${n.key}" has unknown type "${String(n.attributes?.type)}"`, "doc");
    if (nodeKeys.has(n.key)) throw new ExportError(`duplicate node key "${n.key}"`, "doc");
    nodeKeys.add(n.key);
    for (const m of n.attributes.mentions) needArticle(m.article, `a mention of node "${n.key}"`);
  }
  const edgeKeys = new Set<string>();
  for (const e of doc.graph.edges) {
    if (!Object.hasOwn(EDGE_REL_TYPE, e.attributes?.type)) throw new ExportError(`edge "${e.key}" has unknown type "${String(e.attributes?.type)}"`, "doc");
    if (edgeKeys.has(e.key)) throw new ExportError(`duplicate edge key "${e.key}"`, "doc");
    edgeKeys.add(e.key);
    for (const end of [e.source, e.target]) {
      if (!nodeKeys.has(end)) throw new ExportError(`edge "${e.key}" points to unknown node "${end}"`, "doc");
    }
    for (const ev of e.attributes.evidence) needArticle(ev.article, `evidence of edge "${e.key}"`);
  }
  for (const c of doc.conflicts) for (const claim of c.claims) needArticle(claim.evidence.article, `a claim about "${c.subject}"`);
}

/** The script's statements by section, in the order they must run. */
export function cypherSections(doc: GraphDocument, options: CypherOptions = {}): CypherSection[] {
  check(doc);
  const size = Math.max(1, Math.floor(options.batchSize ?? 500));
  const ascii = options.asciiOnly === true;
  const sections: CypherSection[] = [];
  const add = (title: string, statements: string[]) => {
    if (statements.length > 0) sections.push({ title, statements });
  };
  if (options.schema !== false) add("constraints and indexes (as lib/neo4j/load.ts creates them)", SCHEMA);

  add(`articles (${doc.articles.length})`, batches(doc.articles.map(articleRow), MERGE_ARTICLES, size, ascii));
  for (const t of NODE_TYPES) {
    const rows = doc.graph.nodes.filter((n) => n.attributes.type === t).map(entityRow);
    add(`${t} entities (${rows.length})`, batches(rows, mergeEntities(t), size, ascii));
  }
  for (const t of EDGE_TYPES) {
    const rows = doc.graph.edges.filter((e) => e.attributes.type === t).map(edgeRow);
    add(`${t} relationships (${rows.length})`, batches(rows, mergeEdges(t), size, ascii));
  }
  const mentions = doc.graph.nodes.flatMap(mentionRows);
  add(`mentions (${mentions.length} entity–article links)`, batches(mentions, MERGE_MENTIONS, size, ascii));
  const evidence = doc.graph.edges.flatMap(evidenceRows);
  add(`evidence (${evidence.length} passages)`, batches(evidence, MERGE_EVIDENCE, size, ascii));

  const keys = conflictKeys(doc.conflicts);
  const conflicts: Props[] = [];
  const claims: Props[] = [];
  doc.conflicts.forEach((c, i) => {
    const key = keys[i]!;
    conflicts.push({ key, subject: c.subject, props: { key, subject: c.subject, field: c.field, ordinal: i, claimCount: c.claims.length } });
    c.claims.forEach((cl, j) => {
      const ck = `${key}#${j}`;
      claims.push({
        key: ck,
        conflict: key,
        article: cl.evidence.article,
        props: {
          key: ck,
          conflict: key,
          subject: c.subject,
          field: c.field,
          ordinal: j,
          value: cl.value,
          article: cl.evidence.article,
          start: cl.evidence.start,
          end: cl.evidence.end,
          quote: cl.evidence.quote,
        },
      });
    });
  });
  add(`conflicts (${conflicts.length})`, batches(conflicts, MERGE_CONFLICTS, size, ascii));
  add(`conflict claims (${claims.length})`, batches(claims, MERGE_CLAIMS, size, ascii));
  return sections;
}

/** The statements to run one by one (auto-commit each: schema statements cannot share a transaction with writes). */
export function cypherStatements(doc: GraphDocument, options: CypherOptions = {}): string[] {
  return cypherSections(doc, options).flatMap((section) => section.statements);
}

/** The script: a header, then every statement terminated by ";\n" (one section comment before each group). */
export function toCypher(doc: GraphDocument, options: CypherOptions = {}): string {
  const sections = cypherSections(doc, options);
  const evidence = doc.graph.edges.reduce((n, e) => n + e.attributes.evidence.length, 0);
  const out: string[] = [
    `// newsgraph export: ${doc.graph.nodes.length} nodes, ${doc.graph.edges.length} relationships, ` +
      `${evidence} evidence passages, ${doc.articles.length} articles, ${doc.conflicts.length} conflicts.\n`,
    "// Recreates the subgraph in an empty Neo4j 5 database, in the newsgraph model (lib/neo4j/types.ts):\n",
    "//   (:Entity:<Type> {key, label, …})-[:<RELATION> {key, …}]->(:Entity)\n",
    "//   (:Evidence {article, start, end, quote, …})-[:FROM]->(:Article {id, title, …}), -[:SUBJECT]->, -[:OBJECT]->\n",
    "// Run: cypher-shell -f <this file>   (or split on \";\\n\" and run each statement with a driver).\n",
    "// Idempotent: running it again changes nothing.\n",
  ];
  for (const section of sections) {
    out.push(`\n// ${section.title}\n`);
    for (const statement of section.statements) out.push(statement, ";\n");
  }
  return out.join("");
}

/** Splits a script written by toCypher into its statements (comment-only chunks dropped, comments stripped). */
export function splitCypherScript(script: string): string[] {
  return script
    .split(";\n")
    .map((chunk) =>
      chunk
        .split("\n")
        .filter((line) => !line.startsWith("//"))
        .join("\n")
        .trim(),
    )
    .filter((chunk) => chunk !== "");
}
