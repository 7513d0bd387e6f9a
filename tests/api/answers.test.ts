// Cached answers (server/http/answers.ts): GET /api/graph serialized once per loaded graph and
// parameters, ETag / If-None-Match → 304, a new answer once graph.json changes; and the
// neighbourhood cap applied inside the in-memory query (a synthetic hub).

import { utimesSync, writeFileSync } from "node:fs";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { gunzipSync } from "node:zlib";
import { acceptsGzip, answerKey, etagMatches, GZIP_MIN_BYTES, SerializedAnswer } from "@/server/http/answers";
import * as graphRoute from "@/server/routes/graph";
import * as neighborhoodRoute from "@/server/routes/neighborhood";
import * as pathRoute from "@/server/routes/path";
import * as searchRoute from "@/server/routes/search";
import type { GraphDocument, SerializedEdge, SerializedNode } from "@/lib/contract";
import type { NeighborhoodResult } from "@/lib/graph";
import { NEIGHBORHOOD_DEFAULT_NODES } from "@/lib/graph/params";
import { getGraphStore, resetGraphStore } from "@/lib/graph/store";
import { buildFixtureDocument, FIXTURE_ARTICLES_DIR, K, removeTempDirs, writeFixtureGraph } from "../fixtures/graph/fixture";
import { saveEnv } from "../fixtures/env";

const restoreEnv = saveEnv("NEWSGRAPH_GRAPH", "NEWSGRAPH_ARTICLES", "NEWSGRAPH_BACKEND");
let graphFile = "";

beforeEach(() => {
  graphFile = writeFixtureGraph();
  process.env.NEWSGRAPH_GRAPH = graphFile;
  process.env.NEWSGRAPH_ARTICLES = FIXTURE_ARTICLES_DIR;
  process.env.NEWSGRAPH_BACKEND = "memory";
  resetGraphStore();
});

afterEach(() => vi.restoreAllMocks());

afterAll(() => {
  restoreEnv();
  resetGraphStore();
  removeTempDirs();
});

const get = (url: string, etag?: string) => graphRoute.GET(new Request(`http://x${url}`, etag ? { headers: { "if-none-match": etag } } : {}));

/** Rewrites graph.json in place and moves its mtime, as a rebuild does. */
function rewriteGraph(doc: GraphDocument, secondsLater: number): void {
  writeFileSync(graphFile, `${JSON.stringify(doc, null, 2)}\n`);
  const later = new Date(Date.now() + secondsLater * 1000);
  utimesSync(graphFile, later, later);
}

