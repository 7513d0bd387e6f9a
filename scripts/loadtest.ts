// Load test of the API on loopback: wrk (or autocannon) against a production server (`npm start`, which is
// scripts/serve.mjs; `next start` with --next) for /api/graph (the explorer's first-view request and
// two cuts), /api/search, /api/neighborhood and /api/path, with valid requests chosen from the graph
// itself (hubs, their labels, connected pairs), after a floor: /api/backend, a route that does no
// graph work, i.e. what the server itself costs per request on this machine. Bounded in time and in
// count per route. A server it starts (npm start) reads its graph as it starts: the time from starting
// it to its warm-up line is printed (and kept in --json as `startup`).
// Prints a table: requests sent, answered, still in flight when time ran out, errors, non-2xx,
// p50/p99/max latency of the answered requests, requests/s, and — when this script started the
// server — the server's CPU time per answered request (user + system, from /proc on Linux): on a
// machine shared with other jobs latency mostly measures the queue for the cores, while CPU per
// request measures the server's own cost.
// Exits 1 when a valid request failed (an error or a non-2xx answer); timings are reported, never judged.
//
//   tsx scripts/loadtest.ts [--url http://127.0.0.1:3000] [--graph graph-data/graph.json]
//                           [--articles graph-data/articles] [--duration 5] [--max 5000]
//                           [--connections 8] [--json out.json] [--build] [--gzip] [--next]
//                           [--client auto|wrk|autocannon]
//
// --gzip sends `accept-encoding: gzip` as a browser does (the server then compresses each answer).
//
// --client: the load generator. wrk (C, one thread; Debian: apt-get install -y wrk) is the default
// when it is on PATH, autocannon (JavaScript, in this process) otherwise. The client shares the
// machine with the server: on 2 cores autocannon spends most of a core reading answers of tens of
// KB, and its queue, not the server, then sets the latency (/api/graph on the seed graph: p50 26 ms
// with autocannon, 4–6 ms with wrk, for the same 0.3 ms of server CPU per request). wrk runs each
// route for --duration (--max is autocannon's); its "non-2xx" counts answers of status 400 and above.
//
// Without --url it starts `node scripts/serve.mjs -p <free port> -H 127.0.0.1` (what `npm start` runs: the
// API on node:http, the pages by Next), or with --next `node node_modules/next/dist/bin/next start …` (every
// request through Next's router, as the API was served before scripts/serve.mjs),
// over --graph/--articles (running `next build` first when .next has no build, or with --build)
// and stops it at the end. --url must be a loopback address.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseGraphDocument, type GraphDocument } from "../lib/contract";
import { firstViewUrl } from "../lib/view/coverage";
import { writeFileAtomic } from "../lib/fsutil";
import { WARM_UP_LINE } from "../server/http/warm-up";

// ---------------------------------------------------------------------------------------------
// autocannon has no type declarations: the part of its API used here.

interface Histogram {
  average: number;
  p50: number;
  p99: number;
  max: number;
  total?: number;
  sent?: number;
}

interface AutocannonResult {
  requests: Histogram & { total: number; sent: number };
  latency: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  "2xx": number;
  duration: number;
  statusCodeStats: Record<string, { count: number }>;
}

interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  maxOverallRequests: number;
  timeout: number;
  headers?: Record<string, string>;
  requests: Array<{ method: "GET"; path: string }>;
}

const autocannon = createRequire(import.meta.url)("autocannon") as (options: AutocannonOptions) => Promise<AutocannonResult>;

// ---------------------------------------------------------------------------------------------

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const SERVE_SCRIPT = path.join(ROOT, "scripts", "serve.mjs");

class UsageError extends Error {}

interface Args {
  url: string | null;
  graph: string;
  articles: string;
  duration: number;
  max: number;
  connections: number;
  json: string | null;
  build: boolean;
  gzip: boolean;
  /** Start `next start` instead of `npm start`'s server. */
  next: boolean;
  client: "auto" | Client;
}

type Client = "wrk" | "autocannon";

