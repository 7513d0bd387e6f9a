// The Cypher console's engine: read-only queries typed by a user, run against the Neo4j backend.
//
// Two guards, so that neither alone has to be perfect:
// 1. checkReadOnly(): a conservative lexical check BEFORE anything runs. String literals, backtick-quoted names
//    and comments are set aside first (so `WHERE n.label = 'CREATE'` or a `// DELETE` comment is fine), then
//    the query is refused if it
//      - writes: CREATE, MERGE, SET, DELETE, DETACH DELETE, REMOVE, FOREACH, LOAD CSV, DROP;
//      - batches writes: CALL { … } IN TRANSACTIONS;
//      - calls a procedure that is not on a short read-only list (db.labels(), db.schema.visualization(), …),
//        which refuses db.create*, dbms.* and every apoc.* (APOC functions are refused too);
//      - administers: USE, SHOW, ALTER, GRANT, DENY, REVOKE, RENAME, START, STOP, TERMINATE, ENABLE, …;
//      - holds more than one statement (a `;` followed by anything but blanks and comments).
//    Property keys, parameters, labels, map keys and aliases are names, not clauses (`n.set`, `$delete`,
//    `:Create`, `{remove: 1}`, `AS merge` pass). The message names what was refused.
// 2. The query then runs in a READ transaction (session in READ access mode + executeRead), so the server
//    itself refuses any write the check might miss — with a timeout (transaction config) and a row cap (the
//    stream is cut after `rowCap` rows and `truncated` says so).
//
// Results come back as a table of JSON values, and the nodes and relationships found anywhere in them (also
// inside lists, maps and paths) are listed apart, so the explorer can add the graph's own to its view.

import neo4j, { type Driver, type Record as Neo4jRecord } from "neo4j-driver";

/** A write, a procedure that is not on the read-only list, several statements: refused before running. */
export class CypherRefusedError extends Error {
  readonly kind = "refused";
  /** What was refused, as written ("DETACH DELETE", "CALL apoc.create.node", ";"). */
  readonly clause: string;
  constructor(message: string, clause: string) {
    super(`newsgraph/cypher: ${message}`);
    this.name = "CypherRefusedError";
    this.clause = clause;
  }
}

/** The server rejected or stopped the query (syntax, timeout, a write the read transaction refused…). */
export class CypherQueryError extends Error {
  readonly kind: "error" | "timeout" | "refused";
  readonly neo4jCode: string | undefined;
  constructor(kind: "error" | "timeout" | "refused", message: string, neo4jCode?: string, options?: { cause?: unknown }) {
    super(`newsgraph/cypher: ${message}`, options);
    this.name = "CypherQueryError";
    this.kind = kind;
    this.neo4jCode = neo4jCode;
  }
}

/** Procedures that only read, callable from the console. Everything else is refused. */
export const READ_ONLY_PROCEDURES: readonly string[] = Object.freeze([
  "db.labels",
  "db.relationshiptypes",
  "db.propertykeys",
  "db.schema.visualization",
  "db.schema.nodetypeproperties",
  "db.schema.reltypeproperties",
  "dbms.components",
]);

