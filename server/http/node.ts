// The routes on node:http: what Next's Pages API hands a route under `next start` (pages/api/*.ts are
// one line each: `export default nodeHandler(route)`). Reading the query from the raw URL and writing
// the answer's bytes straight to the socket keeps Web Request/Response objects off the hot path
// (server/http/types.ts says why and what it measured).
//
// Methods: the route's own, HEAD for a route with GET (the headers of GET, no body), OPTIONS (204 with
// `allow`); anything else 405 with `allow`. A body above MAX_BODY_BYTES is refused with 413.

import { once } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { acceptsGzip, GZIP_MIN_BYTES } from "./answers";
import { errorAnswer, json, PayloadTooLargeError } from "./respond";
import { ANSWER_CHUNK_BYTES as CHUNK_BYTES, MAX_BODY_BYTES, type ApiAnswer, type ApiHandler, type ApiRequest, type ApiRoute } from "./types";


const gzipAsync = promisify(gzip);
/** Text that gzip shrinks (what Next's compression takes too): JSON, text, XML; never bytes already packed. */
const COMPRESSIBLE = /^\s*(?:text\/|application\/(?:json|xml|javascript|[\w.+-]+\+(?:json|xml)))/i;

/** A request as Next's Pages API gives it: dynamic segments are in `query`, already decoded. */
export type NodeApiRequest = IncomingMessage & { query?: Partial<Record<string, string | string[]>> };

export type NodeApiHandler = (request: NodeApiRequest, response: ServerResponse) => Promise<void>;

async function cappedText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) {
      request.resume();
      throw new PayloadTooLargeError(MAX_BODY_BYTES);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function apiRequest(request: NodeApiRequest, method: string, segments: readonly string[]): ApiRequest {
  const url = request.url ?? "/";
  const mark = url.indexOf("?");
  const params: Record<string, string | undefined> = {};
  for (const name of segments) {
    const value = request.query?.[name];
    params[name] = Array.isArray(value) ? value[0] : value;
  }
  return {
    method,
    query: new URLSearchParams(mark < 0 ? "" : url.slice(mark + 1)),
    params,
    header(name) {
      const value = request.headers[name];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
    text: () => cappedText(request),
  };
}

/**
 * The answer's bytes, gzipped when the client takes gzip and the answer is text (COMPRESSIBLE) of at least
 * GZIP_MIN_BYTES that is not encoded yet (the cached answers come gzipped once: server/http/answers.ts).
 * Under `next start`, Next's own compression did this for every route; `npm start` (scripts/serve.mjs)
 * serves the routes without Next, so they do it themselves, and Next leaves an encoded answer alone.
 * zlib's thread pool does the work, off the main thread.
 */
async function encoded(request: IncomingMessage, response: ServerResponse, bytes: Buffer): Promise<Buffer> {
  if (bytes.byteLength < GZIP_MIN_BYTES || response.hasHeader("content-encoding")) return bytes;
  if (!COMPRESSIBLE.test(String(response.getHeader("content-type") ?? ""))) return bytes;
  const vary = response.getHeader("vary");
  if (!/\baccept-encoding\b/i.test(String(vary ?? ""))) response.setHeader("vary", vary ? `${String(vary)}, accept-encoding` : "accept-encoding");
  const accept = request.headers["accept-encoding"];
  if (!acceptsGzip(accept === undefined ? null : String(accept))) return bytes;
  try {
    const gzipped = await gzipAsync(bytes);
    response.setHeader("content-encoding", "gzip");
    return gzipped;
  } catch {
    // Sent as it is: a client that takes gzip takes the identity too.
    return bytes;
  }
}

/** Writes `answer` to `response` (headers, then the body unless `withBody` is false), compressed as encoded() says. */
export async function send(request: IncomingMessage, response: ServerResponse, answer: ApiAnswer, withBody: boolean): Promise<void> {
  response.statusCode = answer.status;
  for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value);
  const body = answer.status === 204 || answer.status === 304 ? null : answer.body;
  if (body === null) {
    response.end();
    return;
  }
  const bytes = await encoded(request, response, typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  response.setHeader("content-length", String(bytes.byteLength));
  if (!withBody || bytes.byteLength <= CHUNK_BYTES) {
    response.end(withBody ? bytes : undefined);
    return;
  }
  // A whole graph can be hundreds of MB: slices, so that a compressing server or a slow client
  // holds one slice at a time, not a second copy of the answer.
  for (let offset = 0; offset < bytes.byteLength && !response.destroyed; offset += CHUNK_BYTES) {
    if (!response.write(bytes.subarray(offset, offset + CHUNK_BYTES))) await drainedOrClosed(response);
  }
  response.end();
}

/**
 * Resolves on the response's next "drain" or "close", whichever comes first, and takes both listeners
 * off: a listener left behind per slice would pile up on a long answer (Node warns past 10).
 */
async function drainedOrClosed(response: ServerResponse): Promise<void> {
  const controller = new AbortController();
  const { signal } = controller;
  try {
    // The loser rejects with an AbortError once aborted; race has already settled and handles it.
    await Promise.race([once(response, "drain", { signal }), once(response, "close", { signal })]);
  } finally {
    controller.abort();
  }
}

/** A route as a Pages API handler. `segments` names the route's dynamic path segments ([key] → "key"). */
export function nodeHandler(route: ApiRoute, segments: readonly string[] = []): NodeApiHandler {
  const methods = Object.keys(route).filter((method) => route[method as keyof ApiRoute]);
  const allow = [...methods, ...(route.GET ? ["HEAD"] : []), "OPTIONS"].join(", ");
  return async (request, response) => {
    const method = request.method ?? "GET";
    let answer: ApiAnswer;
    try {
      if (method === "OPTIONS") answer = { status: 204, headers: { allow }, body: null };
      else {
        const handler: ApiHandler | undefined = method === "HEAD" ? route.GET : route[method as keyof ApiRoute];
        answer = handler
          ? await handler(apiRequest(request, method, segments))
          : json({ error: `newsgraph/api: ${method} is not allowed on ${request.url?.split("?")[0]}; allowed: ${allow}` }, 405, { allow });
      }
    } catch (error) {
      answer = errorAnswer(error);
    }
    await send(request, response, answer, method !== "HEAD");
  };
}