describe("GET /api/graph answers", () => {
  it("should send a weak ETag and answer 304 without a body when If-None-Match names it", async () => {
    const first = await get("/api/graph");
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]{32}"$/);
    expect(first.headers.get("cache-control")).toBe("no-cache");
    expect(first.headers.get("x-newsgraph-backend")).toBe("memory");
    expect(JSON.parse(await first.text())).toEqual(buildFixtureDocument());

    const again = await get("/api/graph", etag!);
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.headers.get("cache-control")).toBe("no-cache");

    // A list of tags, the strong form of the same tag and "*" all match; another tag does not.
    expect((await get("/api/graph", `W/"other", ${etag}`)).status).toBe(304);
    expect((await get("/api/graph", etag!.slice(2))).status).toBe(304);
    expect((await get("/api/graph", "*")).status).toBe(304);
    const other = await get("/api/graph", 'W/"something-else"');
    expect(other.status).toBe(200);
    expect(JSON.parse(await other.text())).toEqual(buildFixtureDocument());
  });

  it("should serialize an answer once per loaded graph and parameters, sharing concurrent requests", async () => {
    const store = await getGraphStore();
    const document = vi.spyOn(store.queries, "document");
    const subgraph = vi.spyOn(store.queries, "subgraph");
    const answers = await Promise.all([get("/api/graph"), get("/api/graph"), get("/api/graph")]);
    expect(new Set(answers.map((response) => response.headers.get("etag"))).size).toBe(1);
    await get("/api/graph");
    expect(document).toHaveBeenCalledTimes(1);

    const persons = await get("/api/graph?types=Person,Organization");
    const reordered = await get("/api/graph?types=Organization&types=Person");
    expect(reordered.headers.get("etag")).toBe(persons.headers.get("etag"));
    expect(subgraph).toHaveBeenCalledTimes(1);
    expect(persons.headers.get("etag")).not.toBe(answers[0]!.headers.get("etag"));
    const limited = await get("/api/graph?types=Person,Organization&limit=3");
    expect(limited.headers.get("etag")).not.toBe(persons.headers.get("etag"));
    expect(JSON.parse(await limited.text()).graph.nodes).toHaveLength(3);
    // A blank filter parameter still asks for a filtered document (nodes sorted by key), not the whole one.
    const blank = await get("/api/graph?types=");
    expect(blank.headers.get("etag")).not.toBe(answers[0]!.headers.get("etag"));
  });

  it("should answer the new graph, with a new ETag, once graph.json changes", async () => {
    const first = await get("/api/graph");
    const etag = first.headers.get("etag")!;
    const changed = buildFixtureDocument();
    changed.graph.nodes[0]!.attributes.label = "Renamed";
    rewriteGraph(changed, 5);
    const second = await get("/api/graph", etag);
    expect(second.status).toBe(200);
    expect(second.headers.get("etag")).not.toBe(etag);
    expect(JSON.parse(await second.text())).toEqual(changed);
    // Back to the first content: the same bytes give the same ETag again (it hashes the answer).
    rewriteGraph(buildFixtureDocument(), 10);
    expect((await get("/api/graph", etag)).status).toBe(304);
  });

  it("should send a gzip copy, made once, to clients that accept gzip, and the bytes as they are to others", async () => {
    const plain = await get("/api/graph");
    const bytes = Buffer.from(await plain.arrayBuffer());
    expect(bytes.byteLength).toBeGreaterThan(GZIP_MIN_BYTES);
    expect(plain.headers.get("content-encoding")).toBeNull();
    const gzipped = vi.spyOn(SerializedAnswer.prototype, "gzipped");
    const zipped = await Promise.all(
      [1, 2, 3].map(() => graphRoute.GET(new Request("http://x/api/graph", { headers: { "accept-encoding": "gzip, deflate, br" } }))),
    );
    const bodies = await Promise.all(zipped.map(async (response) => Buffer.from(await response.arrayBuffer())));
    for (const [i, response] of zipped.entries()) {
      expect(response.headers.get("content-encoding")).toBe("gzip");
      expect(response.headers.get("vary")).toBe("accept-encoding");
      // The same entity (weak tag) whatever the encoding; the uncompressed size for the progress bar.
      expect(response.headers.get("etag")).toBe(plain.headers.get("etag"));
      expect(response.headers.get("x-newsgraph-json-bytes")).toBe(String(bytes.byteLength));
      expect(gunzipSync(bodies[i]!).equals(bytes)).toBe(true);
      expect(bodies[i]!.equals(bodies[0]!)).toBe(true);
    }
    expect(bodies[0]!.byteLength).toBeLessThan(bytes.byteLength / 3);
    // Three calls, one compression: the answer keeps its gzip copy.
    expect(gzipped).toHaveBeenCalledTimes(3);
    const answer = await gzipped.mock.results[0]!.value;
    expect(await gzipped.mock.results[2]!.value).toBe(answer);
    // A 304 stays a 304 for a client that accepts gzip.
    const again = await graphRoute.GET(new Request("http://x/api/graph", { headers: { "accept-encoding": "gzip", "if-none-match": plain.headers.get("etag")! } }));
    expect(again.status).toBe(304);
  });

  it("should send a tiny answer as it is even to a client that accepts gzip", async () => {
    const response = await searchRoute.GET(new Request("http://x/api/search?q=zzzz", { headers: { "accept-encoding": "gzip" } }));
    const text = await response.text();
    expect(Buffer.byteLength(text)).toBeLessThan(GZIP_MIN_BYTES);
    expect(response.headers.get("content-encoding")).toBeNull();
    expect(JSON.parse(text)).toEqual({ query: "zzzz", hits: [], truncated: false });
  });

  it("should not keep a failed answer", async () => {
    const bad = await get("/api/graph?articles=omega");
    expect(bad.status).toBe(400);
    expect(bad.headers.get("etag")).toBeNull();
    expect((await get("/api/graph?articles=omega")).status).toBe(400);
    rewriteGraph({ ...buildFixtureDocument(), articles: [...buildFixtureDocument().articles, { ...buildFixtureDocument().articles[0]!, id: "omega" }] }, 5);
    expect((await get("/api/graph?articles=omega")).status).toBe(200);
  });
});