const WRITE_CLAUSES = new Set(["CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "FOREACH", "LOAD", "DROP"]);
const ADMIN_WORDS = new Set([
  "USE",
  "SHOW",
  "ALTER",
  "GRANT",
  "DENY",
  "REVOKE",
  "RENAME",
  "START",
  "STOP",
  "TERMINATE",
  "ENABLE",
  "DEALLOCATE",
  "REALLOCATE",
]);

interface Token {
  text: string;
  upper: string;
  /** The character just before the token ("" at the start), and just after it, ignoring blanks. */
  before: string;
  after: string;
}

/**
 * The query with string literals, backtick names and comments taken out, split into words and symbols.
 * Throws CypherRefusedError for an unterminated literal or comment (the check cannot see past it).
 */
function scan(query: string): Token[] {
  let code = "";
  let i = 0;
  while (i < query.length) {
    const c = query[i]!;
    const next = query[i + 1];
    if (c === "/" && next === "/") {
      const end = query.indexOf("\n", i);
      i = end < 0 ? query.length : end;
      code += " ";
    } else if (c === "/" && next === "*") {
      const end = query.indexOf("*/", i + 2);
      if (end < 0) throw new CypherRefusedError("the query has an unterminated /* comment", "/*");
      i = end + 2;
      code += " ";
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < query.length && query[j] !== c) j += query[j] === "\\" ? 2 : 1;
      if (j >= query.length) throw new CypherRefusedError(`the query has an unterminated string literal (${c})`, c);
      i = j + 1;
      code += " '' ";
    } else if (c === "`") {
      let j = i + 1;
      while (j < query.length && !(query[j] === "`" && query[j + 1] !== "`")) j += query[j] === "`" ? 2 : 1;
      if (j >= query.length) throw new CypherRefusedError("the query has an unterminated `name`", "`");
      i = j + 1;
      code += " _name_ ";
    } else {
      code += c;
      i += 1;
    }
  }
  // A `;` ends a statement; only blanks (and comments) may follow it: one trailing `;` is allowed.
  const parts = code.split(";");
  if (parts.length > 2 || (parts.length === 2 && parts[1]!.trim() !== "")) {
    throw new CypherRefusedError("the console runs one statement at a time: remove the `;` and what follows it", ";");
  }
  const tokens: Token[] = [];
  const pattern = /[A-Za-z_][A-Za-z0-9_]*|\S/g;
  const text = parts[0]!;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const before = text.slice(0, start).trimEnd().slice(-1);
    const after = text.slice(end).trimStart().slice(0, 1);
    tokens.push({ text: m[0], upper: m[0].toUpperCase(), before, after });
  }
  return tokens;
}

/** A name (property key, parameter, label or type, map key), not a clause keyword. */
function isName(token: Token): boolean {
  return token.before === "." || token.before === "$" || token.before === ":" || token.after === ":";
}

function isWord(token: Token | undefined): boolean {
  return !!token && /^[A-Za-z_]/.test(token.text);
}

/**
 * Throws CypherRefusedError naming the first thing that is not a plain read query; returns the query trimmed
 * (without a trailing `;`) when it passes.
 */
export function checkReadOnly(query: unknown): string {
  if (typeof query !== "string" || query.trim() === "") {
    throw new CypherRefusedError("the query is empty", "");
  }
  const tokens = scan(query);
  if (tokens.length === 0) throw new CypherRefusedError("the query is empty", "");
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!isWord(token) || isName(token) || tokens[i - 1]?.upper === "AS") continue; // `AS x` names a variable
    const word = token.upper;
    if (word === "APOC" && tokens[i + 1]?.text === ".") {
      throw new CypherRefusedError("APOC procedures and functions are not available in the read-only console", "apoc");
    }
    if (WRITE_CLAUSES.has(word)) {
      const clause =
        word === "DETACH" && tokens[i + 1]?.upper === "DELETE" ? "DETACH DELETE" : word === "LOAD" && tokens[i + 1]?.upper === "CSV" ? "LOAD CSV" : word;
      throw new CypherRefusedError(`${clause} writes to the database; the console runs read-only queries`, clause);
    }
    if (word === "IN" && tokens[i + 1]?.upper === "TRANSACTIONS") {
      throw new CypherRefusedError("CALL … IN TRANSACTIONS batches writes; the console runs read-only queries", "IN TRANSACTIONS");
    }
    if (ADMIN_WORDS.has(word)) {
      throw new CypherRefusedError(`${word} is an administration command; the console runs read-only queries`, word);
    }
    if (word === "CALL") {
      const next = tokens[i + 1];
      if (!next || next.text === "{" || next.text === "(") continue; // a subquery: its body is checked like the rest
      const parts: string[] = [];
      let j = i + 1;
      while (isWord(tokens[j])) {
        parts.push(tokens[j]!.text);
        if (tokens[j + 1]?.text !== ".") break;
        j += 2;
      }
      const name = parts.join(".");
      if (!READ_ONLY_PROCEDURES.includes(name.toLowerCase())) {
        throw new CypherRefusedError(
          `CALL ${name || "…"}: only these read-only procedures can be called from the console: ${READ_ONLY_PROCEDURES.join(", ")}`,
          `CALL ${name}`,
        );
      }
    }
  }
  return query.trim().replace(/;\s*$/, "");
}

