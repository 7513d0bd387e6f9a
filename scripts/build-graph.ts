// npm run graph -- --articles <dir> --out <file> [--explain] [--quiet] [--jobs N] [--no-cache | --cache-dir <dir>]
// Reads a corpus folder, extracts the sourced graph, lays it out and writes graph.json
// atomically (temp file + rename): on any error the previous graph.json stays untouched.
//
// The per-article stage runs on --jobs worker threads (default: the number of cores) and is
// cached per article under <out dir>/.newsgraph-cache (keyed by content hash, extractor version
// and publishers), so a rebuild after adding an article analyzes only that article. The output
// is the same, byte for byte, whatever --jobs and whatever is cached. --shard k/n analyzes only
// the k-th of n shards of the articles into the cache and writes no graph (see README.md, "Scale past one machine").
// With the cache, a graph.json already built from the same articles by the same code, and not
// changed since, is kept (lib/build/stamp.ts): the build then costs a read of the corpus. --force
// builds anyway.
// Workers start only for at least 8 M characters to analyze (NEWSGRAPH_WORKER_MIN_CHARS): below
// that, loading the extractor in a worker (~1 s) costs more than it saves.
// With NEWSGRAPH_HEAP_MB=auto (and 16 MB of text or more) or =<MB>, the build runs in a second
// node process told a heap limit (lib/build/memory.ts; "auto" makes it from the corpus); should V8
// run out of heap under it, the build runs once more without it. A heap flag given to node wins.
// From the corpus stage on, the heap may grow only 60% past what is live until relations are
// found, and 30% from meetings on, where the build's peak is, with full collections after meetings
// and after assembly (lib/build/gc.ts; V8 otherwise lets it reach about twice that):
// NEWSGRAPH_HEAP_GROWTH=<percent> sets one limit throughout, =off leaves V8's own.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CorpusError } from "../lib/corpus";
import { writeFileAtomic } from "../lib/fsutil";
import { COMPACT_GRAPH_JSON_ABOVE_EDGES } from "../lib/jsonfile";
import { CORPUS_HEAP_GROWTH_PERCENT, corpusHeapGrowth, EARLY_CORPUS_HEAP_GROWTH_PERCENT } from "../lib/build/gc";
import { corpusTextBytes, hasHeapLimit, heapBudgetMb, heapBudgetOverride, heapGrowthOverride, ranOutOfHeap } from "../lib/build/memory";

interface Args {
  articles: string;
  out: string;
  explain: boolean;
  quiet: boolean;
  /** null: the number of cores. */
  jobs: number | null;
  cache: boolean;
  cacheDir: string | null;
  shard: { index: number; count: number } | null;
  stats: string | null;
  force: boolean;
  watch: boolean;
}

const USAGE =
  "usage: npm run graph -- [--articles graph-data/articles] [--out graph-data/graph.json] [--explain] [--quiet]\n" +
  "                        [--jobs N] [--no-cache | --cache-dir <dir>] [--shard k/n] [--stats <file.json>] [--force] [--watch]\n" +
  "  --jobs N         worker threads for the per-article stage (default: the number of cores)\n" +
  "  --cache-dir DIR  per-article analysis cache (default: <out dir>/.newsgraph-cache); --no-cache: none\n" +
  "  --shard k/n      analyze only shard k of n into the cache and write no graph (merge caches, then build)\n" +
  "  --stats FILE     also write the build's timings and counts as JSON\n" +
  "  --force          build even when graph.json is up to date (same articles, same code, file unchanged)\n" +
  "  --watch          build, then keep running and bring graph.json up to date whenever the articles folder\n" +
  "                   changes, redoing only what the change touches (nodes already drawn keep their place)\n" +
  "graph.json is indented (one space) up to 20,000 edges and compact above, where nobody reads it by hand.\n" +
  `environment: NEWSGRAPH_HEAP_GROWTH=<percent>|off  how far the heap may grow past what is live from the corpus stage on (default ${EARLY_CORPUS_HEAP_GROWTH_PERCENT} until relations are found, ${CORPUS_HEAP_GROWTH_PERCENT} from meetings on)\n` +
  "             NEWSGRAPH_HEAP_MB=auto|<MB>|off      build under a heap limit (auto: made for the corpus; default off)\n" +
  "             NEWSGRAPH_WORKER_MIN_CHARS=<n>       characters to analyze before worker threads start (default 8,000,000)";