describe("GET /api/search, /api/neighborhood, /api/path answers", () => {
  const call = (route: { GET(request: Request): Promise<Response> }, url: string, etag?: string) =>
    route.GET(new Request(`http://x${url}`, etag ? { headers: { "if-none-match": etag } } : {}));

  it("should run a query once per loaded graph and parameters, and answer 304 to its ETag", async () => {
    const store = await getGraphStore();
    const search = vi.spyOn(store.queries, "search");
    const neighborhood = vi.spyOn(store.queries, "neighborhood");
    const shortestPath = vi.spyOn(store.queries, "shortestPath");
    const cases: Array<[{ GET(request: Request): Promise<Response> }, string, string]> = [
      [searchRoute, "/api/search?q=zel", "/api/search?q=zel&limit=1"],
      [neighborhoodRoute, `/api/neighborhood?key=${encodeURIComponent(K.DMI)}&hops=2`, `/api/neighborhood?key=${encodeURIComponent(K.DMI)}&hops=2&comentions=1`],
      [pathRoute, `/api/path?from=${encodeURIComponent(K.ZEL)}&to=${encodeURIComponent(K.DMI)}`, `/api/path?from=${encodeURIComponent(K.ZEL)}&to=${encodeURIComponent(K.DMI)}&relations=ATTENDED`],
    ];
    for (const [route, url, otherUrl] of cases) {
      const first = await call(route, url);
      const etag = first.headers.get("etag");
      expect(first.status, url).toBe(200);
      expect(etag, url).toMatch(/^W\//);
      const body = await first.text();
      const again = await call(route, url);
      expect(await again.text()).toBe(body);
      expect((await call(route, url, etag!)).status).toBe(304);
      const other = await call(route, otherUrl);
      expect(other.status).toBe(200);
      expect(other.headers.get("etag")).not.toBe(etag);
    }
    expect(search).toHaveBeenCalledTimes(2);
    expect(neighborhood).toHaveBeenCalledTimes(2);
    expect(shortestPath).toHaveBeenCalledTimes(2);
  });

  it("should not keep a 404, and answer the new graph after a rebuild", async () => {
    const unknown = `/api/path?from=${encodeURIComponent(K.ZEL)}&to=person%3Anobody`;
    expect((await call(pathRoute, unknown)).status).toBe(404);
    const doc = buildFixtureDocument();
    doc.graph.nodes.push({ key: "person:nobody", attributes: { type: "Person", label: "Nobody", aliases: [], mentions: [] } });
    rewriteGraph(doc, 5);
    expect(await (await call(pathRoute, unknown)).json()).toEqual({ path: null });
    const hits = (await (await call(searchRoute, "/api/search?q=nobody")).json()) as { hits: Array<{ key: string }> };
    expect(hits.hits.map((hit) => hit.key)).toEqual(["person:nobody"]);
  });
});

describe("answer helpers", () => {
  it("should key parameters regardless of list order, and tell apart absent and empty", () => {
    expect(answerKey("graph", { nodeTypes: ["Person", "Place"], limit: 3 })).toBe(answerKey("graph", { limit: 3, nodeTypes: ["Place", "Person"] }));
    expect(answerKey("graph", { limit: undefined })).toBe(answerKey("graph", {}));
    expect(answerKey("graph", { minSources: 2 })).not.toBe(answerKey("graph", { minSources: 3 }));
  });

  it("should read Accept-Encoding as RFC 9110 does: gzip by name or *, never with q=0", () => {
    expect(acceptsGzip(null)).toBe(false);
    expect(acceptsGzip("")).toBe(false);
    expect(acceptsGzip("gzip")).toBe(true);
    expect(acceptsGzip("deflate, GZIP;q=0.5, br")).toBe(true);
    expect(acceptsGzip("x-gzip")).toBe(true);
    expect(acceptsGzip("br, deflate")).toBe(false);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("gzip;q=0.000")).toBe(false);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("*;q=0")).toBe(false);
    expect(acceptsGzip("gzip;q=0, *")).toBe(false);
    expect(acceptsGzip("identity")).toBe(false);
  });

  it("should compare entity tags weakly", () => {
    expect(etagMatches(null, 'W/"a"')).toBe(false);
    expect(etagMatches('"a"', 'W/"a"')).toBe(true);
    expect(etagMatches('W/"b", W/"a"', 'W/"a"')).toBe(true);
    expect(etagMatches('W/"ab"', 'W/"a"')).toBe(false);
  });
});

