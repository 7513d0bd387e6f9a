// The routes on node:http (server/http/node.ts), as `next start` serves them through pages/api: the
// very modules of pages/api behind a real HTTP server on loopback, over the fixture graph and its
// articles (tests/fixtures/graph). Next's Pages API puts dynamic segments in `req.query`; the small
// dispatcher below does the same.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import articlePage, { config as articleConfig } from "@/pages/api/articles/[id]";
import backendPage from "@/pages/api/backend";
import cypherPage, { config as cypherConfig } from "@/pages/api/cypher";
import graphPage from "@/pages/api/graph";
import neighborhoodPage from "@/pages/api/neighborhood";
import nodePage from "@/pages/api/nodes/[key]";
import pathPage from "@/pages/api/path";
import searchPage from "@/pages/api/search";
import sourceEntitiesPage from "@/pages/api/sources/[article]/entities";
import { nodeHandler, type NodeApiHandler, type NodeApiRequest } from "@/server/http/node";
import { MAX_BODY_BYTES } from "@/server/http/types";
import { GZIP_MIN_BYTES } from "@/server/http/answers";
import * as articleRoute from "@/server/routes/articles";
import * as graphRoute from "@/server/routes/graph";
import * as neighborhoodRoute from "@/server/routes/neighborhood";
import * as nodeRoute from "@/server/routes/nodes";
import * as pathRoute from "@/server/routes/path";
import * as searchRoute from "@/server/routes/search";
import { K } from "../fixtures/graph/fixture";
import { serveFixtureGraph } from "../fixtures/graph/serve";
import { listenOnLoopback } from "../fixtures/http";

serveFixtureGraph();

// Extra routes for what the fixture graph cannot show: an answer of several MB, a route that throws.
const BIG = new Uint8Array(5 * 1024 * 1024 + 123).map((_, i) => (i * 7919) % 251);
const bigPage = nodeHandler({ GET: async () => ({ status: 200, headers: { "content-type": "application/octet-stream" }, body: BIG }) });
const throwingPage = nodeHandler({
  GET: async () => {
    throw new Error(`EACCES: permission denied, open '${process.cwd()}/secret'`);
  },
});

const pages: Array<[RegExp, NodeApiHandler, string[]]> = [
  [/^\/api\/articles\/([^/]+)$/, articlePage, ["id"]],
  [/^\/api\/backend$/, backendPage, []],
  [/^\/api\/cypher$/, cypherPage, []],
  [/^\/api\/graph$/, graphPage, []],
  [/^\/api\/neighborhood$/, neighborhoodPage, []],
  [/^\/api\/nodes\/([^/]+)$/, nodePage, ["key"]],
  [/^\/api\/path$/, pathPage, []],
  [/^\/api\/search$/, searchPage, []],
  [/^\/api\/sources\/([^/]+)\/entities$/, sourceEntitiesPage, ["article"]],
  [/^\/big$/, bigPage, []],
  [/^\/throws$/, throwingPage, []],
];

let server: http.Server;
let base = "";
/** Resolves when the handler of the most recent request has returned. */
let handled: Promise<void> = Promise.resolve();
/** The most "drain" and "close" listeners the most recent response held at once. */
let mostListeners = { drain: 0, close: 0 };

beforeAll(async () => {
  server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    const pathname = (req.url ?? "/").split("?")[0]!;
    for (const [pattern, page, names] of pages) {
      const match = pattern.exec(pathname);
      if (!match) continue;
      (req as NodeApiRequest).query = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
      const most = { drain: 0, close: 0 };
      mostListeners = most;
      res.on("newListener", (event: string) => {
        // Emitted before the listener is added: the count after it is one more.
        if (event === "drain" || event === "close") most[event] = Math.max(most[event], res.listenerCount(event) + 1);
      });
      handled = page(req, res);
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  base = await listenOnLoopback(server);
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const HEADERS = ["content-type", "content-encoding", "vary", "cache-control", "etag", "x-newsgraph-json-bytes", "x-newsgraph-backend"];

interface Raw {
  status: number;
  headers: Record<string, string | null>;
  length: string | null;
  body: Buffer;
}

/** A GET over node:http, bytes as they came (fetch would decode a gzip body). */
function raw(url: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${url}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: Object.fromEntries(HEADERS.map((name) => [name, (res.headers[name] as string | undefined) ?? null])),
            length: res.headers["content-length"] ?? null,
            body: Buffer.concat(chunks),
          }),
        );
      })
      .on("error", reject);
  });
}

