// GET /api/status (server/routes/status.ts): where the server's read of graph.json stands, answered at once,
// also while a load is running; over the fixture graph (tests/fixtures/graph).
import { statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { getGraphStore } from "@/lib/graph/store";
import { GET } from "@/server/routes/status";
import { serveFixtureGraph } from "../fixtures/graph/serve";

const FIXTURE_GRAPH = serveFixtureGraph();

const status = async () => {
  const response = await GET(new Request("http://localhost/api/status"));
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toBe("no-store");
  return (await response.json()) as { graph: Record<string, unknown> };
};

describe("GET /api/status", () => {
  it("should say idle before any read, reading while one runs, ready after, without waiting for it", async () => {
    expect(await status()).toEqual({ graph: { state: "idle", file: null, bytesRead: 0, totalBytes: null, elapsedMs: null } });
    const loading = getGraphStore();
    expect((await status()).graph).toMatchObject({ state: "reading", file: FIXTURE_GRAPH });
    await loading;
    const size = statSync(FIXTURE_GRAPH).size;
    expect((await status()).graph).toMatchObject({ state: "ready", file: FIXTURE_GRAPH, bytesRead: size, totalBytes: size });
  });

  it("should refuse a parameter, naming it: the route takes none", async () => {
    const response = await GET(new Request("http://localhost/api/status?verbose=1"));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'newsgraph/graph: "verbose" is not a parameter of this route (it takes none)', parameter: "verbose" });
  });

  it("should say why the graph could not be read", async () => {
    process.env.NEWSGRAPH_GRAPH = `${FIXTURE_GRAPH}.missing`;
    await expect(getGraphStore()).rejects.toThrow();
    expect((await status()).graph).toMatchObject({ state: "failed", error: `newsgraph/graph: graph file "${FIXTURE_GRAPH}.missing" not found; build it with \`npm run graph\`` });
  });
});
