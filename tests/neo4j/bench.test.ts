// The Neo4j benchmark (scripts/neo4j/bench.ts) runs end to end on a small graph and reports every method on both
// backends. Timings are printed, never asserted.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { formatNeo4jBench, runNeo4jBench } from "@/scripts/neo4j/bench";
import { syntheticGraph } from "@/scripts/neo4j/synthetic";
import { buildFixtureDocument } from "../fixtures/graph/fixture";

const uri = inject("neo4jUri");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-bench-test-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("neo4j/bench", () => {
  it("should make a deterministic synthetic graph of the asked size that both backends accept", () => {
    const a = syntheticGraph({ nodes: 500, edges: 2000 });
    expect(a.graph.nodes).toHaveLength(500);
    expect(a.graph.edges).toHaveLength(2000);
    expect(JSON.stringify(syntheticGraph({ nodes: 500, edges: 2000 }))).toBe(JSON.stringify(a));
    expect(new Set(a.graph.nodes.map((n) => n.attributes.type))).toEqual(new Set(["Person", "Organization", "Place", "Meeting", "Document"]));
    expect(a.graph.edges.some((e) => e.attributes.type === "ATTENDED")).toBe(true);
    expect(a.graph.edges.some((e) => e.attributes.type === "CO_MENTIONED")).toBe(true);
  });

  it.skipIf(!uri)("should report load time and p50/p95 of every query on both backends", async () => {
    const seed = path.join(dir, "graph.json");
    fs.writeFileSync(seed, JSON.stringify(buildFixtureDocument()));
    const report = await runNeo4jBench({ uri, samples: 2, repeat: 1, seedGraph: seed, synthetic: { nodes: 200, edges: 800 }, log: () => undefined });
    expect(report.graphs.map((g) => [g.name, g.nodes, g.edges])).toEqual([
      ["seed graph", 14, 18],
      ["synthetic 200 / 800", 200, 800],
    ]);
    for (const g of report.graphs) {
      expect(g.latency.map((l) => l.method).sort()).toEqual(
        ["claimsWithFewerThan", "coAttendees", "document", "entitiesBySource", "meetingsOf", "neighborhood", "node", "search", "shortestPath", "subgraph"].sort(),
      );
      for (const l of g.latency) {
        expect(l.memory.runs).toBeGreaterThan(0);
        expect(l.neo4j.runs).toBe(l.memory.runs);
        expect(Number.isFinite(l.neo4j.p95)).toBe(true);
      }
      expect(g.load.neo4jMs).toBeGreaterThan(0);
    }
    const table = formatNeo4jBench(report);
    expect(table).toMatch(/memory p50 +memory p95 +neo4j p50 +neo4j p95/);
    expect(table).toMatch(/shortestPath/);
    console.log(table);
  });
});
