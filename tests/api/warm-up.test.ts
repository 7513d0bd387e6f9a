// The production server's warm-up (server/http/warm-up.ts, called by scripts/serve.mjs once it listens):
// against the API router on a real node:http server on loopback over the fixture graph
// (tests/fixtures/graph), it asks for exactly the explorer's first view, so that the graph is read and that
// answer made before the first visitor; it reports a missing graph with the route's own message, and does
// nothing when Neo4j serves the graph.
import http from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { firstViewUrl, FIRST_VIEW_NODES } from "@/lib/view/coverage";
import { createApiRouter } from "@/server/http/router";
import { describeWarmUp, loopbackHost, warmUp } from "@/server/http/warm-up";
import { serveFixtureGraph } from "../fixtures/graph/serve";
import { listenOnLoopback } from "../fixtures/http";

const FIXTURE_GRAPH = serveFixtureGraph();

let server: http.Server;
let port = 0;
/** Every request the server got, with its accept-encoding. */
const seen: Array<{ url: string; acceptEncoding: string | undefined }> = [];

beforeAll(async () => {
  const api = createApiRouter();
  server = http.createServer((request, response) => {
    seen.push({ url: request.url ?? "", acceptEncoding: request.headers["accept-encoding"] as string | undefined });
    if (api(request, response)) return;
    response.statusCode = 404;
    response.end();
  });
  port = Number(new URL(await listenOnLoopback(server)).port);
});

beforeEach(() => {
  seen.length = 0;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** The first view as the page asks for it, gzip accepted: its JSON size and the bytes sent. */
function firstView(): Promise<{ jsonBytes: number; sentBytes: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(`http://127.0.0.1:${port}${firstViewUrl()}`, { headers: { "accept-encoding": "gzip" } }, (response) => {
        let sentBytes = 0;
        response.on("data", (chunk: Buffer) => (sentBytes += chunk.byteLength));
        response.on("end", () => resolve({ jsonBytes: Number(response.headers["x-newsgraph-json-bytes"]), sentBytes }));
      })
      .on("error", reject);
  });
}

describe("server/http/warm-up", () => {
  it("should ask for the explorer's first view, gzip accepted, and report its size", async () => {
    const result = await warmUp("127.0.0.1", port, { NEWSGRAPH_FIRST_VIEW_NODES: undefined });
    expect(seen).toEqual([{ url: firstViewUrl(FIRST_VIEW_NODES), acceptEncoding: "gzip" }]);
    const page = await firstView();
    expect(result).toMatchObject({ kind: "ready", jsonBytes: page.jsonBytes, sentBytes: page.sentBytes });
    expect(describeWarmUp(result)).toMatch(/^newsgraph: graph read and the explorer's first view ready in \d+\.\d s \(\d+ kB of JSON, \d+ kB sent\)$/);
  });

  it("should ask for the first view the page will ask for when NEWSGRAPH_FIRST_VIEW_NODES sets it", async () => {
    await expect(warmUp("127.0.0.1", port, { NEWSGRAPH_FIRST_VIEW_NODES: "7" })).resolves.toMatchObject({ kind: "ready" });
    expect(seen.map((s) => s.url)).toEqual([firstViewUrl(7)]);
    await expect(warmUp("127.0.0.1", port, { NEWSGRAPH_FIRST_VIEW_NODES: "lots" })).rejects.toThrow(/NEWSGRAPH_FIRST_VIEW_NODES must be an integer from 1 to .*, got "lots"/);
  });

  it("should report a missing graph with the route's message, and keep nothing from it", async () => {
    process.env.NEWSGRAPH_GRAPH = `${FIXTURE_GRAPH}.missing`;
    const result = await warmUp("127.0.0.1", port, {});
    expect(result).toMatchObject({ kind: "unavailable", status: 503 });
    expect(describeWarmUp(result)).toContain(`graph file "${FIXTURE_GRAPH}.missing" not found; build it with \`npm run graph\``);
    // The graph comes later: the next request reads it.
    process.env.NEWSGRAPH_GRAPH = FIXTURE_GRAPH;
    await expect(firstView()).resolves.toMatchObject({ jsonBytes: expect.any(Number) });
  });

  it("should do nothing when Neo4j serves the graph", async () => {
    const result = await warmUp("127.0.0.1", port, { NEO4J_URI: "bolt://127.0.0.1:7687" });
    expect(result).toEqual({ kind: "skipped", reason: "NEO4J_URI is set: the graph is read from Neo4j per request" });
    expect(seen).toEqual([]);
    expect(describeWarmUp(result)).toBe("newsgraph: no warm-up (NEO4J_URI is set: the graph is read from Neo4j per request)");
  });

  it("should reach a server on every interface through loopback, and refuse a bad host or port", async () => {
    expect(loopbackHost(undefined)).toBe("127.0.0.1");
    expect(loopbackHost("0.0.0.0")).toBe("127.0.0.1");
    expect(loopbackHost("::")).toBe("127.0.0.1");
    expect(loopbackHost("::1")).toBe("[::1]");
    expect(loopbackHost("localhost")).toBe("localhost");
    await expect(warmUp("", port)).rejects.toThrow('newsgraph/warm-up: host must be a non-empty string, got ""');
    await expect(warmUp("127.0.0.1", 70000)).rejects.toThrow("newsgraph/warm-up: port must be an integer from 1 to 65535, got 70000");
  });
});
