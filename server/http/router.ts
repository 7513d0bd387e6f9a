// The API's routes on node:http without Next's router: what `npm start` (scripts/serve.mjs) answers
// /api/* with, handing every other request (the page, its assets, any path this table does not name)
// to Next. The same route modules as pages/api, through the same nodeHandler, so the answers are the
// same; what is left out is Next's work per request, which on this 2-core machine was 0.9–1.1 ms of
// CPU for a route that does no graph work, against 0.1–0.3 ms here: under 50 concurrent clients the
// p50 of a small answer went from 35–40 ms to 3–6 ms (README, "The API").
//
// Only exact matches are taken: a trailing slash, an empty or dot segment ("..", "%2e%2e"), another
// method of spelling a path — all go to Next, which answers them as `next start` always did. A path
// that matches a route with a dynamic segment but is not valid percent-encoding gets the 400 that
// proxy.ts gives under `next start`. tests/api/router.test.ts checks that this table names every
// file of pages/api.
import type { IncomingMessage, ServerResponse } from "node:http";
import { nodeHandler, send, type NodeApiHandler } from "./node";
import { json } from "./respond";
import { route as articles } from "../routes/articles";
import { route as backend } from "../routes/backend";
import { route as claims } from "../routes/claims";
import { route as coAttendees } from "../routes/co-attendees";
import { route as cypher } from "../routes/cypher";
import { route as graph } from "../routes/graph";
import { route as meetings } from "../routes/meetings";
import { route as neighborhood } from "../routes/neighborhood";
import { route as nodes } from "../routes/nodes";
import { route as path } from "../routes/path";
import { route as search } from "../routes/search";
import { route as sourceEntities } from "../routes/source-entities";
import { route as status } from "../routes/status";

/** A route's path as pages/api spells it: "[name]" is a dynamic segment. */
export interface RouteEntry {
  path: string;
  handler: NodeApiHandler;
}

/** Every route of pages/api, by the path its file gives it. */
export const API_ROUTES: readonly RouteEntry[] = [
  { path: "/api/articles/[id]", handler: nodeHandler(articles, ["id"]) },
  { path: "/api/backend", handler: nodeHandler(backend) },
  { path: "/api/claims", handler: nodeHandler(claims) },
  { path: "/api/co-attendees", handler: nodeHandler(coAttendees) },
  { path: "/api/cypher", handler: nodeHandler(cypher) },
  { path: "/api/graph", handler: nodeHandler(graph) },
  { path: "/api/meetings", handler: nodeHandler(meetings) },
  { path: "/api/neighborhood", handler: nodeHandler(neighborhood) },
  { path: "/api/nodes/[key]", handler: nodeHandler(nodes, ["key"]) },
  { path: "/api/path", handler: nodeHandler(path) },
  { path: "/api/search", handler: nodeHandler(search) },
  { path: "/api/sources/[article]/entities", handler: nodeHandler(sourceEntities, ["article"]) },
  { path: "/api/status", handler: nodeHandler(status) },
];

/** The 400 proxy.ts answers under `next start` (the same words, so clients see one API). */
const BAD_ENCODING = json({ error: "newsgraph/api: the request path is not valid percent-encoding", parameter: "path" }, 400, { "cache-control": "no-store" });

interface CompiledRoute {
  /** Literal segments, or null where the route takes a dynamic one. */
  segments: Array<string | null>;
  names: string[];
  handler: NodeApiHandler;
}

function compile(entry: RouteEntry): CompiledRoute {
  if (!entry.path.startsWith("/api/")) throw new Error(`newsgraph/api: a route's path must start with /api/, got "${entry.path}"`);
  const names: string[] = [];
  const segments = entry.path
    .slice(1)
    .split("/")
    .map((segment) => {
      const dynamic = /^\[([a-z]+)\]$/i.exec(segment);
      if (!dynamic) return segment;
      names.push(dynamic[1]!);
      return null;
    });
  return { segments, names, handler: entry.handler };
}

/** The text of one path segment, or null when it is not valid percent-encoding. */
function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export type ApiRouter = (request: IncomingMessage, response: ServerResponse) => boolean;

/**
 * A dispatcher over `routes`: true when it took the request (and answers it), false when the request is
 * for someone else (Next). Query strings are the route's own business (nodeHandler reads them).
 */
export function createApiRouter(routes: readonly RouteEntry[] = API_ROUTES): ApiRouter {
  const compiled = routes.map(compile);
  return (request, response) => {
    const url = request.url ?? "/";
    if (!url.startsWith("/api/")) return false;
    const mark = url.indexOf("?");
    const raw = (mark < 0 ? url : url.slice(0, mark)).slice(1).split("/");
    if (raw.some((segment) => segment === "" || segment === "." || segment === "..")) return false;
    for (const route of compiled) {
      if (route.segments.length !== raw.length) continue;
      const values: string[] = [];
      let matches = true;
      let badEncoding = false;
      for (let i = 0; i < raw.length && matches; i++) {
        const literal = route.segments[i];
        if (literal !== null) {
          matches = raw[i] === literal;
          continue;
        }
        const value = decoded(raw[i]!);
        if (value === null) badEncoding = true;
        // What a browser or URL parser would resolve away is not this route's to answer.
        else if (value === "." || value === "..") matches = false;
        else values.push(value);
      }
      if (!matches) continue;
      if (badEncoding) {
        void send(request, response, BAD_ENCODING, request.method !== "HEAD");
        return true;
      }
      const query: Record<string, string> = {};
      route.names.forEach((name, i) => (query[name] = values[i]!));
      // Errors are answered inside the handler; nothing it throws can reach the server.
      void route.handler(Object.assign(request, { query }), response).catch(() => {
        if (!response.headersSent) response.statusCode = 500;
        response.end();
      });
      return true;
    }
    return false;
  };
}