function parseArgs(argv: string[]): Args {
  const args: Args = {
    url: null,
    graph: process.env.NEWSGRAPH_GRAPH || path.join(ROOT, "graph-data", "graph.json"),
    articles: process.env.NEWSGRAPH_ARTICLES || path.join(ROOT, "graph-data", "articles"),
    duration: 5,
    max: 5000,
    connections: 8,
    json: null,
    build: false,
    gzip: false,
    next: false,
    client: "auto",
  };
  const number = (name: string, raw: string | undefined, min: number, max: number): number => {
    const value = Number(raw);
    if (raw === undefined || !Number.isFinite(value) || value < min || value > max) throw new UsageError(`${name} must be a number from ${min} to ${max}, got ${JSON.stringify(raw ?? "")}`);
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === "--url") args.url = value();
    else if (a === "--graph") args.graph = value();
    else if (a === "--articles") args.articles = value();
    else if (a === "--duration") args.duration = number(a, value(), 1, 120);
    else if (a === "--max") args.max = Math.floor(number(a, value(), 10, 1_000_000));
    else if (a === "--connections") args.connections = Math.floor(number(a, value(), 1, 256));
    else if (a === "--json") args.json = value();
    else if (a === "--build") args.build = true;
    else if (a === "--gzip") args.gzip = true;
    else if (a === "--next") args.next = true;
    else if (a === "--client") {
      const client = value();
      if (client !== "auto" && client !== "wrk" && client !== "autocannon") throw new UsageError(`--client must be auto, wrk or autocannon, got ${JSON.stringify(client)}`);
      args.client = client;
    }
    else if (a === "--help" || a === "-h") {
      console.log(fs.readFileSync(fileURLToPath(import.meta.url), "utf8").split("\n").filter((l) => l.startsWith("//")).map((l) => l.slice(3)).join("\n"));
      process.exit(0);
    } else throw new UsageError(`unknown option ${JSON.stringify(a)} (try --help)`);
  }
  if (args.url !== null) {
    let url: URL;
    try {
      url = new URL(args.url);
    } catch {
      throw new UsageError(`--url must be a URL, got ${JSON.stringify(args.url)}`);
    }
    if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname) || url.protocol !== "http:") {
      throw new UsageError(`--url must be http on loopback (127.0.0.1, localhost, [::1]), got ${JSON.stringify(args.url)}`);
    }
    args.url = url.origin;
  }
  return args;
}

// ---------------------------------------------------------------------------------------------
// The server

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