// ---------------------------------------------------------------------------------------------
// Results as JSON.

/** A cell: JSON primitives and lists as they are; maps, graph elements and other values tagged by one `$` key. */
export type CypherValue =
  | null
  | boolean
  | number
  | string
  | CypherValue[]
  | { $map: { [key: string]: CypherValue } }
  | { $node: CypherNode }
  | { $rel: CypherRelationship }
  | { $path: { nodes: CypherNode[]; relationships: CypherRelationship[] } }
  | { $text: string };

export interface CypherNode {
  id: string;
  labels: string[];
  properties: { [key: string]: CypherValue };
}

export interface CypherRelationship {
  id: string;
  type: string;
  start: string;
  end: string;
  properties: { [key: string]: CypherValue };
}

export interface CypherResult {
  columns: string[];
  rows: CypherValue[][];
  /** True when the query returned more than `rowCap` rows and the rest were not read. */
  truncated: boolean;
  rowCap: number;
  ms: number;
  /** Every distinct node and relationship in the rows (also inside lists, maps and paths), in order of appearance. */
  graph: { nodes: CypherNode[]; relationships: CypherRelationship[] };
}

export interface CypherOptions {
  /** Transaction timeout in ms. */
  timeoutMs: number;
  /** At most this many rows are returned. */
  rowCap: number;
  database?: string;
}

interface Collector {
  nodes: Map<string, CypherNode>;
  relationships: Map<string, CypherRelationship>;
}

function properties(props: object, seen: Collector): { [key: string]: CypherValue } {
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, toValue(v, seen)]));
}

function nodeValue(node: InstanceType<typeof neo4j.types.Node>, seen: Collector): CypherNode {
  const value: CypherNode = { id: node.elementId, labels: [...node.labels], properties: properties(node.properties, seen) };
  if (!seen.nodes.has(value.id)) seen.nodes.set(value.id, value);
  return value;
}

function relValue(rel: InstanceType<typeof neo4j.types.Relationship>, seen: Collector): CypherRelationship {
  const value: CypherRelationship = {
    id: rel.elementId,
    type: rel.type,
    start: rel.startNodeElementId,
    end: rel.endNodeElementId,
    properties: properties(rel.properties, seen),
  };
  if (!seen.relationships.has(value.id)) seen.relationships.set(value.id, value);
  return value;
}