describe("GET /api/neighborhood on a hub", () => {
  it("should cut the neighbourhood inside the query and say truncated", async () => {
    const spokes = 20_000;
    const hub = "org:hub";
    const evidence = [{ article: "alpha", start: 0, end: 1, quote: "x" }];
    const nodes: SerializedNode[] = [{ key: hub, attributes: { type: "Organization", label: "Hub", aliases: [], mentions: [] } }];
    const edges: SerializedEdge[] = [];
    for (let i = 0; i < spokes; i++) {
      const key = `person:p${String(i).padStart(5, "0")}`;
      nodes.push({ key, attributes: { type: "Person", label: key, aliases: [], mentions: [] } });
      edges.push({ key: `${key}|MEMBER_OF|${hub}`, source: key, target: hub, attributes: { type: "MEMBER_OF", evidence } });
    }
    const fixture = buildFixtureDocument();
    process.env.NEWSGRAPH_GRAPH = writeFixtureGraph({ ...fixture, graph: { ...fixture.graph, nodes, edges }, conflicts: [] });
    resetGraphStore();
    const store = await getGraphStore();
    // The limits must reach the query (which cuts before building: tests/graph/traversal.test.ts).
    const neighborhood = vi.spyOn(store.queries, "neighborhood");

    const response = await neighborhoodRoute.GET(new Request(`http://x/api/neighborhood?key=${encodeURIComponent(hub)}&hops=2`));
    const json = (await response.json()) as NeighborhoodResult & { truncated: boolean };
    expect(response.status).toBe(200);
    expect(json.truncated).toBe(true);
    expect(json.nodes).toHaveLength(NEIGHBORHOOD_DEFAULT_NODES);
    expect(json.nodes[0]).toMatchObject({ key: hub, distance: 0 });
    expect(json.nodes.at(-1)!.key).toBe(nodes[NEIGHBORHOOD_DEFAULT_NODES - 1]!.key);
    expect(json.edges).toHaveLength(NEIGHBORHOOD_DEFAULT_NODES - 1);
    expect(neighborhood).toHaveBeenCalledWith(hub, 2, {}, { maxNodes: NEIGHBORHOOD_DEFAULT_NODES, maxEdges: 50_000 });

    const all = (await (await neighborhoodRoute.GET(new Request(`http://x/api/neighborhood?key=${encodeURIComponent(hub)}&limit=5000`))).json()) as {
      nodes: unknown[];
      truncated: boolean;
    };
    expect(all.nodes).toHaveLength(5000);
    expect(all.truncated).toBe(true);
  });
});
