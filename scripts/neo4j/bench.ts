// Benchmark: the Neo4j backend next to the in-memory one — load time, and p50/p95 latency of each GraphQueries
// method — on the seed graph (graph-data/graph.json) and on a synthetic graph (default 10,000 nodes / 50,000
// edges, ./synthetic.ts). Reports numbers, never asserts them.
//
//   npx tsx scripts/neo4j/bench.ts [--samples 30] [--repeat 3] [--synthetic 10000x50000 | --no-synthetic]
//                                  [--graph graph-data/graph.json] [--uri bolt://… ] [--json out.json]
//
// Neo4j: by default a fresh server of its own (scripts/neo4j/start.sh, stopped at the end, also on failure).
// --uri (or NEWSGRAPH_BENCH_NEO4J_URI) uses a server you started instead — its database is WIPED.
// The main benchmark (`npm run bench`) can call runNeo4jBench() and formatNeo4jBench().

import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Driver } from "neo4j-driver";
import { parseGraphDocument, type GraphDocument } from "@/lib/contract";
import { createMemoryQueries } from "@/lib/graph/memory";
import type { GraphQueries } from "@/lib/graph/types";
import { connect } from "@/lib/neo4j/driver";
import { countsOf, loadGraph } from "@/lib/neo4j/load";
import { createNeo4jQueries } from "@/lib/neo4j/queries";
import { queryCases, type QueryMethod } from "./cases";
import { syntheticGraph } from "./synthetic";

const run = promisify(execFile);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../..");

export interface Neo4jBenchOptions {
  /** An existing server to use (its database is wiped); default: start a fresh one and stop it afterwards. */
  uri?: string;
  /** Cases per method, with arguments sampled from the graph (default 30). */
  samples?: number;
  /** Timed runs of each case (default 3; document() at least 5). */
  repeat?: number;
  /** The seed graph file (default graph-data/graph.json; skipped with a note when missing). */
  seedGraph?: string;
  /** The synthetic graph's size (default 10,000 nodes / 50,000 edges); false to leave it out. */
  synthetic?: { nodes: number; edges: number } | false;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
}

export interface Latency {
  runs: number;
  p50: number;
  p95: number;
}

export interface MethodLatency {
  method: QueryMethod;
  cases: number;
  memory: Latency;
  neo4j: Latency;
}

export interface GraphBench {
  name: string;
  nodes: number;
  edges: number;
  evidence: number;
  load: {
    /** JSON.parse of graph.json + graphology import. */
    memoryMs: number;
    /** loadGraph into an empty database (constraints, batched MERGE, count check). */
    neo4jMs: number;
    /** The same document loaded again (idempotent: writes nothing). */
    neo4jReloadMs: number;
  };
  latency: MethodLatency[];
}

