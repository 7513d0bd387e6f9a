// scripts/export.ts end to end: a real process, real files, one-line errors and exit codes.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseGraphDocument } from "@/lib/contract";
import { buildExportFixture, HEADS_QUOTE, XK } from "../fixtures/export/fixture";
import { csvObjects, parseGexf, ROOT, unzip } from "./helpers";

const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
let dir: string;
let graph: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "newsgraph-export-cli-"));
  graph = path.join(dir, "graph.json");
  writeFileSync(graph, JSON.stringify(buildExportFixture()));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [TSX, "scripts/export.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NEWSGRAPH_GRAPH: graph, NEWSGRAPH_DEBUG: "" },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("export/cli", () => {
  it("should write a GEXF of a neighbourhood and say what it wrote", () => {
    const out = path.join(dir, "nested", "zoe.gexf");
    const r = run("--format", "gexf", "--scope", `neighborhood:${XK.ZOE}:1`, "--out", out, "--graph", graph);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^newsgraph\/export: neighborhood:person:zoe-angstrom:1 → 3 nodes, 2 edges, 3 passages, 2 articles → .*zoe\.gexf \(gexf, [\d.]+ KB\) in \d+ ms\n$/);
    const g = parseGexf(readFileSync(out, "utf8"));
    expect(g.getEdgeAttribute(`${XK.ZOE}|HEADS|${XK.FUND}`, "quotes")).toBe(HEADS_QUOTE);
  });

  it("should write the CSV zip as bytes and JSON that parses as a graph document", () => {
    const zip = path.join(dir, "all.zip");
    expect(run("--format", "csv", "--out", zip, "--quiet").code).toBe(0);
    const files = unzip(new Uint8Array(readFileSync(zip)));
    expect(csvObjects(files["evidence.csv"]!).rows.map((r) => r.quote)).toContain(HEADS_QUOTE);
    const json = path.join(dir, "sel.json");
    expect(run("--format=json", `--scope=selection:${XK.ZOE},${XK.FUND}`, `--out=${json}`, "-q").code).toBe(0);
    const doc = parseGraphDocument(JSON.parse(readFileSync(json, "utf8")));
    expect(doc.graph.edges.map((e) => e.key)).toEqual([`${XK.ZOE}|HEADS|${XK.FUND}`]);
  });

  it("should write to standard output with --out - and keep the summary on standard error", () => {
    const r = run("--format", "markdown", "--scope", `meetings:${XK.ZOE}`, "--out", "-", "--title", "Kraków sources");
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith("# Kraków sources\n")).toBe(true);
    expect(r.stderr).toMatch(/^newsgraph\/export: meetings:person:zoe-angstrom → /);
  });

  it.each([
    [["--scope", "whole", "--out", "x"], /^newsgraph\/export: --format is required/],
    [["--format", "pdf", "--out", "x"], /^newsgraph\/export: --format must be one of gexf, graphml, json, csv, cypher, svg, markdown, html, got "pdf"$/],
    [["--format", "gexf"], /^newsgraph\/export: --out is required/],
    [["--format", "gexf", "--scope", "x", "--out", "x"], /^newsgraph\/export: --scope: unknown scope "x"; use whole/],
    [["--format", "gexf", "--scope", "neighborhood:person:a:7", "--out", "x"], /--scope: .*hops must be an integer from 1 to 3, got "7"$/],
    [["--format", "gexf", "--scope", "neighborhood:person:nobody:1", "--out", "x"], /^newsgraph\/export: --scope: unknown node "person:nobody"$/],
    [["--format", "gexf", "--scope", "filtered", "--filters", "types=Robot", "--out", "x"], /^newsgraph\/export: --filters: .*types must be among/],
    [["--format", "svg", "--width", "wide", "--out", "x"], /^newsgraph\/export: --width must be an integer from 1 to 100000, got "wide"$/],
    [["--format", "gexf", "--out", "x", "--colour"], /^newsgraph\/export: unknown option "--colour" \(try --help\)$/],
    [["--format", "gexf", "--out", "x", "--graph"], /^newsgraph\/export: --graph needs a value$/],
  ])("should fail with one line naming the bad argument: %j", (args, message) => {
    const r = run(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trimEnd()).toMatch(message as RegExp);
    expect(r.stderr.trimEnd()).not.toContain("\n");
  });

  it("should name a missing graph file, exit 1 and leave an existing output untouched", () => {
    const out = path.join(dir, "keep.gexf");
    writeFileSync(out, "previous");
    const r = run("--format", "gexf", "--out", out, "--graph", path.join(dir, "missing.json"));
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd()).toMatch(/^newsgraph\/graph: graph file ".*missing\.json" not found; build it with `npm run graph`$/);
    expect(readFileSync(out, "utf8")).toBe("previous");
    const bad = run("--format", "gexf", "--scope", "path:person:zoe-angstrom:place:nowhere", "--out", out);
    expect(bad.code).toBe(2);
    expect(readFileSync(out, "utf8")).toBe("previous");
    expect(existsSync(path.join(dir, ".keep.gexf.tmp"))).toBe(false);
  });

  it("should print its usage with --help", () => {
    const r = run("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run export -- --format <gexf\|graphml\|json\|csv\|cypher\|svg\|markdown\|html>/);
  });
});