function toValue(value: unknown, seen: Collector): CypherValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (neo4j.isInt(value)) {
    const int = value as { inSafeRange(): boolean; toNumber(): number; toString(): string };
    return int.inSafeRange() ? int.toNumber() : int.toString();
  }
  if (neo4j.isNode(value as object)) return { $node: nodeValue(value as InstanceType<typeof neo4j.types.Node>, seen) };
  if (neo4j.isRelationship(value as object)) return { $rel: relValue(value as InstanceType<typeof neo4j.types.Relationship>, seen) };
  if (neo4j.isPath(value as object)) {
    const path = value as InstanceType<typeof neo4j.types.Path>;
    const nodes = [nodeValue(path.start, seen), ...path.segments.map((s) => nodeValue(s.end, seen))];
    return { $path: { nodes, relationships: path.segments.map((s) => relValue(s.relationship, seen)) } };
  }
  if (Array.isArray(value)) return value.map((item) => toValue(item, seen));
  if (value instanceof Uint8Array) return { $text: `<${value.length} bytes>` };
  if (neo4j.isPoint(value as object)) {
    const p = value as { srid: unknown; x: number; y: number; z?: number };
    return { $map: { srid: toValue(p.srid, seen), x: p.x, y: p.y, ...(p.z === undefined ? {} : { z: p.z }) } };
  }
  if (
    neo4j.isDate(value as object) ||
    neo4j.isDateTime(value as object) ||
    neo4j.isLocalDateTime(value as object) ||
    neo4j.isLocalTime(value as object) ||
    neo4j.isTime(value as object) ||
    neo4j.isDuration(value as object)
  ) {
    return { $text: String(value) };
  }
  if (typeof value === "object") return { $map: properties(value as object, seen) };
  return { $text: String(value) };
}

function isTimeout(code: string | undefined): boolean {
  return !!code && /TransactionTimedOut|Transaction\.TransactionTimedOut|TransactionTimedOutClientConfiguration/.test(code);
}

/**
 * Runs `query` in a READ transaction with a timeout and a row cap, WITHOUT the lexical check: the server's
 * read-only transaction is then the only guard. For tests that prove that guard; use runReadOnlyCypher.
 */
export async function runInReadTransaction(
  driver: Driver,
  query: string,
  params: Record<string, unknown>,
  options: CypherOptions,
): Promise<CypherResult> {
  const rowCap = Math.max(1, Math.floor(options.rowCap));
  const t0 = performance.now();
  const session = driver.session({
    database: options.database,
    defaultAccessMode: neo4j.session.READ,
    fetchSize: Math.min(rowCap + 1, 1000),
  });
  try {
    const { columns, records, truncated } = await session.executeRead(
      async (tx) => {
        const result = tx.run(query, params);
        const records: Neo4jRecord[] = [];
        let truncated = false;
        for await (const record of result) {
          if (records.length >= rowCap) {
            truncated = true;
            break;
          }
          records.push(record);
        }
        const columns = truncated ? records[0]?.keys.map(String) ?? [] : (await result.keys()).map(String);
        return { columns, records, truncated };
      },
      { timeout: Math.max(1, Math.floor(options.timeoutMs)), metadata: { app: "newsgraph-console" } },
    );
    const seen: Collector = { nodes: new Map(), relationships: new Map() };
    const rows = records.map((record) => columns.map((column) => toValue(record.get(column), seen)));
    return {
      columns,
      rows,
      truncated,
      rowCap,
      ms: Math.round(performance.now() - t0),
      graph: { nodes: [...seen.nodes.values()], relationships: [...seen.relationships.values()] },
    };
  } catch (err) {
    const code = (err as { code?: string }).code;
    const text = (err instanceof Error ? err.message : String(err)).split("\n")[0]!.trim();
    if (isTimeout(code)) {
      throw new CypherQueryError("timeout", `the query ran longer than ${options.timeoutMs} ms and was stopped`, code, { cause: err });
    }
    if (code === "Neo.ClientError.Statement.AccessMode" || code?.startsWith("Neo.ClientError.Security")) {
      throw new CypherQueryError("refused", `the read-only transaction refused it: ${text}`, code, { cause: err });
    }
    if (code?.startsWith("Neo.ClientError")) throw new CypherQueryError("error", text, code, { cause: err });
    throw err;
  } finally {
    await session.close().catch(() => undefined);
  }
}

/** checkReadOnly, then runInReadTransaction: what POST /api/cypher runs. */
export async function runReadOnlyCypher(
  driver: Driver,
  query: unknown,
  params: Record<string, unknown>,
  options: CypherOptions,
): Promise<CypherResult> {
  const checked = checkReadOnly(query);
  return runInReadTransaction(driver, checked, params, options);
}