async function web(response: Response): Promise<Omit<Raw, "length">> {
  return {
    status: response.status,
    headers: Object.fromEntries(HEADERS.map((name) => [name, response.headers.get(name)])),
    body: Buffer.from(await response.arrayBuffer()),
  };
}

describe("server/http/node", () => {
  it("should answer each route exactly as its Web handler does, gzipped or not", async () => {
    const key = encodeURIComponent(K.ZEL);
    const cases: Array<[string, (request: Request) => Promise<Response>]> = [
      ["/api/graph", (request) => graphRoute.GET(request)],
      ["/api/graph?limit=3&comentionsIfWhole=1", (request) => graphRoute.GET(request)],
      ["/api/graph?hops=2", (request) => graphRoute.GET(request)],
      ["/api/search?q=zel", (request) => searchRoute.GET(request)],
      [`/api/neighborhood?key=${key}&hops=2`, (request) => neighborhoodRoute.GET(request)],
      [`/api/path?from=${key}&to=${encodeURIComponent(K.DMI)}`, (request) => pathRoute.GET(request)],
      [`/api/nodes/${key}`, (request) => nodeRoute.GET(request, { params: Promise.resolve({ key: K.ZEL }) })],
      ["/api/nodes/person%3Anobody", (request) => nodeRoute.GET(request, { params: Promise.resolve({ key: "person:nobody" }) })],
      ["/api/articles/alpha", (request) => articleRoute.GET(request, { params: Promise.resolve({ id: "alpha" }) })],
    ];
    let gzipped = 0;
    for (const encoding of ["identity", "gzip, deflate"]) {
      for (const [url, route] of cases) {
        const headers = { "accept-encoding": encoding };
        const overHttp = await raw(url, headers);
        const expected = await web(await route(new Request(`${base}${url}`, { headers })));
        const { length, ...answer } = overHttp;
        expect(length, url).toBe(String(overHttp.body.byteLength));
        if (overHttp.headers["content-encoding"] === "gzip") gzipped++;
        if (expected.body.byteLength < GZIP_MIN_BYTES || expected.headers["content-encoding"] === "gzip") {
          expect(answer, `${url} (${encoding})`).toEqual(expected);
          continue;
        }
        // An answer the route left unencoded: node:http gzips it when the client takes gzip (what Next's
        // compression did under next start), and says that it varies with accept-encoding either way.
        expect(answer.headers.vary, url).toBe("accept-encoding");
        expect(answer.headers["content-encoding"], `${url} (${encoding})`).toBe(encoding.includes("gzip") ? "gzip" : null);
        const body = answer.headers["content-encoding"] === "gzip" ? gunzipSync(answer.body) : answer.body;
        expect({ ...answer, body, headers: { ...answer.headers, "content-encoding": null, vary: expected.headers.vary } }, `${url} (${encoding})`).toEqual(expected);
      }
    }
    // The whole fixture graph, its node detail and its article are over 1 KB: sent gzipped when accepted.
    expect(gzipped).toBeGreaterThanOrEqual(2);
  });

  it("should answer 304 without a body when If-None-Match names the answer's ETag", async () => {
    const first = await fetch(`${base}/api/search?q=zel`);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^W\/"/);
    const again = await fetch(`${base}/api/search?q=zel`, { headers: { "if-none-match": etag! } });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe("");
  });

  it("should answer HEAD with the headers of GET and no body", async () => {
    const get = await fetch(`${base}/api/graph`, { headers: { "accept-encoding": "identity" } });
    const getBytes = (await get.arrayBuffer()).byteLength;
    const head = await fetch(`${base}/api/graph`, { method: "HEAD", headers: { "accept-encoding": "identity" } });
    expect(head.status).toBe(200);
    expect(head.headers.get("etag")).toBe(get.headers.get("etag"));
    expect(head.headers.get("content-length")).toBe(String(getBytes));
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it("should answer OPTIONS with the allowed methods, and 405 JSON to any other method", async () => {
    const options = await fetch(`${base}/api/search`, { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    const deleted = await fetch(`${base}/api/search?q=zel`, { method: "DELETE" });
    expect(deleted.status).toBe(405);
    expect(deleted.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect(((await deleted.json()) as { error: string }).error).toBe("newsgraph/api: DELETE is not allowed on /api/search; allowed: GET, HEAD, OPTIONS");
    const get = await fetch(`${base}/api/cypher`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST, OPTIONS");
  });

  it("should refuse a body over the cap with 413 naming the body, and read one under it", async () => {
    const big = JSON.stringify({ query: "RETURN 1", pad: "x".repeat(MAX_BODY_BYTES) });
    const refused = await fetch(`${base}/api/cypher`, { method: "POST", body: big, headers: { "content-type": "application/json" } });
    expect(refused.status).toBe(413);
    expect(await refused.json()).toEqual({ error: `newsgraph/api: the request body is larger than ${MAX_BODY_BYTES} bytes`, parameter: "body" });
    // Under the cap the route reads it: on the in-memory backend the console answers 404 naming NEO4J_URI.
    const read = await fetch(`${base}/api/cypher`, { method: "POST", body: JSON.stringify({ query: "RETURN 1" }) });
    expect(read.status).toBe(404);
    expect(((await read.json()) as { error: string }).error).toContain("NEO4J_URI");
    const notJson = await fetch(`${base}/api/cypher`, { method: "POST", body: "{query" });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { parameter: string }).parameter).toBe("body");
  });

  it("should have Next leave the body to the route and the answer size unlimited", () => {
    expect(cypherConfig).toEqual({ api: { bodyParser: false, responseLimit: false } });
    expect(articleConfig).toEqual(cypherConfig);
  });

  it("should send an answer of several MB whole, and stop writing when the client goes away", async () => {
    const response = await fetch(`${base}/big`);
    expect(response.headers.get("content-length")).toBe(String(BIG.byteLength));
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(BIG))).toBe(true);

    // A client that reads nothing and hangs up: the handler must return, not wait for a drain that never comes.
    await new Promise<void>((resolve, reject) => {
      const request = http.get(`${base}/big`, (res) => {
        res.pause();
        setTimeout(() => {
          request.destroy();
          resolve();
        }, 50);
      });
      request.on("error", (error) => ((error as NodeJS.ErrnoException).code === "ECONNRESET" ? resolve() : reject(error)));
    });
    await expect(handled).resolves.toBeUndefined();
  });

  it("should wait for a slow client slice by slice without piling up listeners on the response", async () => {
    const body = await new Promise<Buffer>((resolve, reject) => {
      http
        .get(`${base}/big`, (res) => {
          // Read a little at a time, so that nearly every 1 MB slice waits for a drain.
          const chunks: Buffer[] = [];
          res.pause();
          const timer = setInterval(() => {
            let chunk: Buffer | null;
            for (let i = 0; i < 4 && (chunk = res.read() as Buffer | null) !== null; i++) chunks.push(chunk);
          }, 1);
          res.on("end", () => {
            clearInterval(timer);
            resolve(Buffer.concat(chunks));
          });
          res.on("error", reject);
        })
        .on("error", reject);
    });
    await handled;
    expect(body.equals(Buffer.from(BIG))).toBe(true);
    // The slices waited for drains (one listener each time), and each wait took its listeners off
    // again: a "close" listener left per slice made 5 here, and Node warns past 10.
    expect(mostListeners.drain).toBe(1);
    expect(mostListeners.close).toBe(1);
  });

  it("should answer an error a route throws with a 500 that names no file", async () => {
    const original = console.error;
    console.error = () => {};
    try {
      const response = await fetch(`${base}/throws`);
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ error: "newsgraph/api: internal error (details in the server log)" });
    } finally {
      console.error = original;
    }
  });
});
