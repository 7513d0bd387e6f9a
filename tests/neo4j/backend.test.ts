// The app on Neo4j (lib/backend + server/routes): with NEO4J_URI set, every API route answers from Neo4j — the same
// status and JSON body as on the in-memory graph —, GET /api/backend says which backend answers, and when Neo4j
// is unreachable (or holds no graph) the data routes answer 503 naming the URI while GET /api/graph and the
// article route fall back to the in-memory graph with a notice. Against the real server; route handlers are
// called as Next calls them.

import fs from "node:fs";
import path from "node:path";
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import * as articleRoute from "@/server/routes/articles";
import * as backendRoute from "@/server/routes/backend";
import * as claimsRoute from "@/server/routes/claims";
import * as coAttendeesRoute from "@/server/routes/co-attendees";
import * as graphRoute from "@/server/routes/graph";
import * as meetingsRoute from "@/server/routes/meetings";
import * as neighborhoodRoute from "@/server/routes/neighborhood";
import * as nodeRoute from "@/server/routes/nodes";
import * as pathRoute from "@/server/routes/path";
import * as searchRoute from "@/server/routes/search";
import * as sourceEntitiesRoute from "@/server/routes/source-entities";
import { chooseBackend, getQueries, resetBackend, type BackendStatus } from "@/lib/backend";
import { resetGraphStore } from "@/lib/graph/store";
import { connect, createDriver, Neo4jUnavailableError } from "@/lib/neo4j/driver";
import { loadGraph } from "@/lib/neo4j/load";
import { createNeo4jQueries } from "@/lib/neo4j/queries";
import { buildFixtureDocument, FIXTURE_ARTICLES_DIR, K, removeTempDirs, tempDir, writeFixtureGraph } from "../fixtures/graph/fixture";
import { wipe } from "./helpers";

const uri = inject("neo4jUri");
const DOWN = "bolt://127.0.0.1:9";
const ENV = ["NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE", "NEWSGRAPH_BACKEND", "NEWSGRAPH_GRAPH", "NEWSGRAPH_ARTICLES", "NEWSGRAPH_NEO4J_STATE"] as const;
const saved = Object.fromEntries(ENV.map((name) => [name, process.env[name]]));

const request = (url: string) => new Request(`http://x${url}`);
const params = <T extends object>(value: T) => ({ params: Promise.resolve(value) });

type Call = [name: string, run: () => Promise<Response>];

/** Every route, with arguments that give answers, errors and edge cases. */
const CALLS: Call[] = [
  ["graph", () => graphRoute.GET(request("/api/graph"))],
  ["graph filtered", () => graphRoute.GET(request("/api/graph?types=Person,Meeting&comentions=1&from=2025-10-01"))],
  ["graph by publisher", () => graphRoute.GET(request("/api/graph?publishers=wire%20service&minSources=1"))],
  ["graph bad", () => graphRoute.GET(request("/api/graph?articles=omega"))],
  ["node", () => nodeRoute.GET(request("/api/nodes/x"), params({ key: K.MIAMI_TALKS }))],
  ["node unknown", () => nodeRoute.GET(request("/api/nodes/x"), params({ key: "person:nobody" }))],
  ["neighborhood", () => neighborhoodRoute.GET(request(`/api/neighborhood?key=${encodeURIComponent(K.DMI)}&hops=2&comentions=1`))],
  ["neighborhood bad hops", () => neighborhoodRoute.GET(request(`/api/neighborhood?key=${encodeURIComponent(K.DMI)}&hops=9`))],
  ["path", () => pathRoute.GET(request(`/api/path?from=${encodeURIComponent(K.ZEL)}&to=${encodeURIComponent(K.PLAN)}`))],
  ["path comentions", () => pathRoute.GET(request(`/api/path?from=${encodeURIComponent(K.ZELENOGRAD)}&to=${encodeURIComponent(K.ZEL)}&comentions=1`))],
  ["meetings", () => meetingsRoute.GET(request(`/api/meetings?entity=${encodeURIComponent(K.WIT)}`))],
  ["meetings of a meeting", () => meetingsRoute.GET(request(`/api/meetings?entity=${encodeURIComponent(K.MIAMI_TALKS)}`))],
  ["co-attendees", () => coAttendeesRoute.GET(request(`/api/co-attendees?entity=${encodeURIComponent(K.DMI)}`))],
  ["sources", () => sourceEntitiesRoute.GET(request("/api/sources/alpha/entities"), params({ article: "alpha" }))],
  ["sources unknown", () => sourceEntitiesRoute.GET(request("/api/sources/x/entities"), params({ article: "omega" }))],
  ["claims", () => claimsRoute.GET(request("/api/claims?fewerThan=2"))],
  ["search", () => searchRoute.GET(request("/api/search?q=zelenskyy&limit=5"))],
  ["search accents", () => searchRoute.GET(request("/api/search?q=lukasz"))],
  ["article", () => articleRoute.GET(request("/api/articles/alpha"), params({ id: "alpha" }))],
  ["article unknown", () => articleRoute.GET(request("/api/articles/x"), params({ id: "../etc/passwd" }))],
];

