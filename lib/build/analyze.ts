// The per-article stage of a build, in parallel and cached:
//
//   - every article's analysis is looked up in the cache (lib/build/cache.ts) by the hash of its
//     content and metadata, within a generation keyed by the extractor version and publishers;
//   - the misses are analyzed by the main thread and `jobs - 1` worker threads (the main thread
//     alone when there are few), and the main thread appends them to the cache's pack;
//   - results are placed by article index, so the corpus stage sees the analyses in article
//     order whatever order the workers finish in, and the graph is byte-identical to the
//     single-thread build.
import os from "node:os";
import type { Worker } from "node:worker_threads";
import { buildGazetteer, type ArticleAnalysis } from "../extract";
import type { ArticleInput } from "../extract/types";
import { AnalysisCache } from "./cache";
import { checkCodec, CodecError, decodeAnalysis, type CodecMode } from "./codec";
import type { Progress } from "./progress";
import type { WorkerInit, WorkerReply, WorkerTask } from "./protocol";
import { analyzeEncoded, shouldCheckTokens, type StageContext } from "./stage";
import { articleKey } from "./sources";
import { startBuildWorker } from "./worker-start";
import { cacheGeneration, corpusPublishers, extractorVersion, gazetteerKey } from "./version";

export interface AnalyzeOptions {
  /** Worker threads for the per-article stage (default: the number of cores). 1 = the main thread only. */
  jobs?: number;
  /** Cache folder, or null for no cache. */
  cacheDir?: string | null;
  progress?: Progress;
  /** Analyze only the articles this returns true for (a shard); the others are left undefined. */
  select?: (article: ArticleInput, index: number) => boolean;
  /**
   * Workers start only when the articles to analyze hold at least this many characters (default
   * 8 M, about 3 s of work on one thread, or NEWSGRAPH_WORKER_MIN_CHARS): a worker needs about
   * a second of CPU to load the extractor (compromise's lexicon) and warm up. Measured with one
   * worker: 4.5 M characters ran slower, 13.5 M 1.3× faster, 45 M 1.5× faster.
   */
  minCharsForWorkers?: number;
  /**
   * Keep the analyses (default true). False: only fill the cache (a shard): cached articles are
   * not read, new analyses are written and dropped, so memory does not grow with the shard.
   */
  keepAnalyses?: boolean;
  /** Whether the main thread analyzes alongside the workers (default true; false: workers only, for tests). */
  mainThreadAnalyzes?: boolean;
  /** Force the codec mode (tests); default: checked against the extractor (see checkCodec). */
  mode?: CodecMode;
  /** Called once when the codec check fails and the build falls back to full analyses. */
  onWarning?: (message: string) => void;
}

export interface AnalyzeStats {
  articles: number;
  /** Served from the cache. */
  cached: number;
  /** Analyzed in this run. */
  analyzed: number;
  /** Of those, analyzed by worker threads. */
  analyzedByWorkers: number;
  /** Threads that analyzed (the main thread and its workers). */
  threads: number;
  mode: CodecMode;
  generation: string | null;
  ms: number;
}

export interface AnalyzeResult {
  analyses: ArticleAnalysis[];
  stats: AnalyzeStats;
}

export function defaultJobs(): number {
  return typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
}

class CodecMismatch extends Error {}

/** Runs the per-article stage over `articles`; analyses come back in article order. */
export async function analyzeCorpus(articles: readonly ArticleInput[], options: AnalyzeOptions = {}): Promise<AnalyzeResult> {
  const publishers = corpusPublishers(articles);
  const gazetteer = buildGazetteer(publishers);
  let mode = options.mode;
  if (!mode) {
    const check = checkCodec(gazetteer, articles[0]);
    mode = check.mode;
    if (check.reason) options.onWarning?.(`newsgraph/build: analyses are kept in full (${check.reason})`);
  }
  try {
    return await runStage(articles, options, publishers, gazetteer, mode);
  } catch (error) {
    if (!(error instanceof CodecMismatch) || mode === "full") throw error;
    options.onWarning?.(`newsgraph/build: analyses are kept in full (${error.message})`);
    return runStage(articles, options, publishers, gazetteer, "full");
  }
}

