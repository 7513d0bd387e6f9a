// The backend selector seen from the routes (lib/backend): GET /api/graph and GET /api/articles/[id] — what the
// explorer needs to draw anything — answer from the in-memory graph when the configured Neo4j is unavailable,
// and say so in headers; every other route answers 503 naming the Neo4j URI (app/api/_lib/respond.ts).
//
//   x-newsgraph-backend: memory | neo4j      which backend answered
//   x-newsgraph-fallback: 1                  Neo4j is configured but unavailable; the in-memory graph answered
//   x-newsgraph-notice: <percent-encoded>    one line for the page (decodeURIComponent); GET /api/backend says the same

import { withFallback, type Backend } from "@/lib/backend";
import { errorResponse, json } from "./respond";

export const BACKEND_HEADER = "x-newsgraph-backend";
export const FALLBACK_HEADER = "x-newsgraph-fallback";
export const NOTICE_HEADER = "x-newsgraph-notice";

/** Runs a route's work on the configured backend, or on the in-memory graph when Neo4j is unavailable. */
export async function respondWithFallback(work: (backend: Backend) => Promise<unknown>): Promise<Response> {
  try {
    const answer = await withFallback(work);
    const headers: Record<string, string> = { [BACKEND_HEADER]: answer.backend };
    if (answer.fallback) {
      headers[FALLBACK_HEADER] = "1";
      headers[NOTICE_HEADER] = encodeURIComponent(answer.fallback.notice);
    }
    return json(answer.value, 200, headers);
  } catch (error) {
    return errorResponse(error);
  }
}
