// The one place where errors become HTTP responses, so every route answers the same way:
//   BadRequestError       → 400 { "error": "…", "parameter": "hops" }
//   NotFoundError         → 404 { "error": "…" }
//   GraphUnavailableError → 503 { "error": "…" }   (graph.json missing, unreadable or invalid)
//   anything else         → 500 { "error": "newsgraph/api: internal error: …" }
// The `_lib` folder is private to the App Router (no route is created for it).

import { isBadRequestError, isGraphUnavailableError, isNotFoundError } from "@/lib/graph/errors";

// Answers depend on graph.json, which a rebuild can replace at any time.
const HEADERS = { "cache-control": "no-store" };

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: HEADERS });
}

export function errorResponse(error: unknown): Response {
  if (isBadRequestError(error)) {
    return json(error.parameter ? { error: error.message, parameter: error.parameter } : { error: error.message }, 400);
  }
  if (isNotFoundError(error)) return json({ error: error.message }, 404);
  if (isGraphUnavailableError(error)) return json({ error: error.message }, 503);
  console.error("newsgraph/api: unexpected error", error);
  const detail = error instanceof Error ? error.message : String(error);
  return json({ error: `newsgraph/api: internal error: ${detail}` }, 500);
}

/** Runs a route's work and answers its result as JSON (200) or its error as above. */
export async function respond(work: () => unknown): Promise<Response> {
  try {
    return json(await work());
  } catch (error) {
    return errorResponse(error);
  }
}
