// The one place where errors become HTTP responses, so every route answers the same way:
//   BadRequestError       → 400 { "error": "…", "parameter": "hops" }
//   PayloadTooLargeError  → 413 { "error": "…", "parameter": "body" }
//   NotFoundError         → 404 { "error": "…" }
//   GraphUnavailableError → 503 { "error": "…" }   (graph.json missing, unreadable or invalid)
//   Neo4jUnavailableError → 503 { "error": "newsgraph/neo4j: cannot reach Neo4j at bolt://…: …", "backend": "neo4j", "uri": "bolt://…" }
//                           (the Neo4j backend is configured — NEO4J_URI — but unreachable or holds no graph)
//   anything else         → 500 { "error": "newsgraph/api: internal error (details in the server log)" }
//                           (the message and stack go to the server log only: they may name files)

import { isBadRequestError, isGraphUnavailableError, isNotFoundError } from "@/lib/graph/errors";
import { answerFor, SerializedAnswer } from "./answers";
import type { ApiAnswer, ApiRequest } from "./types";

// Answers depend on graph.json, which a rebuild can replace at any time. (Cached in-memory
// answers say `no-cache` instead and carry an ETag: server/http/answers.ts.)
const HEADERS = { "cache-control": "no-store", "content-type": "application/json" };

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): ApiAnswer {
  return { status, headers: { ...HEADERS, ...headers }, body: JSON.stringify(body) };
}

function neo4jError(error: unknown): { uri: string | null } | null {
  const e = error as { backend?: unknown; uri?: unknown } | null;
  if (!e || typeof e !== "object" || e.backend !== "neo4j") return null;
  return { uri: typeof e.uri === "string" ? e.uri : null };
}

/** A request body larger than the API takes (server/http/types.ts MAX_BODY_BYTES). */
export class PayloadTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`newsgraph/api: the request body is larger than ${maxBytes} bytes`);
    this.name = "PayloadTooLargeError";
  }
}

export function errorAnswer(error: unknown): ApiAnswer {
  if (error instanceof PayloadTooLargeError) return json({ error: error.message, parameter: "body" }, 413);
  if (isBadRequestError(error)) {
    return json(error.parameter ? { error: error.message, parameter: error.parameter } : { error: error.message }, 400);
  }
  if (isNotFoundError(error)) return json({ error: error.message }, 404);
  if (isGraphUnavailableError(error)) {
    const neo4j = neo4jError(error);
    if (!neo4j) return json({ error: error.message }, 503);
    const message = error.message.startsWith("newsgraph/") ? error.message : `newsgraph/neo4j: ${error.message}`;
    return json({ error: message, backend: "neo4j", uri: neo4j.uri }, 503);
  }
  console.error("newsgraph/api: unexpected error", error);
  return json({ error: "newsgraph/api: internal error (details in the server log)" }, 500);
}

/**
 * Runs a route's work and answers its result as JSON (200) or its error as above. A SerializedAnswer
 * (server/http/answers.ts: a cached in-memory answer) is sent as its bytes with its ETag, or as
 * 304 when `request` already holds it.
 */
export async function respond(work: () => unknown, request: ApiRequest): Promise<ApiAnswer> {
  try {
    const value = await work();
    if (value instanceof SerializedAnswer) return await answerFor(request, value);
    return json(value);
  } catch (error) {
    return errorAnswer(error);
  }
}
