// The backend selector seen from the routes (lib/backend): GET /api/graph and GET /api/articles/[id] — what the
// explorer needs to draw anything — answer from the in-memory graph when the configured Neo4j is unavailable,
// and say so in headers; every other route answers 503 naming the Neo4j URI (server/http/respond.ts).
//
//   x-newsgraph-backend: memory | neo4j      which backend answered
//   x-newsgraph-fallback: 1                  Neo4j is configured but unavailable; the in-memory graph answered
//   x-newsgraph-notice: <percent-encoded>    one line for the page (decodeURIComponent); GET /api/backend says the same

import { getBackend, withFallback, type Backend } from "@/lib/backend";
import { getGraphStore, type GraphStore } from "@/lib/graph/store";
import type { GraphQueries } from "@/lib/graph/types";
import { answerFor, cachedAnswer, SerializedAnswer } from "./answers";
import { errorAnswer, json } from "./respond";
import type { ApiAnswer, ApiRequest } from "./types";

export const BACKEND_HEADER = "x-newsgraph-backend";
export const FALLBACK_HEADER = "x-newsgraph-fallback";
export const NOTICE_HEADER = "x-newsgraph-notice";

/**
 * Runs a route's work on the configured backend, or on the in-memory graph when Neo4j is unavailable. Work that
 * returns a SerializedAnswer (server/http/answers.ts) is sent as those bytes with its ETag (304 when `request`
 * already holds it); anything else as JSON.
 */
export async function respondWithFallback(work: (backend: Backend) => Promise<unknown>, request: ApiRequest): Promise<ApiAnswer> {
  try {
    const answer = await withFallback(work);
    const headers: Record<string, string> = { [BACKEND_HEADER]: answer.backend };
    if (answer.fallback) {
      headers[FALLBACK_HEADER] = "1";
      headers[NOTICE_HEADER] = encodeURIComponent(answer.fallback.notice);
    }
    if (answer.value instanceof SerializedAnswer) return await answerFor(request, answer.value, headers);
    return json(answer.value, 200, headers);
  } catch (error) {
    return errorAnswer(error);
  }
}

/**
 * The loaded in-memory graph when the in-memory backend answers, else null. Routes use it to reach the store's own
 * queries: lib/backend wraps them passing only the arguments GraphQueries had when it was written, which drops
 * newer optional ones (neighbourhood limits), and answers are cached per store (server/http/answers.ts).
 */
export async function memoryStore(backend?: Backend): Promise<GraphStore | null> {
  const name = backend?.name ?? (await getBackend()).name;
  return name === "memory" ? getGraphStore() : null;
}

/**
 * A read-only query's answer: with the in-memory backend, serialized once per loaded graph and `key`
 * (a SerializedAnswer: respond() sends its bytes with its ETag; `key` must name every parameter the answer
 * depends on, see answerKey); with Neo4j, whose data can change under the server, the plain value, per request.
 */
export async function cachedQuery(key: string, work: (queries: GraphQueries) => Promise<unknown>): Promise<unknown> {
  const backend = await getBackend();
  const store = await memoryStore(backend);
  return store ? cachedAnswer(store, key, () => work(store.queries)) : work(backend.queries);
}
