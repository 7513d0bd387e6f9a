// Measurements that run in a child process of the benchmark (a fresh heap and JIT for each):
//
//   tsx scripts/bench/tasks.ts <task> '<json options>'
//
// prints one JSON object on stdout. Tasks: stage, incrementalCorpus, resident, compromise, extract, queries, exports, graph.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import nlp from "compromise";
import type { GraphDocument } from "../../lib/contract";
import { analyzeCorpus } from "../../lib/build";
import { ResidentBuild } from "../../lib/build/resident";
import { CorpusFileCache, readCorpus } from "../../lib/corpus";
import { analyzeArticle, buildGazetteer, extractFromAnalyses } from "../../lib/extract";
import { IncrementalCorpus } from "../../lib/extract/incremental";
import type { ArticleInput } from "../../lib/extract/types";
import { EXPORT_FORMATS, exportDocument } from "../../lib/export";
import { createMemoryQueries } from "../../lib/graph/memory";
import { syntheticGraph as ownSyntheticGraph } from "./graph";
import { mulberry32 } from "./random";

type Options = Record<string, unknown>;

function bytesOf(articles: readonly ArticleInput[]): number {
  return articles.reduce((n, a) => n + Buffer.byteLength(a.text, "utf8"), 0);
}

/** Every k-th article so that about `max` are kept (the whole corpus when it is smaller). */
function sample(articles: ArticleInput[], max: number): ArticleInput[] {
  if (articles.length <= max) return articles;
  const step = articles.length / max;
  return Array.from({ length: max }, (_, i) => articles[Math.floor(i * step)]!);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** compromise alone on the same text: nlp(text) then people(), organizations(), places(). */
function compromiseTask(o: Options) {
  const articles = sample(readCorpus(String(o.dir)).articles, Number(o.max ?? 1000));
  // Warm-up on a few articles (JIT), not timed.
  for (const a of articles.slice(0, 3)) nlp(a.text).people().out("array");
  const started = performance.now();
  let found = 0;
  for (const a of articles) {
    const doc = nlp(a.text);
    found += doc.people().out("array").length + doc.organizations().out("array").length + doc.places().out("array").length;
  }
  const ms = performance.now() - started;
  return { articles: articles.length, bytes: bytesOf(articles), ms, found };
}

/** The extraction on one core as the build runs it (no explain report), split into its two stages; run `repeat` times (median). */
function extractTask(o: Options) {
  const articles = o.dir === "seeds" ? readCorpus(path.resolve("graph-data/articles")).articles : readCorpus(String(o.dir)).articles;
  const repeat = Math.max(1, Number(o.repeat ?? 1));
  const runs: Array<{ analyzeMs: number; corpusMs: number }> = [];
  for (let r = 0; r < repeat; r++) {
    const t0 = performance.now();
    const gazetteer = buildGazetteer(articles.map((a) => a.meta.publisher).filter((p): p is string => Boolean(p)));
    const analyses = articles.map((a) => analyzeArticle(a, gazetteer));
    const t1 = performance.now();
    extractFromAnalyses(articles, analyses, { explain: false });
    runs.push({ analyzeMs: t1 - t0, corpusMs: performance.now() - t1 });
  }
  // The first run pays for loading word lists and the JIT; report the median of the others.
  const timed = runs.length > 2 ? runs.slice(1) : runs;
  const median = (xs: number[]) => percentile(xs, 50);
  return {
    articles: articles.length,
    bytes: bytesOf(articles),
    analyzeMs: median(timed.map((r) => r.analyzeMs)),
    corpusMs: median(timed.map((r) => r.corpusMs)),
    runs: runs.length,
  };
}

async function syntheticDocument(nodes: number, edges: number): Promise<{ doc: GraphDocument; source: string }> {
  // The Neo4j benchmark's generator when it is there (the same graph for both backends), else ours.
  const shared = path.resolve("scripts/neo4j/synthetic.ts");
  if (fs.existsSync(shared)) {
    try {
      const mod = (await import(pathToFileURL(shared).href)) as { syntheticGraph?: (o: { nodes: number; edges: number }) => GraphDocument };
      if (typeof mod.syntheticGraph === "function") return { doc: mod.syntheticGraph({ nodes, edges }), source: "scripts/neo4j/synthetic.ts" };
    } catch {
      // fall through to ours
    }
  }
  return { doc: ownSyntheticGraph({ nodes, edges, seed: 7 }), source: "scripts/bench/graph.ts" };
}

/** p50/p95 of neighborhood(key, 2) and shortestPath(a, b) over random nodes of a synthetic graph. */
async function queriesTask(o: Options) {
  const { doc, source } = await syntheticDocument(Number(o.nodes), Number(o.edges));
  const t0 = performance.now();
  const queries = createMemoryQueries(JSON.parse(JSON.stringify(doc)) as GraphDocument);
  const loadMs = performance.now() - t0;
  const keys = doc.graph.nodes.map((n) => n.key);
  const rnd = mulberry32(99);
  const pickKey = () => keys[Math.floor(rnd() * keys.length)]!;
  const samples = Number(o.samples ?? 200);
  const time = async (run: () => Promise<unknown>) => {
    const t = performance.now();
    await run();
    return performance.now() - t;
  };
  // Warm-up (JIT), then timed samples.
  for (let i = 0; i < 20; i++) {
    await queries.neighborhood(pickKey(), 2);
    await queries.shortestPath(pickKey(), pickKey());
  }
  const hood: number[] = [];
  const sizes: number[] = [];
  for (let i = 0; i < samples; i++) {
    const key = pickKey();
    let size = 0;
    hood.push(
      await time(async () => {
        const r = await queries.neighborhood(key, 2);
        size = r.nodes.length;
      }),
    );
    sizes.push(size);
  }
  const paths: number[] = [];
  let found = 0;
  for (let i = 0; i < samples; i++) {
    const [a, b] = [pickKey(), pickKey()];
    paths.push(
      await time(async () => {
        if (await queries.shortestPath(a, b)) found++;
      }),
    );
  }
  return {
    source,
    nodes: doc.graph.nodes.length,
    edges: doc.graph.edges.length,
    loadMs,
    neighborhood: { p50: percentile(hood, 50), p95: percentile(hood, 95), medianNodes: percentile(sizes, 50) },
    shortestPath: { p50: percentile(paths, 50), p95: percentile(paths, 95), found, samples },
  };
}

/** Every export format of the whole synthetic graph: time and size. */
async function exportsTask(o: Options) {
  const { doc, source } = await syntheticDocument(Number(o.nodes), Number(o.edges));
  const formats = (o.formats as string[] | undefined) ?? [...EXPORT_FORMATS];
  const out: Array<{ format: string; ms: number; bytes: number; error?: string }> = [];
  for (const format of formats) {
    const t = performance.now();
    try {
      const file = exportDocument(doc, format as (typeof EXPORT_FORMATS)[number]);
      const data = file.data as string | Uint8Array;
      out.push({ format, ms: performance.now() - t, bytes: typeof data === "string" ? Buffer.byteLength(data) : data.byteLength });
    } catch (error) {
      out.push({ format, ms: performance.now() - t, bytes: 0, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { source, nodes: doc.graph.nodes.length, edges: doc.graph.edges.length, formats: out };
}

/** Writes the synthetic graph as graph.json (for the page and API benchmarks). */
async function graphTask(o: Options) {
  const { doc, source } = await syntheticDocument(Number(o.nodes), Number(o.edges));
  fs.mkdirSync(path.dirname(String(o.out)), { recursive: true });
  fs.writeFileSync(String(o.out), JSON.stringify(doc) + "\n");
  return { source, nodes: doc.graph.nodes.length, edges: doc.graph.edges.length };
}

/**
 * The corpus stage kept in one process (lib/extract/incremental): made over every article of the
 * corpus but the last (untimed analyses first), then the last one added, as the incremental-rebuild
 * benchmark adds it.
 */
function incrementalCorpusTask(o: Options) {
  const articles = readCorpus(String(o.dir)).articles;
  if (articles.length < 2) throw new Error("the incremental corpus stage needs two articles or more");
  const gazetteer = buildGazetteer(articles.map((a) => a.meta.publisher).filter((p): p is string => Boolean(p)));
  const rest = articles.slice(0, -1);
  const last = articles.at(-1)!;
  const analyses = rest.map((input) => ({ input, analysis: analyzeArticle(input, gazetteer) }));
  const corpus = new IncrementalCorpus();
  let started = performance.now();
  corpus.update({ added: analyses, order: rest.map((a) => a.meta.id) });
  const buildMs = performance.now() - started;
  analyses.length = 0;
  started = performance.now();
  const { stats } = corpus.update({ added: [{ input: last, analysis: analyzeArticle(last, gazetteer) }], order: articles.map((a) => a.meta.id) });
  return { articles: articles.length, buildMs, updateMs: performance.now() - started, stats };
}

/**
 * A build that stays running (lib/build/resident, `npm run graph -- --watch`): made over every
 * article of the corpus but the last (from the cache `cacheDir`, when given), then the last one
 * added as a watch adds it: the folder read again (unchanged files from the file cache), the
 * article analyzed, the corpus stage updated, the layout kept, graph.json written (to a temp
 * folder). The added article's text gets a line of its own, so the cache cannot hold its analysis.
 */
async function residentTask(o: Options) {
  const files = new CorpusFileCache();
  const articles = readCorpus(String(o.dir), { files }).articles;
  if (articles.length < 2) throw new Error("the resident build's task needs two articles or more");
  const rest = articles.slice(0, -1);
  const last = articles.at(-1)!;
  const text = `${last.text}\n\nThis article was updated on ${new Date().toISOString().slice(0, 10)}.\n`;
  const added = { text, meta: { ...last.meta, sha256: createHash("sha256").update(text).digest("hex"), chars: text.length } };
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-bench-resident-"));
  try {
    const resident = new ResidentBuild({ out: path.join(work, "graph.json"), jobs: Number(o.jobs ?? 2), cacheDir: o.cacheDir ? String(o.cacheDir) : null });
    let started = performance.now();
    await resident.update(rest);
    const buildMs = performance.now() - started;
    started = performance.now();
    readCorpus(String(o.dir), { files });
    const readMs = performance.now() - started;
    const { stats } = await resident.update([...rest, added]);
    return { articles: articles.length, buildMs, readMs, updateMs: performance.now() - started, stats };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The per-article stage of a full build (analyses kept, cache read), alone: lib/build's analyzeCorpus. */
async function stageTask(o: Options) {
  const started = performance.now();
  const { articles } = readCorpus(String(o.dir));
  const readMs = performance.now() - started;
  const { stats } = await analyzeCorpus(articles, { jobs: Number(o.jobs ?? 1), cacheDir: o.cacheDir ? String(o.cacheDir) : null });
  return { articles: articles.length, readMs, analyze: stats, totalMs: performance.now() - started };
}

const TASKS: Record<string, (o: Options) => unknown> = {
  stage: stageTask,
  incrementalCorpus: incrementalCorpusTask,
  resident: residentTask,
  compromise: compromiseTask,
  extract: extractTask,
  queries: queriesTask,
  exports: exportsTask,
  graph: graphTask,
};

async function main() {
  const [name, json] = process.argv.slice(2);
  const task = TASKS[name ?? ""];
  if (!task) throw new Error(`unknown task "${name}" (one of ${Object.keys(TASKS).join(", ")})`);
  const result = await task(json ? (JSON.parse(json) as Options) : {});
  const usage = process.resourceUsage();
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  process.stdout.write(JSON.stringify({ ...(result as object), maxRssBytes: usage.maxRSS * 1024, cpuMs }) + "\n");
}

main().catch((error: unknown) => {
  console.error(`newsgraph/bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