export interface Neo4jBenchReport {
  server: string;
  machine: string;
  graphs: GraphBench[];
  notes: string[];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

function latency(durations: number[]): Latency {
  const sorted = [...durations].sort((a, b) => a - b);
  return { runs: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  try {
    await work();
  } catch {
    // a case that throws is timed too (argument errors are cheap on both backends)
  }
  return performance.now() - t0;
}

/** Empties the database in bounded transactions: relationships first, so no batch holds a hub's thousands of them. */
async function wipe(driver: Driver): Promise<void> {
  const session = driver.session();
  try {
    await session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS");
    await session.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS");
  } finally {
    await session.close();
  }
}

async function benchGraph(
  driver: Driver,
  uri: string,
  name: string,
  text: string,
  options: Required<Pick<Neo4jBenchOptions, "samples" | "repeat">> & { log: (line: string) => void },
): Promise<GraphBench> {
  const { log } = options;
  const t0 = performance.now();
  const doc = parseGraphDocument(JSON.parse(text), name);
  const memory: GraphQueries = createMemoryQueries(doc);
  const memoryMs = performance.now() - t0;

  const neoDoc = JSON.parse(text) as GraphDocument;
  await wipe(driver);
  log(`[bench] ${name}: loading ${doc.graph.nodes.length} nodes / ${doc.graph.edges.length} edges into Neo4j…`);
  const first = await loadGraph(driver, neoDoc);
  const again = await loadGraph(driver, neoDoc);
  const neo = createNeo4jQueries(driver, { uri, documentCache: false });
  await neo.verify();

  const cases = queryCases(doc, { perMethod: options.samples, skipErrors: true });
  log(`[bench] ${name}: warming up (${cases.length} cases on each backend)…`);
  for (const c of cases) {
    await timed(() => c.run(memory));
    await timed(() => c.run(neo));
  }
  const byMethod = new Map<QueryMethod, { cases: number; memory: number[]; neo4j: number[] }>();
  for (const c of cases) {
    const entry = byMethod.get(c.method) ?? { cases: 0, memory: [], neo4j: [] };
    entry.cases += 1;
    const repeat = c.method === "document" ? Math.max(5, options.repeat) : options.repeat;
    for (let i = 0; i < repeat; i++) {
      entry.memory.push(await timed(() => c.run(memory)));
      entry.neo4j.push(await timed(() => c.run(neo)));
    }
    byMethod.set(c.method, entry);
  }
  const counts = countsOf(doc);
  return {
    name,
    nodes: counts.nodes,
    edges: counts.edges,
    evidence: counts.evidence,
    load: { memoryMs, neo4jMs: first.ms, neo4jReloadMs: again.ms },
    latency: [...byMethod].map(([method, e]) => ({ method, cases: e.cases, memory: latency(e.memory), neo4j: latency(e.neo4j) })),
  };
}

interface Server {
  uri: string;
  stop(): Promise<void>;
}

async function startServer(log: (line: string) => void): Promise<Server> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-neo4j-bench-"));
  const scripts = path.join(ROOT, "scripts/neo4j");
  const env = { ...process.env };
  for (const k of ["NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATA", "NEWSGRAPH_NEO4J_STATE"]) delete env[k];
  const stop = async () => {
    try {
      await run("bash", [path.join(scripts, "stop.sh"), "--state-dir", stateDir], { cwd: ROOT, timeout: 60_000 });
    } finally {
      fs.rmSync(stateDir, { recursive: true, force: true });
    }
  };
  log("[bench] starting a fresh Neo4j (scripts/neo4j/start.sh)…");
  try {
    const { stdout } = await run(
      "bash",
      [path.join(scripts, "start.sh"), "--background", "--state-dir", stateDir, "--watch-pid", String(process.pid)],
      { cwd: ROOT, env, timeout: 15 * 60_000, maxBuffer: 16 * 1024 * 1024 },
    );
    const uri = stdout.trim().split("\n").pop() ?? "";
    if (!uri.startsWith("bolt://")) throw new Error(`start.sh printed no Bolt URI: ${stdout}`);
    return { uri, stop };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}

/** Runs the benchmark and returns the figures (nothing is asserted). */
export async function runNeo4jBench(options: Neo4jBenchOptions = {}): Promise<Neo4jBenchReport> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const samples = options.samples ?? 30;
  const repeat = options.repeat ?? 3;
  const synthetic = options.synthetic === undefined ? { nodes: 10_000, edges: 50_000 } : options.synthetic;
  const seedFile = path.resolve(options.seedGraph ?? path.join(ROOT, "graph-data/graph.json"));
  const notes: string[] = [];

  const server: Server = options.uri ? { uri: options.uri, stop: async () => undefined } : await startServer(log);
  let driver: Driver | null = null;
  try {
    driver = await connect({ uri: server.uri });
    const graphs: GraphBench[] = [];
    if (fs.existsSync(seedFile)) {
      graphs.push(await benchGraph(driver, server.uri, "seed graph", fs.readFileSync(seedFile, "utf8"), { samples, repeat, log }));
    } else {
      notes.push(`seed graph ${seedFile} not found (npm run graph builds it): left out`);
    }
    if (synthetic) {
      const name = `synthetic ${synthetic.nodes.toLocaleString("en-US")} / ${synthetic.edges.toLocaleString("en-US")}`;
      const text = JSON.stringify(syntheticGraph(synthetic));
      graphs.push(await benchGraph(driver, server.uri, name, text, { samples, repeat, log }));
    }
    notes.push(
      `${samples} cases per method (arguments sampled from the graph, scripts/neo4j/cases.ts), each timed ${repeat}× after a warm-up pass; ` +
        "Neo4j times include the Bolt round trips (one READ transaction per call); document() on Neo4j is timed without its stamp cache.",
    );
    return { server: options.uri ? server.uri : `fresh local Neo4j 5.26 (${server.uri})`, machine: machine(), graphs, notes };
  } finally {
    await driver?.close();
    await server.stop();
  }
}

function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

function ms(value: number): string {
  if (!Number.isFinite(value)) return "–";
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** The report as plain-text tables (milliseconds). */
export function formatNeo4jBench(report: Neo4jBenchReport): string {
  const out: string[] = [`Neo4j vs in-memory backend — ${report.server}; ${report.machine}`];
  for (const g of report.graphs) {
    out.push("");
    out.push(`${g.name}: ${g.nodes} nodes, ${g.edges} edges, ${g.evidence} evidence passages`);
    out.push(
      `  load: memory ${ms(g.load.memoryMs)} ms (parse + import) · Neo4j ${ms(g.load.neo4jMs)} ms (empty database), ` +
        `${ms(g.load.neo4jReloadMs)} ms (reload, unchanged)`,
    );
    out.push(
      table(
        ["query (ms)", "cases", "memory p50", "memory p95", "neo4j p50", "neo4j p95", "p50 ×"],
        g.latency.map((l) => [
          l.method,
          String(l.cases),
          ms(l.memory.p50),
          ms(l.memory.p95),
          ms(l.neo4j.p50),
          ms(l.neo4j.p95),
          l.memory.p50 > 0 ? (l.neo4j.p50 / l.memory.p50).toFixed(0) : "–",
        ]),
      )
        .split("\n")
        .map((s) => `  ${s}`)
        .join("\n"),
    );
  }
  for (const note of report.notes) out.push(`\nnote: ${note}`);
  return out.join("\n");
}

function parseArgs(argv: string[]): Neo4jBenchOptions & { json?: string } {
  const options: Neo4jBenchOptions & { json?: string } = { uri: process.env.NEWSGRAPH_BENCH_NEO4J_URI || undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--samples") options.samples = Number(value());
    else if (a === "--repeat") options.repeat = Number(value());
    else if (a === "--graph") options.seedGraph = value();
    else if (a === "--uri") options.uri = value();
    else if (a === "--json") options.json = value();
    else if (a === "--no-synthetic") options.synthetic = false;
    else if (a === "--synthetic") {
      const m = /^(\d+)x(\d+)$/.exec(value());
      if (!m) throw new Error("--synthetic takes NODESxEDGES, e.g. 10000x50000");
      options.synthetic = { nodes: Number(m[1]), edges: Number(m[2]) };
    } else if (a === "--help" || a === "-h") {
      console.log(
        "usage: npx tsx scripts/neo4j/bench.ts [--samples 30] [--repeat 3] [--synthetic 10000x50000 | --no-synthetic] " +
          "[--graph graph-data/graph.json] [--uri bolt://… (wiped!)] [--json out.json]",
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  for (const [name, v] of [["--samples", options.samples], ["--repeat", options.repeat]] as const) {
    if (v !== undefined && (!Number.isInteger(v) || v < 1)) throw new Error(`${name} must be a positive integer`);
  }
  return options;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  (async () => {
    const { json, ...options } = parseArgs(process.argv.slice(2));
    const report = await runNeo4jBench(options);
    console.log(formatNeo4jBench(report));
    if (json) fs.writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  })().catch((err: unknown) => {
    console.error(`neo4j bench: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