async function snapshot(response: Response): Promise<{ status: number; body: unknown }> {
  return { status: response.status, body: await response.json() };
}

async function status(): Promise<BackendStatus> {
  const response = await backendRoute.GET(new Request("http://x/api/backend"));
  expect(response.status).toBe(200);
  return (await response.json()) as BackendStatus;
}

describe.skipIf(!uri)("neo4j/backend: the API on Neo4j", () => {
  let driver: Driver;
  let graphFile: string;

  beforeAll(async () => {
    driver = await connect({ uri });
    await wipe(driver);
    await loadGraph(driver, buildFixtureDocument());
    graphFile = writeFixtureGraph();
  });
  beforeEach(async () => {
    for (const name of ENV) delete process.env[name];
    process.env.NEWSGRAPH_GRAPH = graphFile;
    process.env.NEWSGRAPH_ARTICLES = FIXTURE_ARTICLES_DIR;
    resetGraphStore();
    await resetBackend();
  });
  afterAll(async () => {
    for (const name of ENV) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    resetGraphStore();
    await resetBackend();
    await driver?.close();
    removeTempDirs();
  });

  it("should choose the backend from the environment", () => {
    expect(chooseBackend({}).name).toBe("memory");
    expect(chooseBackend({ NEO4J_URI: uri })).toMatchObject({ name: "neo4j", connection: { uri }, error: null });
    expect(chooseBackend({ NEO4J_URI: uri, NEWSGRAPH_BACKEND: "memory" }).name).toBe("memory");
    expect(chooseBackend({ NEWSGRAPH_BACKEND: "Neo4j", NEO4J_URI: uri, NEO4J_DATABASE: "neo4j" })).toMatchObject({ name: "neo4j", database: "neo4j" });
    expect(chooseBackend({ NEWSGRAPH_BACKEND: "neo4j", NEWSGRAPH_NEO4J_STATE: path.join(tempDir(), "none") }).error?.message).toMatch(
      /no Neo4j is configured: set NEO4J_URI/,
    );
    expect(chooseBackend({ NEWSGRAPH_BACKEND: "postgres" }).error?.message).toMatch(/NEWSGRAPH_BACKEND must be "memory" or "neo4j"/);
  });

  it("should answer every route from Neo4j exactly as from the in-memory graph", async () => {
    const memory: Record<string, unknown> = {};
    for (const [name, run] of CALLS) memory[name] = await snapshot(await run());
    expect((await getQueries()).backend).toBe("memory");

    process.env.NEO4J_URI = uri;
    expect((await getQueries()).backend).toBe("neo4j");
    for (const [name, run] of CALLS) {
      expect(await snapshot(await run()), name).toEqual(memory[name]);
    }
    // the in-memory graph is not what answered: Neo4j does even when graph.json is gone
    process.env.NEWSGRAPH_GRAPH = path.join(tempDir(), "missing.json");
    resetGraphStore();
    for (const [name, run] of CALLS) {
      expect(await snapshot(await run()), `${name} without graph.json`).toEqual(memory[name]);
    }
    const graph = await graphRoute.GET(request("/api/graph"));
    expect(graph.headers.get("x-newsgraph-backend")).toBe("neo4j");
    expect(graph.headers.get("x-newsgraph-fallback")).toBeNull();
  });

  it("should say which backend answers (GET /api/backend)", async () => {
    expect(await status()).toMatchObject({ backend: "memory", configured: "memory", fallback: false, console: false, memory: { ok: true } });
    process.env.NEO4J_URI = uri;
    const doc = buildFixtureDocument();
    expect(await status()).toMatchObject({
      backend: "neo4j",
      configured: "neo4j",
      fallback: false,
      console: true,
      neo4j: { uri, ok: true, graph: { nodes: doc.graph.nodes.length, edges: doc.graph.edges.length, model: 2 } },
    });
  });

  it("should answer 503 naming the URI when Neo4j is unreachable, and fall back to the in-memory graph for the explorer", async () => {
    process.env.NEO4J_URI = DOWN;
    for (const [name, run] of CALLS) {
      const response = await run();
      if (name.startsWith("graph") || name.startsWith("article") || name.includes("bad")) continue; // bad parameters: 400 first
      const body = (await response.json()) as { error: string; backend: string; uri: string };
      expect(response.status, name).toBe(503);
      expect(body, name).toMatchObject({ backend: "neo4j", uri: DOWN });
      expect(body.error, name).toMatch(new RegExp(`^newsgraph/neo4j: cannot reach Neo4j at ${DOWN.replace(/[./]/g, "\\$&")}: `));
    }
    const graph = await graphRoute.GET(request("/api/graph"));
    expect(graph.status).toBe(200);
    expect(await graph.json()).toEqual(buildFixtureDocument());
    expect(graph.headers.get("x-newsgraph-backend")).toBe("memory");
    expect(graph.headers.get("x-newsgraph-fallback")).toBe("1");
    const notice = decodeURIComponent(graph.headers.get("x-newsgraph-notice") ?? "");
    expect(notice).toContain(DOWN);
    expect(notice).toContain("showing the in-memory graph from");
    const article = await articleRoute.GET(request("/api/articles/alpha"), params({ id: "alpha" }));
    expect(article.status).toBe(200);
    expect(article.headers.get("x-newsgraph-fallback")).toBe("1");
    const bad = await graphRoute.GET(request("/api/graph?articles=omega"));
    expect(bad.status).toBe(400);

    const s = await status();
    expect(s).toMatchObject({ backend: "memory", configured: "neo4j", fallback: true, console: false, neo4j: { uri: DOWN, ok: false } });
    expect(s.notice).toContain(DOWN);

    // nothing to fall back to: the Neo4j error, naming the URI
    process.env.NEWSGRAPH_GRAPH = path.join(tempDir(), "missing.json");
    resetGraphStore();
    const none = await graphRoute.GET(request("/api/graph"));
    expect(none.status).toBe(503);
    expect(await none.json()).toMatchObject({ backend: "neo4j", uri: DOWN, error: expect.stringContaining(DOWN) });
    expect(await status()).toMatchObject({ backend: null, configured: "neo4j", fallback: false, notice: expect.stringContaining(DOWN) });
  });

  it("should treat a database without a loaded graph as unavailable, and recover once one is loaded", async () => {
    await wipe(driver);
    try {
      process.env.NEO4J_URI = uri;
      const search = await searchRoute.GET(request("/api/search?q=zelensky"));
      expect(search.status).toBe(503);
      expect(((await search.json()) as { error: string }).error).toMatch(/holds no newsgraph graph: load one with npm run neo4j:load/);
      const graph = await graphRoute.GET(request("/api/graph"));
      expect(graph.status).toBe(200);
      expect(graph.headers.get("x-newsgraph-fallback")).toBe("1");
      expect(decodeURIComponent(graph.headers.get("x-newsgraph-notice") ?? "")).toMatch(/holds no newsgraph graph/);
    } finally {
      await loadGraph(driver, buildFixtureDocument());
    }
    const again = await searchRoute.GET(request("/api/search?q=zelensky"));
    expect(again.status).toBe(200);
    expect((await status()).backend).toBe("neo4j");
  });

  it("should serve article text from the articles folder, with metadata from Neo4j", async () => {
    process.env.NEO4J_URI = uri;
    const response = await articleRoute.GET(request("/api/articles/alpha"), params({ id: "alpha" }));
    const body = (await response.json()) as { article: { id: string; file: string }; text: string };
    expect(response.status).toBe(200);
    expect(response.headers.get("x-newsgraph-backend")).toBe("neo4j");
    expect(body.text).toBe(fs.readFileSync(path.join(FIXTURE_ARTICLES_DIR, body.article.file), "utf8"));
    process.env.NEWSGRAPH_ARTICLES = tempDir();
    const missing = await articleRoute.GET(request("/api/articles/alpha"), params({ id: "alpha" }));
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toMatch(/not found in the articles folder/);
  });
});

describe("neo4j/backend: a server that goes away", () => {
  it("should name the URI when queries cannot reach the server of an opened driver", async () => {
    const driver = createDriver({ uri: DOWN }, { maxTransactionRetryTimeMs: 200 });
    try {
      const queries = createNeo4jQueries(driver, { uri: DOWN });
      const error = await queries.search("putin").then(
        () => null,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(Neo4jUnavailableError);
      expect(error).toMatchObject({ code: "unavailable", backend: "neo4j", uri: DOWN });
      expect((error as Error).message).toBe(`cannot reach Neo4j at ${DOWN}: connect ECONNREFUSED 127.0.0.1:9`);
    } finally {
      await driver.close();
    }
  });
});
