// Cypher: a script that recreates the subgraph, evidence included, in an empty Neo4j.
// Browser-safe (no driver): values are written as Cypher literals, never spliced as code.
//
// The model is lib/neo4j's: the rows are lib/neo4j/rows.ts, the very property maps lib/neo4j/load.ts
// loads, so a database made by this script is the loader's (the app's Neo4j backend queries it the
// same way) and `readGraph` reads it back into the same GraphDocument:
//
//   (:Entity:<Person|Organization|Place|Meeting|Document> {key, ordinal, type, label, aliases, mentionCount, rangeStarts?, rangeEnds?, …})
//   (:Entity)-[:<edge type> {key, ordinal, articles, note?, articleCount?, publisherCount?, evidenceCount}]->(:Entity)
//   (:Entity)-[:MENTIONED_IN {starts, ends, idx}]->(:Article {id, ordinal, file, title, publisher, url, date, sha256, chars})
//   (:Evidence {key, edgeKey, edgeType, source, target, ordinal, article, start, end, quote})
//       -[:FROM]->(:Article), -[:SUBJECT]->(source), -[:OBJECT]->(target)
//   (:Conflict {key, subject, field, ordinal, claimCount})-[:ABOUT]->(:Entity)
//   (:Conflict)-[:CLAIM]->(:ConflictClaim {key, conflict, ordinal, value, article, start, end, quote})-[:FROM]->(:Article)
//
// Statements are `UNWIND [ {…}, … ] AS row MERGE …` batches without parameters, so the script runs
// in cypher-shell (`cypher-shell -f export.cypher`) and through a driver (cypherStatements(), or
// splitCypherScript() on the file: string literals never hold a raw line break, so ";\n" only ends
// statements). Labels and relationship types come only from the constant tables of lib/neo4j/types.

import { EDGE_TYPES, NODE_TYPES, type EdgeType, type GraphDocument, type NodeType } from "../contract";
import { articleProps, conflictKeys, conflictRows, edgeProps, entityProps, evidenceKey, evidenceRows, mentionRows, SCHEMA_STATEMENTS, type NumberCodec, type Props as RowProps } from "../neo4j/rows";
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
// Rows: lib/neo4j/rows.ts, the loader's own property maps, with numbers as literals

type Props = { [key: string]: CypherValue };

/** Integers as they are (written 1021), floats marked (written 1021.0), as the driver sends them. */
const LITERAL_NUMBERS: NumberCodec = { int: (v) => v, float: (v) => new CypherFloat(v) };

// The shared rows hold only strings, numbers (as the codec made them), lists and maps of those.
const asLiterals = (rows: RowProps[]) => rows as unknown as Props[];

export { conflictKeys, evidenceKey };

// ---------------------------------------------------------------------------------------------
// Statements (Cypher text only from the constant tables)

const { entity: ENTITY, article: ARTICLE, evidence: EVIDENCE, conflict: CONFLICT, conflictClaim: CLAIM_NODE } = MODEL;

/** The loader's constraints and indexes (the same statements, so the loader can later take over the database). */
const SCHEMA: string[] = [...SCHEMA_STATEMENTS, "CALL db.awaitIndexes(300)"];

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

  add(`articles (${doc.articles.length})`, batches(asLiterals(doc.articles.map((a, i) => ({ id: a.id, props: articleProps(a, i, LITERAL_NUMBERS) }))), MERGE_ARTICLES, size, ascii));
  // Ordinals are positions in the document, as the loader numbers them.
  const nodes = doc.graph.nodes.map((n, ordinal) => ({ n, ordinal }));
  for (const t of NODE_TYPES) {
    const rows = nodes.filter(({ n }) => n.attributes.type === t).map(({ n, ordinal }) => ({ key: n.key, props: entityProps(n, ordinal, LITERAL_NUMBERS) }));
    add(`${t} entities (${rows.length})`, batches(asLiterals(rows), mergeEntities(t), size, ascii));
  }
  const edges = doc.graph.edges.map((e, ordinal) => ({ e, ordinal }));
  for (const t of EDGE_TYPES) {
    const rows = edges
      .filter(({ e }) => e.attributes.type === t)
      .map(({ e, ordinal }) => ({ key: e.key, source: e.source, target: e.target, props: edgeProps(e, ordinal, LITERAL_NUMBERS) }));
    add(`${t} relationships (${rows.length})`, batches(asLiterals(rows), mergeEdges(t), size, ascii));
  }
  const mentions = asLiterals(doc.graph.nodes.flatMap((n) => mentionRows(n, LITERAL_NUMBERS)));
  add(`mentions (${mentions.length} entity–article links)`, batches(mentions, MERGE_MENTIONS, size, ascii));
  const evidence = asLiterals(doc.graph.edges.flatMap((e) => evidenceRows(e, LITERAL_NUMBERS)));
  add(`evidence (${evidence.length} passages)`, batches(evidence, MERGE_EVIDENCE, size, ascii));

  const rows = conflictRows(doc.conflicts, LITERAL_NUMBERS);
  const conflicts = asLiterals(rows.conflicts);
  const claims = asLiterals(rows.claims);
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
