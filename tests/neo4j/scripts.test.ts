import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connect } from "@/lib/neo4j/driver";
import { countsOf, readCounts } from "@/lib/neo4j/load";
import { fixtureDocument } from "./fixture";
import { wipe } from "./helpers";

const uri = inject("neo4jUri");
const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function loadScript(args: string[], env: Record<string, string>): Promise<Run> {
  const base = { ...process.env };
  for (const k of ["NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEWSGRAPH_NEO4J_STATE"]) delete base[k];
  try {
    const { stdout, stderr } = await promisify(execFile)(TSX, ["scripts/load-neo4j.ts", ...args], {
      cwd: ROOT,
      env: { ...base, ...env },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

describe.skipIf(!uri)("neo4j/load script (npm run neo4j:load)", () => {
  let dir: string;
  let graphFile: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-load-script-"));
    graphFile = path.join(dir, "graph.json");
    fs.writeFileSync(graphFile, JSON.stringify(fixtureDocument()));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("should load a graph file into NEO4J_URI and print the counts", async () => {
    const driver = await connect({ uri });
    try {
      await wipe(driver);
      const run = await loadScript(["--graph", graphFile], { NEO4J_URI: uri });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/loaded in \d+ ms \(created: the database held no newsgraph graph\)/);
      expect(run.stdout).toMatch(/nodes 10 \(Person 4, Organization 2, Place 1, Document 1, Meeting 2\)/);
      expect(run.stdout).toMatch(/evidence 12, articles 3, mentions 11, conflicts 2 \(4 claims\)/);
      expect(await readCounts(driver)).toEqual(countsOf(fixtureDocument()));
      const again = await loadScript(["--graph", graphFile, "--quiet"], { NEO4J_URI: uri });
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toMatch(/loaded in \d+ ms \(merged with the graph already there\)/);
      expect(again.stdout).toMatch(/writes: \+0\/-0 nodes, \+0\/-0 relationships, 0 properties set/);
    } finally {
      await driver.close();
    }
  });

  it("should find the server recorded in server.json when NEO4J_URI is not set", async () => {
    const stateDir = inject("neo4jStateDir");
    if (!stateDir) return; // running against an external server
    const run = await loadScript(["--graph", graphFile, "-q"], { NEWSGRAPH_NEO4J_STATE: stateDir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/nodes 10/);
  });

  it("should fail with one clear line when Neo4j is unreachable", async () => {
    const run = await loadScript(["--graph", graphFile], { NEO4J_URI: "bolt://127.0.0.1:9" });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/^neo4j:load: cannot reach Neo4j at bolt:\/\/127\.0\.0\.1:9: /);
  });

  it("should fail with one clear line when no Neo4j is configured", async () => {
    const run = await loadScript(["--graph", graphFile], { NEWSGRAPH_NEO4J_STATE: path.join(dir, "no-state") });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/^neo4j:load: no Neo4j to load into: set NEO4J_URI, or start one with npm run neo4j:start$/);
  });

  it("should fail with one clear line on a missing, broken or invalid graph file", async () => {
    const broken = path.join(dir, "broken.json");
    fs.writeFileSync(broken, "{ not json");
    const invalid = path.join(dir, "invalid.json");
    const bad = fixtureDocument() as unknown as { graph: { edges: { attributes: { type: string } }[] } };
    bad.graph.edges[0]!.attributes.type = "LOVES";
    fs.writeFileSync(invalid, JSON.stringify(bad));
    const cases: [string, RegExp][] = [
      [path.join(dir, "missing.json"), /^neo4j:load: graph file .*missing\.json not found \(build it with npm run graph\)$/],
      [broken, /^neo4j:load: graph file .*broken\.json is not valid JSON: /],
      [invalid, /^neo4j:load: newsgraph\/contract: .*invalid\.json: graph\.edges\.0\.attributes\.type: /],
    ];
    for (const [file, message] of cases) {
      const run = await loadScript(["--graph", file], { NEO4J_URI: uri });
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr.trim()).toMatch(message);
    }
    const usage = await loadScript(["--bogus"], { NEO4J_URI: uri });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/unknown argument --bogus/);
  });
});