function parseArgs(argv: string[]): Args {
  const args: Args = {
    articles: "graph-data/articles",
    out: "graph-data/graph.json",
    explain: false,
    quiet: false,
    jobs: null,
    cache: true,
    cacheDir: null,
    shard: null,
    stats: null,
    force: false,
    watch: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new CorpusError(`newsgraph/build: ${a} needs a value`);
      return v;
    };
    if (a === "--articles") args.articles = value();
    else if (a === "--out") args.out = value();
    else if (a === "--explain") args.explain = true;
    else if (a === "--quiet") args.quiet = true;
    else if (a === "--jobs") {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) < 1) throw new CorpusError(`newsgraph/build: --jobs must be an integer ≥ 1, got "${v}"`);
      args.jobs = Number(v);
    } else if (a === "--no-cache") args.cache = false;
    else if (a === "--cache-dir") args.cacheDir = value();
    else if (a === "--shard") {
      const v = value();
      const m = /^(\d+)\/(\d+)$/.exec(v);
      if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) throw new CorpusError(`newsgraph/build: --shard must be k/n with 1 ≤ k ≤ n, got "${v}"`);
      args.shard = { index: Number(m[1]) - 1, count: Number(m[2]) };
    } else if (a === "--stats") args.stats = value();
    else if (a === "--force") args.force = true;
    else if (a === "--watch") args.watch = true;
    else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else throw new CorpusError(`newsgraph/build: unknown option "${a}" (try --help)`);
  }
  if (!args.cache && args.cacheDir) throw new CorpusError("newsgraph/build: --no-cache and --cache-dir cannot be used together");
  if (!args.cache && args.shard) throw new CorpusError("newsgraph/build: --shard needs the cache (it is what a shard produces)");
  if (args.watch && args.shard) throw new CorpusError("newsgraph/build: --watch and --shard cannot be used together (a shard writes no graph to keep up to date)");
  if (args.watch && args.explain) throw new CorpusError("newsgraph/build: --watch and --explain cannot be used together (the kept corpus stage makes no report; build once with --explain)");
  return args;
}


function writeStats(file: string | null, stats: Record<string, unknown>): void {
  if (!file) return;
  const usage = process.resourceUsage();
  writeFileAtomic(file, JSON.stringify({ ...stats, maxRssBytes: usage.maxRSS * 1024, cpuUserMs: usage.userCPUTime / 1000, cpuSystemMs: usage.systemCPUTime / 1000 }, null, 1) + "\n");
}

/** Set in the environment of the process that runs the build under a budget (it must not start another). */
const BUDGETED = "NEWSGRAPH_HEAP_BUDGETED";

/** This script again, in a node told `heapMb` (null: no limit), with the same arguments; resolves to its exit. */
function runBuild(heapMb: number | null): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const flags = heapMb === null ? [] : [`--max-old-space-size=${heapMb}`];
  const child = spawn(process.execPath, [...process.execArgv, ...flags, process.argv[1]!, ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, [BUDGETED]: "1" },
  });
  // Ctrl-C reaches both processes from the terminal; a kill of this one alone is passed on.
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const handlers = (["SIGINT", "SIGTERM", "SIGHUP"] as const).map((signal) => [signal, forward(signal)] as const);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      for (const [name, handler] of handlers) process.off(name, handler);
      resolve({ code, signal });
    });
  });
}

/**
 * Runs the build in a child node under the heap budget NEWSGRAPH_HEAP_MB asks for, and returns its
 * exit code; null when this process should build itself (no budget asked for, "auto" for a small
 * corpus, a budget already set, or a shard).
 */