function ensureBuilt(force: boolean): void {
  if (!force && fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) return;
  console.log("loadtest: next build …");
  const result = spawnSync(process.execPath, [NEXT_BIN, "build"], { cwd: ROOT, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal})`);
}

interface Server {
  url: string;
  /** CPU time the server process has used so far, in ms; null where /proc cannot tell. */
  cpuMs(): number | null;
  /**
   * npm start's warm-up (server/http/warm-up.ts) as it ended: the line the server printed and the ms from
   * starting the process to it (Next's start-up included). Null under --next, which does not warm up.
   */
  warmUp: Promise<{ ms: number; line: string } | null>;
  stop(): Promise<void>;
}

/** utime + stime of a process from /proc/<pid>/stat (fields 14 and 15, in clock ticks of 10 ms). */
function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces; the fields after it are plain.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : null;
  } catch {
    return null;
  }
}

async function startServer(args: Args): Promise<Server> {
  ensureBuilt(args.build);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const command = args.next ? [NEXT_BIN, "start"] : [SERVE_SCRIPT];
  const spawnedAt = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...command, "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEWSGRAPH_GRAPH: path.resolve(args.graph),
      NEWSGRAPH_ARTICLES: path.resolve(args.articles),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  let warmed: (value: { ms: number; line: string } | null) => void = () => {};
  const warmUp = new Promise<{ ms: number; line: string } | null>((resolve) => (warmed = resolve));
  if (args.next) warmed(null);
  const onOutput = (chunk: Buffer) => {
    log += chunk.toString();
    const line = WARM_UP_LINE.exec(log);
    if (line) warmed({ ms: performance.now() - spawnedAt, line: line[0] });
  };
  child.stdout?.on("data", onOutput);
  child.stderr?.on("data", onOutput);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once("exit", () => ((exited = true), warmed(null), resolve())));
  const stop = async () => {
    if (exited) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exit;
    clearTimeout(timer);
  };
  process.once("exit", () => !exited && child.kill("SIGKILL"));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`the server stopped:\n${log}`);
    try {
      // /api/status answers at once, without waiting for the graph to be read.
      const response = await fetch(`${url}/api/status`, { signal: AbortSignal.timeout(2000) });
      if (response.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer on ${url}:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, cpuMs: () => processCpuMs(child.pid), warmUp, stop };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the server has finished what was still running when a route's time ran out (its
 * CPU time stops climbing), so that a slow route's leftovers — 50 whole-graph answers of a big
 * graph take seconds — are not counted against the next route. At most 60 s.
 */
async function settle(server: Server | null): Promise<void> {
  let last = server?.cpuMs() ?? null;
  if (last === null) return sleep(1000);
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    await sleep(250);
    const now = server!.cpuMs();
    // Less than a tenth of a core over the last 250 ms: idle.
    if (now === null || now - last <= 25) return;
    last = now;
  }
}

// ---------------------------------------------------------------------------------------------
// Valid requests chosen from the graph

interface Scenario {
  route: string;
  paths: string[];
}

function scenarios(doc: GraphDocument): Scenario[] {
  const typed = doc.graph.edges.filter((e) => e.attributes.type !== "CO_MENTIONED" && e.source !== e.target);
  const adjacency = new Map(doc.graph.nodes.map((n) => [n.key, new Set<string>()]));
  for (const e of typed) {
    adjacency.get(e.source)?.add(e.target);
    adjacency.get(e.target)?.add(e.source);
  }
  const labels = new Map(doc.graph.nodes.map((n) => [n.key, n.attributes.label]));
  const hubs = [...adjacency.keys()].sort((a, b) => adjacency.get(b)!.size - adjacency.get(a)!.size || (a < b ? -1 : 1)).slice(0, 12);
  if (hubs.length === 0) throw new Error("the graph has no nodes: nothing to load-test");
  const enc = encodeURIComponent;

  const queries = new Set<string>();
  for (const key of hubs) {
    const label = labels.get(key) ?? "";
    if (/[\p{L}\p{N}]/u.test(label)) queries.add(label);
    const word = label.split(/\s+/).find((w) => /[\p{L}\p{N}]{3,}/u.test(w));
    if (word) queries.add(word.slice(0, 4));
  }

  // Connected pairs among the hubs, farthest first (the path route's real work).
  const pairs: Array<[string, string, number]> = [];
  for (const from of hubs) {
    const dist = new Map([[from, 0]]);
    let frontier = [from];
    while (frontier.length) {
      const next: string[] = [];
      for (const n of frontier) {
        for (const o of adjacency.get(n) ?? []) {
          if (dist.has(o)) continue;
          dist.set(o, dist.get(n)! + 1);
          next.push(o);
        }
      }
      frontier = next;
    }
    for (const to of hubs) if (from < to && (dist.get(to) ?? 0) > 0) pairs.push([from, to, dist.get(to)!]);
  }
  pairs.sort((a, b) => b[2] - a[2]);
  const pathPairs = pairs.length ? pairs.slice(0, 12) : [[hubs[0]!, hubs[hubs.length - 1]!, 0] as [string, string, number]];

  return [
    // What a route costs with no graph work at all: the server's own cost per request, the floor the
    // graph routes are measured against.
    { route: FLOOR_ROUTE, paths: ["/api/backend"] },
    // The explorer's own first request (the whole graph when it is within the first view's cap), a
    // small cut, and a filtered cut.
    { route: "/api/graph", paths: [firstViewUrl(), "/api/graph?limit=50", "/api/graph?types=Person,Organization&limit=500"] },
    { route: "/api/search", paths: [...queries].slice(0, 16).map((q) => `/api/search?q=${enc(q)}&limit=20`) },
    { route: "/api/neighborhood", paths: hubs.flatMap((key) => [`/api/neighborhood?key=${enc(key)}&hops=1`, `/api/neighborhood?key=${enc(key)}&hops=2`]) },
    { route: "/api/path", paths: pathPairs.map(([from, to]) => `/api/path?from=${enc(from)}&to=${enc(to)}`) },
  ];
}

/** The row of a route that does no graph work (GET /api/backend reports which backend answers). */
const FLOOR_ROUTE = "/api/backend (floor: no graph work)";

/** One request of each kind first: all must answer 200 with JSON (and warm the server's cache). */
async function preflight(url: string, list: Scenario[], headers: Record<string, string>): Promise<void> {
  for (const s of list) {
    for (const p of s.paths) {
      const response = await fetch(url + p, { headers, signal: AbortSignal.timeout(30_000) });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`preflight: GET ${p} answered ${response.status}: ${text.slice(0, 300)}`);
      JSON.parse(text);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The load generators

/** One route's run as the client saw it; latencies in ms. */
interface Measured {
  sent: number;
  answered: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  p50: number;
  p99: number;
  max: number;
  seconds: number;
}

interface RouteLoad {
  url: string;
  paths: string[];
  connections: number;
  duration: number;
  max: number;
  headers: Record<string, string>;
}

/** wrk's version line when it runs here ("wrk debian/4.1.0-3+b2 [epoll] …"), else null. */
function wrkVersion(): string | null {
  const result = spawnSync("wrk", ["--version"], { encoding: "utf8", timeout: 10_000 });
  if (result.error) return null;
  const line = `${result.stdout}`.split("\n")[0]!.trim();
  return /^wrk\b/.test(line) ? line.replace(/\s+Copyright.*$/, "") : null;
}

function chooseClient(choice: Args["client"]): { client: Client; label: string } {
  if (choice === "autocannon") return { client: "autocannon", label: "autocannon (JavaScript, in this process)" };
  const version = wrkVersion();
  if (version) return { client: "wrk", label: `${version}, 1 thread` };
  if (choice === "wrk") throw new UsageError("--client wrk: wrk is not on PATH (Debian: apt-get install -y wrk)");
  return { client: "autocannon", label: "autocannon (JavaScript, in this process; wrk is not on PATH: apt-get install -y wrk)" };
}

async function runAutocannon(load: RouteLoad): Promise<Measured> {
  const result = await autocannon({
    url: load.url,
    connections: load.connections,
    duration: load.duration,
    maxOverallRequests: Math.max(load.max, load.connections),
    timeout: 30,
    headers: load.headers,
    requests: load.paths.map((p) => ({ method: "GET", path: p })),
  });
  return {
    sent: result.requests.sent,
    answered: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    seconds: result.duration,
  };
}

/** The line the Lua script's done() prints: wrk's own summary as JSON. */
const WRK_MARK = "newsgraph-wrk ";

/**
 * A wrk script that sends `paths` in turn on every connection and prints, at the end, what wrk
 * counted (requests sent are counted here: wrk's summary only counts answers). Paths are URL-encoded
 * ASCII, so a Lua double-quoted string holds each as it is.
 */
function wrkScript(paths: readonly string[]): string {
  for (const p of paths) if (!/^\/[\x21-\x7e]*$/.test(p) || /["\\]/.test(p)) throw new Error(`wrk: a request path must be printable ASCII without quotes or backslashes, got ${JSON.stringify(p)}`);
  return `local paths = { ${paths.map((p) => `"${p}"`).join(", ")} }
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) sent = 0 end
function request()
  sent = sent + 1
  return wrk.format(nil, paths[(sent - 1) % #paths + 1])
end
function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("sent") end
  local e = summary.errors
  io.write(string.format('${WRK_MARK}{"sent":%d,"answered":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,"status":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d}\\n',
    total, summary.requests, e.connect, e.read, e.write, e.timeout, e.status, summary.duration,
    latency:percentile(50), latency:percentile(99), latency.max))
end
`;
}

async function runWrk(load: RouteLoad): Promise<Measured> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-wrk-"));
  try {
    const script = path.join(dir, "routes.lua");
    fs.writeFileSync(script, wrkScript(load.paths));
    const headerArgs = Object.entries(load.headers).flatMap(([name, value]) => ["-H", `${name}: ${value}`]);
    const argv = ["-t1", `-c${load.connections}`, `-d${load.duration}s`, "--timeout", "30s", "-s", script, ...headerArgs, load.url + load.paths[0]];
    const child = spawn("wrk", argv, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", resolve);
    });
    const line = out.split("\n").find((l) => l.startsWith(WRK_MARK));
    if (code !== 0 || !line) throw new Error(`wrk ${argv.join(" ")} exited ${code} without its summary:\n${out.slice(-2000)}`);
    const w = JSON.parse(line.slice(WRK_MARK.length)) as Record<string, number>;
    const ms = (us: number) => Math.round(us / 10) / 100;
    return {
      sent: w.sent!,
      answered: w.answered!,
      errors: w.connect! + w.read! + w.write!,
      timeouts: w.timeout!,
      non2xx: w.status!,
      p50: w.answered! > 0 ? ms(w.p50Us!) : 0,
      p99: w.answered! > 0 ? ms(w.p99Us!) : 0,
      max: w.answered! > 0 ? ms(w.maxUs!) : 0,
      seconds: Math.round(w.durationUs! / 10_000) / 100,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------

interface Row extends Measured {
  route: string;
  paths: number;
  rps: number;
  /** Server CPU per answered request, ms (null when unknown). */
  cpuPerRequest: number | null;
}

function table(rows: Row[]): string {
  const header = ["route", "distinct", "sent", "answered", "in flight", "errors", "non-2xx", "p50 ms", "p99 ms", "max ms", "req/s", "s", "server cpu ms/req"];
  const ms = (r: Row, value: number) => (r.answered > 0 ? String(value) : "-");
  const body = rows.map((r) => [
    r.route,
    String(r.paths),
    String(r.sent),
    String(r.answered),
    String(Math.max(0, r.sent - r.answered - r.errors)),
    String(r.errors),
    String(r.non2xx),
    ms(r, r.p50),
    ms(r, r.p99),
    ms(r, r.max),
    String(Math.round(r.rps)),
    String(r.seconds),
    r.cpuPerRequest === null ? "-" : r.cpuPerRequest.toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const client = chooseClient(args.client);
  const doc = parseGraphDocument(JSON.parse(fs.readFileSync(args.graph, "utf8")), args.graph);
  const list = scenarios(doc);
  const server = args.url ? null : await startServer(args);
  const url = args.url ?? server!.url;
  const stopOnSignal = () => void server?.stop().finally(() => process.exit(130));
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  const rows: Row[] = [];
  const headers: Record<string, string> = args.gzip ? { "accept-encoding": "gzip" } : {};
  let startup: { ms: number; line: string } | null = null;
  try {
    // The server's own warm-up first: the routes are measured on a server that has read its graph.
    startup = server ? await server.warmUp : null;
    if (startup) console.log(`loadtest: ${(startup.ms / 1000).toFixed(1)} s from starting the server to "${startup.line}"`);
    await preflight(url, list, headers);
    console.log(
      `loadtest: ${url} (${doc.graph.nodes.length} nodes, ${doc.graph.edges.length} edges); per route ${client.client === "wrk" ? `${args.duration} s` : `at most ${args.max} requests or ${args.duration} s`}, ${args.connections} connections${args.gzip ? ", accept-encoding: gzip" : ""}; client ${client.label}; ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`,
    );
    for (const s of list) {
      await settle(server);
      const cpuBefore = server?.cpuMs() ?? null;
      const load: RouteLoad = { url, paths: s.paths, connections: args.connections, duration: args.duration, max: args.max, headers };
      const result = client.client === "wrk" ? await runWrk(load) : await runAutocannon(load);
      const cpuAfter = server?.cpuMs() ?? null;
      rows.push({
        route: s.route,
        paths: s.paths.length,
        ...result,
        rps: result.seconds > 0 ? result.answered / result.seconds : 0,
        cpuPerRequest: cpuBefore !== null && cpuAfter !== null && result.answered > 0 ? (cpuAfter - cpuBefore) / result.answered : null,
      });
    }
  } finally {
    await server?.stop();
  }
  console.log(table(rows));
  const sent = rows.reduce((n, r) => n + r.sent, 0);
  const failed = rows.reduce((n, r) => n + r.errors + r.non2xx, 0);
  const answered = rows.reduce((n, r) => n + r.answered, 0);
  console.log(
    `loadtest: ${sent} requests sent, ${answered} answered, ${failed} failed (errors + non-2xx); ` +
      `"in flight" were still running when the route's time ran out (not failures; --duration gives slow routes more time)`,
  );
  if (args.json) writeFileAtomic(args.json, JSON.stringify({ url, client: client.client, clientLabel: client.label, startup, nodes: doc.graph.nodes.length, edges: doc.graph.edges.length, rows }, null, 1) + "\n");
  if (failed > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`newsgraph/loadtest: ${message}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
