// The API's own request and answer shapes, between the routes (server/routes) and the servers that
// carry them: Next's Pages API over node:http (server/http/node.ts, what `next start` runs) and the
// Web Request/Response pair (server/http/web.ts, for tests and any Fetch-style host).
//
// Why not Web Request/Response throughout: under `next start` an App Router route handler costs
// ≈0.7–1 ms of CPU per request before a route's own work, a Pages API route ≈0.3 ms, and wrapping
// a Pages API request in Web objects and piping a Web body back adds ≈0.1 ms more (measured with
// 50 concurrent clients on 2 cores: p50 29–33 ms, 13–14 ms and 18–21 ms for a route that does no
// work). The routes therefore see this small interface, and each carrier converts at its edge.

/** What a route reads of a request. Header names are lower case. */
export interface ApiRequest {
  readonly method: string;
  /** The query string's parameters. */
  readonly query: URLSearchParams;
  /** Dynamic path segments by name (e.g. `key` of /api/nodes/[key]), as the carrier gives them. */
  readonly params: Readonly<Record<string, string | undefined>>;
  header(name: string): string | null;
  /** The body as text (POST); the carrier caps its size. */
  text(): Promise<string>;
}

/** A route's answer: status, headers and a body that is already bytes or text (JSON). */
export interface ApiAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** null: no body (304, HEAD). */
  readonly body: string | Uint8Array | null;
}

export type ApiHandler = (request: ApiRequest) => Promise<ApiAnswer>;

/** The methods a route answers; any other gets 405 with `allow`. */
export type ApiRoute = Partial<Record<"GET" | "POST", ApiHandler>>;

/** Bodies above this are refused with 413 (the largest one taken, a Cypher query, is capped at 20,000 characters). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Large answers are sent in slices of this size (views of the answer's bytes, never copies), so a compressing server or a slow client holds one slice at a time. */
export const ANSWER_CHUNK_BYTES = 1024 * 1024;