async function buildUnderBudget(args: Args): Promise<number | null> {
  if (process.env[BUDGETED] || args.shard || hasHeapLimit(process.execArgv, process.env.NODE_OPTIONS)) return null;
  const override = heapBudgetOverride(process.env.NEWSGRAPH_HEAP_MB) ?? (args.watch ? watchHeapMb() : null);
  if (override === null || override === "off") return null;
  const textBytes = override === "auto" ? corpusTextBytes(args.articles) : null;
  const budget = typeof override === "number" ? override : textBytes === null ? null : heapBudgetMb(textBytes);
  if (budget === null) return null;
  const first = await runBuild(budget);
  if (!ranOutOfHeap(first.code, first.signal)) {
    if (first.code === 0) noteLauncher(args.stats, budget);
    return first.code ?? 1;
  }
  const why = typeof override === "number" ? "set by NEWSGRAPH_HEAP_MB" : `made for ${((textBytes ?? 0) / 2 ** 20).toFixed(1)} MiB of text`;
  console.error(
    `newsgraph/build: the build ran out of its ${budget} MB heap budget (${why}); ` +
      "building again with V8's default heap, which takes more memory (NEWSGRAPH_HEAP_MB=<MB> sets the budget)",
  );
  const second = await runBuild(null);
  if (second.code === 0) noteLauncher(args.stats, null);
  return second.code ?? 1;
}

/**
 * The heap a watch runs under unless told otherwise: it keeps every article's sentences, relations
 * and meeting accounts (3.7 GB resident at 10,000 articles, past V8's default 4 GB heap with the
 * collector's headroom), so half the machine's memory, at least 4 GB and at most 16 GB.
 */
function watchHeapMb(): number {
  return Math.max(4096, Math.min(16_384, Math.floor(os.totalmem() / 2 ** 20 / 2)));
}

/** `--watch`: the first build, then updates as the folder changes, until Ctrl-C. */
async function watch(args: Args): Promise<void> {
  const [{ watchCorpus, describeUpdate }, { Progress, defaultJobs, buildSignature, writeStamp }] = await Promise.all([import("../lib/build/watch"), import("../lib/build")]);
  const cacheDir = args.cache ? path.resolve(args.cacheDir ?? path.join(path.dirname(path.resolve(args.out)), ".newsgraph-cache")) : null;
  const outDir = path.dirname(path.resolve(args.out));
  if (!fs.existsSync(outDir)) fs.mkdirSync(outDir, { recursive: true });
  const session = await watchCorpus({
    articles: args.articles,
    out: args.out,
    jobs: args.jobs ?? defaultJobs(),
    cacheDir,
    progress: new Progress({ quiet: args.quiet }),
    onWarning: (message) => !args.quiet && console.warn(`warning: ${message}`),
    onUpdate: (stats, articles) => {
      writeStats(args.stats, { ...stats });
      // A graph.json laid out by the seeded ForceAtlas2 run (the first) is the clean build's: a
      // later build of the same articles may keep it. Later ones differ from it in positions, and
      // change the file, which voids the stamp.
      if (stats.layout === null && cacheDir) {
        try {
          writeStamp(cacheDir, args.out, buildSignature(articles, { explain: false }), null);
        } catch {
          // Only the next build's shortcut is lost.
        }
      }
      if (!args.quiet) console.log(describeUpdate(stats, args.out));
    },
    onError: (error) => {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`${message.startsWith("newsgraph/") ? message : `newsgraph/build: ${message}`} (${args.out} is left as it was; watching for the next change)`);
      if (!(error instanceof CorpusError) && process.env.NEWSGRAPH_DEBUG) console.error(error);
    },
  });
  if (!args.quiet) console.log(`newsgraph: watching ${args.articles} for changes (Ctrl-C stops)`);
  const stop = () => void session.close();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  const error = await session.ended;
  if (error) {
    console.error(`${error.message} (${args.out} is as the last update left it)`);
    process.exitCode = 1;
  }
}

/**
 * Adds to the build's --stats what this process cost: the command's whole wall time (totalMs;
 * the building process's own is kept as buildMs), this process's RSS (it runs all along, so it
 * counts in the command's memory) and the budget.
 */
