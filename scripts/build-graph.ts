// npm run graph -- --articles <dir> --out <file> [--explain] [--quiet] [--jobs N] [--no-cache | --cache-dir <dir>]
// Reads a corpus folder, extracts the sourced graph, lays it out and writes graph.json
// atomically (temp file + rename): on any error the previous graph.json stays untouched.
//
// The per-article stage runs on --jobs worker threads (default: the number of cores) and is
// cached per article under <out dir>/.newsgraph-cache (keyed by content hash, extractor version
// and publishers), so a rebuild after adding an article analyzes only that article. The output
// is the same, byte for byte, whatever --jobs and whatever is cached. --shard k/n analyzes only
// the k-th of n shards of the articles into the cache and writes no graph (see README.md, "Scale past one machine").
// Workers start only for at least 8 M characters to analyze (NEWSGRAPH_WORKER_MIN_CHARS): below
// that, loading the extractor in a worker (~1 s) costs more than it saves.
import fs from "node:fs";
import path from "node:path";
import { CorpusError, readCorpus } from "../lib/corpus";
import { layoutDocument } from "../lib/layout";
import { writeFileAtomic } from "../lib/fsutil";
import { formatExplainReport } from "../lib/extract/explain";
import { AnalysisCache, analyzeCorpus, defaultJobs, extractCorpusScaled, inShard, Progress, writeJsonAtomic } from "../lib/build";

interface Args {
  articles: string;
  out: string;
  explain: boolean;
  quiet: boolean;
  jobs: number;
  cache: boolean;
  cacheDir: string | null;
  shard: { index: number; count: number } | null;
  stats: string | null;
}

const USAGE =
  "usage: npm run graph -- [--articles graph-data/articles] [--out graph-data/graph.json] [--explain] [--quiet]\n" +
  "                        [--jobs N] [--no-cache | --cache-dir <dir>] [--shard k/n] [--stats <file.json>]\n" +
  "  --jobs N         worker threads for the per-article stage (default: the number of cores)\n" +
  "  --cache-dir DIR  per-article analysis cache (default: <out dir>/.newsgraph-cache); --no-cache: none\n" +
  "  --shard k/n      analyze only shard k of n into the cache and write no graph (merge caches, then build)\n" +
  "  --stats FILE     also write the build's timings and counts as JSON\n" +
  "graph.json is indented (one space) up to 20,000 edges and compact above, where nobody reads it by hand.";

function parseArgs(argv: string[]): Args {
  const args: Args = {
    articles: "graph-data/articles",
    out: "graph-data/graph.json",
    explain: false,
    quiet: false,
    jobs: defaultJobs(),
    cache: true,
    cacheDir: null,
    shard: null,
    stats: null,
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
    else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else throw new CorpusError(`newsgraph/build: unknown option "${a}" (try --help)`);
  }
  if (!args.cache && args.cacheDir) throw new CorpusError("newsgraph/build: --no-cache and --cache-dir cannot be used together");
  if (!args.cache && args.shard) throw new CorpusError("newsgraph/build: --shard needs the cache (it is what a shard produces)");
  return args;
}

/** Above this many edges graph.json is written without indentation (below, indented by one space, for reading and diffs). */
const COMPACT_JSON_ABOVE_EDGES = 20_000;

function writeStats(file: string | null, stats: Record<string, unknown>): void {
  if (!file) return;
  const usage = process.resourceUsage();
  writeFileAtomic(file, JSON.stringify({ ...stats, maxRssBytes: usage.maxRSS * 1024, cpuUserMs: usage.userCPUTime / 1000, cpuSystemMs: usage.systemCPUTime / 1000 }, null, 1) + "\n");
}

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
  const args = parseArgs(process.argv.slice(2));
  const { articles, warnings } = readCorpus(args.articles);
  const readMs = elapsed();
  for (const w of warnings) console.warn(`warning: ${w}`);
  const cacheDir = args.cache ? path.resolve(args.cacheDir ?? path.join(path.dirname(path.resolve(args.out)), ".newsgraph-cache")) : null;
  const progress = new Progress({ quiet: args.quiet });
  const options = { jobs: args.jobs, cacheDir, progress, onWarning: (message: string) => !args.quiet && console.warn(`warning: ${message}`) };
  const chars = articles.reduce((n, a) => n + a.text.length, 0);

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

  // Only what is written stays referenced: the unlaid document, the analyses and (without
  // --explain) the report can be collected before graph.json is written.
  let layoutMs = 0;
  const { laidOut, report, timings } = await (async () => {
    const built = await extractCorpusScaled(articles, { ...options, explain: args.explain });
    const layoutStarted = elapsed();
    progress.line("laying out the graph …", articles.length >= 200);
    const doc = layoutDocument(built.document, { seed: 42 });
    layoutMs = elapsed() - layoutStarted;
    return { laidOut: doc, report: args.explain ? built.report : null, timings: built.timings };
  })();
  const outDir = path.dirname(path.resolve(args.out));
  if (!fs.existsSync(outDir)) fs.mkdirSync(outDir, { recursive: true });
  const writeStarted = elapsed();
  // A graph this large is read by programs, not people: compact JSON is a third smaller and faster to write and parse.
  const { bytes } = writeJsonAtomic(args.out, laidOut, { compact: laidOut.graph.edges.length > COMPACT_JSON_ABOVE_EDGES });
  const writeMs = elapsed() - writeStarted;
  const explainFile = args.out.replace(/\.json$/, "") + ".explain.txt";
  if (report) {
    writeFileAtomic(explainFile, formatExplainReport(report, articles));
  }
  if (cacheDir && timings.analyze.generation) new AnalysisCache(cacheDir, timings.analyze.generation).prune();
  const typed = laidOut.graph.edges.filter((e) => e.attributes.type !== "CO_MENTIONED").length;
  writeStats(args.stats, {
    articles: articles.length,
    chars,
    readMs,
    analyze: timings.analyze,
    corpusMs: timings.corpusMs,
    corpusPhases: timings.corpusPhases,
    layoutMs,
    writeMs,
    graphBytes: bytes,
    nodes: laidOut.graph.nodes.length,
    edges: laidOut.graph.edges.length,
    relations: typed,
    totalMs: elapsed(),
  });
  if (!args.quiet) {
    const a = timings.analyze;
    console.log(
      `newsgraph: ${articles.length} articles (${(chars / 1024).toFixed(1)} KB) → ${laidOut.graph.nodes.length} nodes, ` +
        `${typed} relations, ${laidOut.graph.edges.length - typed} co-mentions, ${laidOut.conflicts.length} conflicts → ${args.out} in ${elapsed().toFixed(0)} ms` +
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