async function runStage(
  articles: readonly ArticleInput[],
  options: AnalyzeOptions,
  publishers: string[],
  gazetteer: StageContext["gazetteer"],
  mode: CodecMode,
): Promise<AnalyzeResult> {
  const started = performance.now();
  const jobs = Math.max(1, Math.floor(options.jobs ?? defaultJobs()));
  const generation = options.cacheDir ? cacheGeneration(publishers, mode) : null;
  const cache = options.cacheDir && generation ? new AnalysisCache(options.cacheDir, generation) : null;
  cache?.describe({ extractorVersion: extractorVersion(), gazetteerKey: gazetteerKey(publishers), mode });
  const ctx: StageContext = { gazetteer, mode, cache };
  const keep = options.keepAnalyses !== false;
  if (!keep && !cache) throw new Error("newsgraph/build: analyses that are not kept need a cache to go to");
  const progress = options.progress;

  const analyses: ArticleAnalysis[] = new Array(articles.length);
  const keys: string[] = new Array(articles.length);
  const hits: number[] = [];
  const misses: number[] = [];
  articles.forEach((article, index) => {
    if (options.select && !options.select(article, index)) return;
    const key = articleKey(article);
    keys[index] = key;
    if (cache && cache.has(key)) hits.push(index);
    else misses.push(index);
  });
  const total = hits.length + misses.length;
  let analyzed = 0;
  let analyzedByWorkers = 0;
  let cached = 0;
  // The main thread analyzes too: --jobs N is the main thread and N-1 workers.
  const missChars = misses.reduce((n, i) => n + articles[i]!.text.length, 0);
  const envMin = Number(process.env.NEWSGRAPH_WORKER_MIN_CHARS);
  const minChars = options.minCharsForWorkers ?? (process.env.NEWSGRAPH_WORKER_MIN_CHARS && Number.isFinite(envMin) ? envMin : 8_000_000);
  const useWorkers = jobs > 1 && misses.length > 1 && missChars >= minChars;
  const workerCount = useWorkers ? jobs - 1 : 0;
  const note = () => `${workerCount + 1} thread${workerCount > 0 ? "s" : ""}${cache ? `, ${cached} cached` : ""}`;
  progress?.start("articles", total, note());

  const batches = makeBatches(
    misses.map((index, ordinal) => ({ index, article: articles[index]!, key: keys[index]!, checkTokens: shouldCheckTokens(ordinal) })),
    Math.max(1, workerCount + 1),
  );
  let nextBatch = 0;
  const take = () => (nextBatch < batches.length ? batches[nextBatch++]! : undefined);
  const queued = () => nextBatch < batches.length;
  const analyzeInline = (item: WorkerTask["items"][number]) => {
    let encoded: string;
    try {
      encoded = analyzeEncoded(ctx, item.article, item.key, item.checkTokens);
    } catch (error) {
      if (error instanceof CodecError) throw new CodecMismatch(error.message);
      throw error;
    }
    if (keep) analyses[item.index] = decodeAnalysis(encoded, item.article);
    analyzed++;
    progress?.tick();
  };
  const pool =
    workerCount > 0
      ? new WorkerPool(workerCount, { publishers, mode }, take, queued, (index, encoded) => {
          // The main thread writes the workers' analyses to the cache too: one pack per build.
          cache?.put(keys[index]!, encoded);
          if (keep) analyses[index] = decodeAnalysis(encoded, articles[index]!);
          analyzed++;
          analyzedByWorkers++;
          progress?.tick();
        })
      : null;
  const yieldToWorkers = () => new Promise((resolve) => setImmediate(resolve));
  try {
    // The main thread reads the cached analyses, then analyzes alongside the workers, taking
    // batches from the same queue (it starts at once while the workers are still loading).
    const late: number[] = [];
    if (!keep) {
      cached = hits.length;
      progress?.tick(hits.length);
    }
    for (let n = 0; keep && n < hits.length; n++) {
      const index = hits[n]!;
      const encoded = cache!.get(keys[index]!);
      let analysis: ArticleAnalysis | null = null;
      if (encoded !== null) {
        try {
          analysis = decodeAnalysis(encoded, articles[index]!);
        } catch (error) {
          if (!(error instanceof CodecError)) throw error;
        }
      }
      if (analysis) {
        analyses[index] = analysis;
        cached++;
        progress?.setNote(note());
        progress?.tick();
      } else late.push(index);
      if (pool && n % 256 === 255) {
        pool.check();
        await yieldToWorkers();
      }
    }
    for (let batch = pool && options.mainThreadAnalyzes === false ? undefined : take(); batch; batch = take()) {
      for (const item of batch.items) analyzeInline(item);
      if (pool) {
        pool.check();
        await yieldToWorkers();
      }
    }
    if (pool) await pool.finished();
    // Cache entries that could not be read or decoded are analyzed again.
    for (const index of late) analyzeInline({ index, article: articles[index]!, key: keys[index]!, checkTokens: true });
  } finally {
    await pool?.close();
    cache?.close();
  }
  cache?.touch();
  const ms = performance.now() - started;
  progress?.finish(`analyzed ${total} articles in ${(ms / 1000).toFixed(1)} s (${note()})`);
  return { analyses, stats: { articles: total, cached, analyzed, analyzedByWorkers, threads: workerCount + 1, mode, generation, ms } };
}