function noteLauncher(file: string | null, heapBudgetMb: number | null): void {
  if (!file || !fs.existsSync(file)) return;
  const stats = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
  const launcher = { heapBudgetMb, launcherRssBytes: process.resourceUsage().maxRSS * 1024, buildMs: stats.totalMs, totalMs: performance.now() };
  writeFileAtomic(file, JSON.stringify({ ...stats, ...launcher }, null, 1) + "\n");
}

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
  const args = parseArgs(process.argv.slice(2));
  const growth = heapGrowthOverride(process.env.NEWSGRAPH_HEAP_GROWTH);
  const heapGrowth = corpusHeapGrowth(growth);
  const code = await buildUnderBudget(args);
  if (code !== null) {
    process.exitCode = code;
    return;
  }
  if (args.watch) return watch(args);
  // Loaded only by the process that builds: the one that runs the build under a budget stays small.
  // The corpus reader and the stamp first: a graph.json found up to date needs nothing else (the
  // extractor's loading, about 0.2 s, is skipped).
  const [{ readCorpus }, { buildSignature, isUpToDate, writeStamp }] = await Promise.all([import("../lib/corpus"), import("../lib/build/stamp")]);
  const { articles, warnings } = readCorpus(args.articles);
  for (const w of warnings) console.warn(`warning: ${w}`);
  const cacheDir = args.cache ? path.resolve(args.cacheDir ?? path.join(path.dirname(path.resolve(args.out)), ".newsgraph-cache")) : null;
  const chars = articles.reduce((n, a) => n + a.text.length, 0);
  const explainFile = args.out.replace(/\.json$/, "") + ".explain.txt";

  // Same articles, same code, graph.json as that build left it: nothing to do.
  const signature = cacheDir && !args.shard ? buildSignature(articles, { explain: args.explain }) : null;
  if (signature && !args.force && isUpToDate(cacheDir!, args.out, signature, args.explain ? explainFile : null)) {
    writeStats(args.stats, { articles: articles.length, chars, readMs: elapsed(), upToDate: true, totalMs: elapsed() });
    if (!args.quiet) {
      console.log(`newsgraph: ${args.out} is up to date: the same ${articles.length} articles, built by the same code (checked in ${elapsed().toFixed(0)} ms; --force rebuilds)`);
    }
    return;
  }

  const [
    { applyLayout, layoutDocument, planLayout },
    { formatExplainReport },
    { AnalysisCache, analyzeCorpus, collectGarbage, defaultJobs, extractCorpusScaled, inShard, layoutOnWorker, peakRssBytes, Progress, runLayoutOnWorker, writeJsonAtomic, writeJsonAtomicDeferred },
  ] = await Promise.all([
    import("../lib/layout"),
    import("../lib/extract/explain"),
    import("../lib/build"),
  ]);
  // The read, and the start-up before it (node, the modules, the stamp's check).
  const readMs = elapsed();
  const progress = new Progress({ quiet: args.quiet });
  const options = { jobs: args.jobs ?? defaultJobs(), cacheDir, progress, onWarning: (message: string) => !args.quiet && console.warn(`warning: ${message}`) };

  if (args.shard) {
    const { index, count } = args.shard;
    const { stats } = await analyzeCorpus(articles, { ...options, keepAnalyses: false, select: (a) => inShard(a.meta.id, index, count) });
    writeStats(args.stats, { articles: articles.length, chars, readMs, analyze: stats, totalMs: elapsed() });
    if (!args.quiet) {
      console.log(
        `newsgraph: shard ${index + 1}/${count}: ${stats.articles} of ${articles.length} articles (${stats.analyzed} analyzed, ${stats.cached} cached) → ` +
          `${path.join(cacheDir!, stats.generation ?? "")} in ${elapsed().toFixed(0)} ms`,
      );
    }
    return;
  }

  const outDir = path.dirname(path.resolve(args.out));
  if (!fs.existsSync(outDir)) fs.mkdirSync(outDir, { recursive: true });
  // Only what is written stays referenced: the analyses and (without --explain) the report can
  // be collected before graph.json is written.
  let layoutMs = 0;
  let writeMs = 0;
  // With the layout on a worker: its run, and how long this thread still waited for it after writing the edges.
  let layoutWorkerMs: number | null = null;
  let layoutWaitMs: number | null = null;
  const { written, report, timings, bytes } = await (async () => {
    const built = await extractCorpusScaled(articles, { ...options, explain: args.explain, heapGrowth });
    const document = built.document;
    const compact = document.graph.edges.length > COMPACT_GRAPH_JSON_ABOVE_EDGES;
    const long = articles.length >= 200;
    const layoutStarted = elapsed();
    const result = { written: document, report: args.explain ? built.report : null, timings: built.timings };
    if (layoutOnWorker(options.jobs, document.graph.nodes.length)) {
      // With a second thread, ForceAtlas2 runs there while this one writes the edges (lib/build/layout.ts).
      progress.line("laying out the graph on a second thread while the edges are written …", long);
      const plan = planLayout(document, { seed: 42 });
      const planMs = elapsed() - layoutStarted;
      // A full collection first (about 0.4 s at 10,000 articles): without it the edges' write,
      // beside the worker, took the build's peak from 851 to 896–926 MB (the collector's helper
      // shares its core with the worker); with it the peak stays where assembly left it.
      collectGarbage();
      const nodes = runLayoutOnWorker(plan).then((run) => {
        layoutWorkerMs = run.ms;
        const laidOut = applyLayout(document, plan, run.nodes).graph.nodes;
        built.timings.peakRssByPhase.layout = peakRssBytes();
        return laidOut;
      });
      const { bytes, waitedMs } = await writeJsonAtomicDeferred(args.out, document, ["graph", "nodes"], nodes, { compact });
      // The layout's share is what this thread spent on it: the plan, and the wait for the
      // worker's positions and placing them (which follows the edges' write).
      layoutMs = planMs + waitedMs;
      layoutWaitMs = waitedMs;
      writeMs = elapsed() - layoutStarted - layoutMs;
      return { ...result, bytes };
    }
    progress.line("laying out the graph …", long);
    const laidOut = layoutDocument(document, { seed: 42 });
    layoutMs = elapsed() - layoutStarted;
    built.timings.peakRssByPhase.layout = peakRssBytes();
    progress.line(`writing ${args.out} (${laidOut.graph.nodes.length} nodes, ${laidOut.graph.edges.length} edges) …`, long);
    const writeStarted = elapsed();
    const { bytes } = writeJsonAtomic(args.out, laidOut, { compact });
    writeMs = elapsed() - writeStarted;
    return { ...result, written: laidOut, bytes };
  })();
  timings.peakRssByPhase.write = peakRssBytes();
  if (report) {
    writeFileAtomic(explainFile, formatExplainReport(report, articles));
  }
  if (signature) {
    // graph.json is written: a stamp that cannot be (a full disk) only costs the next build its shortcut.
    try {
      writeStamp(cacheDir!, args.out, signature, report ? explainFile : null);
    } catch (error) {
      if (!args.quiet) console.warn(`warning: newsgraph/build: could not record that ${args.out} is up to date (the next build builds it again): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (cacheDir && timings.analyze.generation) new AnalysisCache(cacheDir, timings.analyze.generation).prune();
  const typed = written.graph.edges.filter((e) => e.attributes.type !== "CO_MENTIONED").length;
  writeStats(args.stats, {
    articles: articles.length,
    upToDate: false,
    chars,
    readMs,
    analyze: timings.analyze,
    corpusMs: timings.corpusMs,
    corpusPhases: timings.corpusPhases,
    peakRssByPhase: timings.peakRssByPhase,
    layoutMs,
    ...(layoutWorkerMs !== null ? { layoutWorkerMs, layoutWaitMs } : {}),
    writeMs,
    heapGrowthPercent: heapGrowth?.late ?? null,
    earlyHeapGrowthPercent: heapGrowth?.early ?? null,
    graphBytes: bytes,
    nodes: written.graph.nodes.length,
    edges: written.graph.edges.length,
    relations: typed,
    totalMs: elapsed(),
  });
  if (!args.quiet) {
    const a = timings.analyze;
    console.log(
      `newsgraph: ${articles.length} articles (${(chars / 1024).toFixed(1)} KB) → ${written.graph.nodes.length} nodes, ` +
        `${typed} relations, ${written.graph.edges.length - typed} co-mentions, ${written.conflicts.length} conflicts → ${args.out} in ${elapsed().toFixed(0)} ms` +
        (args.explain ? ` (explained in ${explainFile})` : "") +
        ` [${a.analyzed} analyzed on ${a.threads} thread${a.threads > 1 ? "s" : ""}, ${a.cached} cached]`,
    );
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(message.startsWith("newsgraph/") ? message : `newsgraph/build: ${message}`);
  if (!(error instanceof CorpusError) && process.env.NEWSGRAPH_DEBUG) console.error(error);
  process.exit(1);
});
