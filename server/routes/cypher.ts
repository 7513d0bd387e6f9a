// POST /api/cypher — the Cypher console (Neo4j backend only): one read-only query.
// Body (JSON): { query: string, params?: object, rowCap?: 1–10,000 (default 1000), timeoutMs?: 100–60,000 (default 10,000) }
// 200 CypherResult { columns: string[], rows: CypherValue[][], truncated: boolean, rowCap, ms,
//                    graph: { nodes: [{ id, labels, properties }], relationships: [{ id, type, start, end, properties }] } }
//     Cells are JSON; maps, nodes, relationships, paths and other values are tagged: { $map }, { $node }, { $rel },
//     { $path }, { $text } (lib/neo4j/cypher.ts).
// 400 { error, kind: "refused", clause }  a write, a procedure off the read-only list, or several statements:
//                                         refused before running (lib/neo4j/cypher.ts checkReadOnly)
// 400 { error, kind: "refused", code }    a write the READ transaction refused
// 400 { error, kind: "error", code }      the server rejected the query (syntax, unknown function…)
// 400 { error, parameter }                a bad body
// 404 { error }                           the backend is the in-memory graph (set NEO4J_URI)
// 408 { error, kind: "timeout" }          the query ran longer than timeoutMs
// 503 { error, backend: "neo4j", uri }    Neo4j unreachable

import { chooseBackend, getNeo4j } from "@/lib/backend";
import { BadRequestError } from "@/lib/graph/errors";
import { CypherQueryError, CypherRefusedError, runReadOnlyCypher } from "@/lib/neo4j/cypher";
import { errorAnswer, json } from "../http/respond";
import type { ApiAnswer, ApiRequest, ApiRoute } from "../http/types";
import { webHandler } from "../http/web";

const CYPHER_DEFAULT_ROWS = 1000;
const CYPHER_MAX_ROWS = 10_000;
const CYPHER_DEFAULT_TIMEOUT_MS = 10_000;
const CYPHER_MAX_TIMEOUT_MS = 60_000;
const MAX_QUERY_LENGTH = 20_000;

interface CypherRequest {
  query: string;
  params: Record<string, unknown>;
  rowCap: number;
  timeoutMs: number;
}

function integer(value: unknown, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new BadRequestError(`newsgraph/cypher: ${name} must be an integer from ${min} to ${max}`, name);
  }
  return value;
}

async function parseBody(request: ApiRequest): Promise<CypherRequest> {
  // Read outside the try: a body over the size cap is a 413, not a JSON error.
  const text = await request.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BadRequestError('newsgraph/cypher: the body must be JSON: { "query": "MATCH (n) RETURN n LIMIT 5" }', "body");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new BadRequestError('newsgraph/cypher: the body must be a JSON object: { "query": "…" }', "body");
  }
  const b = body as Record<string, unknown>;
  if (typeof b.query !== "string" || b.query.trim() === "") throw new BadRequestError("newsgraph/cypher: query must be a non-empty string", "query");
  if (b.query.length > MAX_QUERY_LENGTH) {
    throw new BadRequestError(`newsgraph/cypher: query must be at most ${MAX_QUERY_LENGTH} characters long`, "query");
  }
  const params = b.params ?? {};
  if (typeof params !== "object" || params === null || Array.isArray(params)) {
    throw new BadRequestError("newsgraph/cypher: params must be a JSON object", "params");
  }
  return {
    query: b.query,
    params: params as Record<string, unknown>,
    rowCap: integer(b.rowCap, "rowCap", 1, CYPHER_MAX_ROWS, CYPHER_DEFAULT_ROWS),
    timeoutMs: integer(b.timeoutMs, "timeoutMs", 100, CYPHER_MAX_TIMEOUT_MS, CYPHER_DEFAULT_TIMEOUT_MS),
  };
}

async function post(request: ApiRequest): Promise<ApiAnswer> {
  try {
    const input = await parseBody(request);
    const choice = chooseBackend();
    if (choice.name !== "neo4j") {
      return json({ error: "newsgraph/cypher: the Cypher console needs the Neo4j backend: set NEO4J_URI and reload the graph with npm run neo4j:load" }, 404);
    }
    const { driver, database } = await getNeo4j(choice);
    return json(await runReadOnlyCypher(driver, input.query, input.params, { rowCap: input.rowCap, timeoutMs: input.timeoutMs, database }));
  } catch (error) {
    if (error instanceof CypherRefusedError) return json({ error: error.message, kind: error.kind, clause: error.clause }, 400);
    if (error instanceof CypherQueryError) {
      return json({ error: error.message, kind: error.kind, code: error.neo4jCode ?? null }, error.kind === "timeout" ? 408 : 400);
    }
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === "string" && (code === "ServiceUnavailable" || code === "SessionExpired")) {
      const choice = chooseBackend();
      const uri = choice.connection?.uri ?? null;
      return json({ error: `newsgraph/neo4j: cannot reach Neo4j at ${uri ?? "the configured URI"}: ${(error as Error).message}`, backend: "neo4j", uri }, 503);
    }
    return errorAnswer(error);
  }
}

export const route: ApiRoute = { POST: post };
/** The route as a Web handler (tests, Fetch-style hosts). */
export const POST = webHandler(post);