/** Batches out with a worker at once (one being analyzed, one waiting). */
const WORKER_QUEUE_DEPTH = 2;

function makeBatches(items: WorkerTask["items"], threads: number): WorkerTask[] {
  // Small enough to balance the threads at the end, large enough to keep messages few.
  const perBatch = Math.max(1, Math.min(16, Math.ceil(items.length / (threads * 8))));
  const batches: WorkerTask[] = [];
  for (let i = 0; i < items.length; i += perBatch) batches.push({ batch: batches.length, items: items.slice(i, i + perBatch) });
  return batches;
}

/**
 * `size` workers taking batches from `take` (shared with the main thread) once they are ready,
 * one batch at a time; each answer is handed to `onResult` by article index.
 */
class WorkerPool {
  private readonly workers: Worker[] = [];
  private closed = false;
  private busy = 0;
  private error: Error | null = null;
  private waiting: { resolve: () => void; reject: (error: Error) => void } | null = null;

  constructor(
    size: number,
    init: WorkerInit,
    private readonly take: () => WorkerTask | undefined,
    private readonly queued: () => boolean,
    private readonly onResult: (index: number, encoded: string) => void,
  ) {
    for (let i = 0; i < size; i++) {
      const worker = startBuildWorker("worker", { init });
      worker.on("message", (reply: WorkerReply | { ready: true }) => this.onMessage(worker, reply));
      worker.on("error", (error) => this.fail(error));
      worker.on("exit", (code) => {
        if (!this.closed) this.fail(new Error(`newsgraph/build: a worker stopped (exit code ${code})`));
      });
      this.workers.push(worker);
    }
  }

  private onMessage(worker: Worker, reply: WorkerReply | { ready: true }): void {
    if (this.error || this.closed) return;
    if (!("ready" in reply)) {
      this.busy--;
      try {
        for (const r of reply.results) this.onResult(r.index, r.encoded);
      } catch (error) {
        return this.fail(error as Error);
      }
      if (reply.error) return this.fail(reply.error.codec ? new CodecMismatch(reply.error.message) : new Error(reply.error.message));
    }
    // A worker keeps a second batch queued: the main thread, which hands batches out, only reads
    // messages between its own batches, and a worker with nothing queued would idle until then.
    for (let n = ("ready" in reply) ? WORKER_QUEUE_DEPTH : 1; n > 0; n--) {
      const task = this.take();
      if (!task) break;
      this.busy++;
      worker.postMessage(task);
    }
    this.settle();
  }

  private fail(error: Error): void {
    if (this.error) return;
    this.error = error;
    this.settle();
  }

  private settle(): void {
    if (!this.waiting) return;
    if (this.error) this.waiting.reject(this.error);
    else if (this.busy === 0 && !this.queued()) this.waiting.resolve();
    else return;
    this.waiting = null;
  }

  /** Throws the first worker error, if any. */
  check(): void {
    if (this.error) throw this.error;
  }

  /** Resolves when every batch is taken and none is out with a worker. */
  finished(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.settle();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
