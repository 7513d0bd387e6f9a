// lib/build: the build of graph.json at scale. The per-article stage runs in worker threads
// and is cached per article (lib/build/analyze.ts); the corpus stage (lib/extract's
// extractFromAnalyses) runs once over all analyses, in article order, so the result is the
// same document extractCorpus(articles) gives, byte for byte.
import { extractFromAnalyses, type CorpusProgress, type ExtractionOutput } from "../extract";
import type { ArticleInput } from "../extract/types";
import { analyzeCorpus, type AnalyzeOptions, type AnalyzeStats } from "./analyze";
import { collectAfterPhase, collectGarbage, limitGrowthAfterPhase, limitHeapGrowth, type CorpusHeapGrowth } from "./gc";

export { analyzeCorpus, defaultJobs, type AnalyzeOptions, type AnalyzeResult, type AnalyzeStats } from "./analyze";
export { AnalysisCache } from "./cache";
export { checkCodec, decodeAnalysis, encodeAnalysis, type CodecMode } from "./codec";
export { Progress, formatDuration, type ProgressOptions } from "./progress";
export { jsonChunks, writeJsonAtomic, writeJsonAtomicDeferred } from "../jsonfile";
export { LAYOUT_WORKER_MIN_NODES, layoutOnWorker, runLayoutOnWorker, type LayoutRun } from "./layout";
export { collectGarbage } from "./gc";
export { cacheGeneration, corpusPublishers, extractorVersion, gazetteerKey } from "./version";
export { articleKey } from "./sources";
export { buildCodeVersion, buildSignature, isUpToDate, readStamp, stampFile, writeStamp, type OutputStamp } from "./stamp";

export interface BuildTimings {
  analyze: AnalyzeStats;
  /** Corpus stage (resolution, relations, meetings, conflicts, assembly), ms. */
  corpusMs: number;
  /** The corpus stage by phase (resolve, relations, meetings, assemble), ms. */
  corpusPhases: Record<string, number>;
  /**
   * The process's peak RSS so far (getrusage, bytes) at the end of the per-article stage
   * ("analyze") and of each corpus phase: the first phase at the final peak is where it is reached.
   */
  peakRssByPhase: Record<string, number>;
}

/** What each corpus phase has done when it ends (its progress line). */
const PHASE_DONE: Record<string, string> = {
  resolve: "entities resolved",
  relations: "relations found",
  meetings: "meetings found and compared across articles",
  assemble: "graph assembled",
};

/** The process's peak RSS so far, bytes (getrusage's maxRSS: a high-water mark, never lower later). */
export function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/** extractCorpus(articles), with the per-article stage parallel and cached. */
export async function extractCorpusScaled(
  articles: readonly ArticleInput[],
  options: AnalyzeOptions & {
    explain?: boolean;
    /** From the corpus stage on, let the heap grow at most this far past what is live (lib/build/gc.ts; the process keeps the late limit). */
    heapGrowth?: CorpusHeapGrowth | null;
  } = {},
): Promise<ExtractionOutput & { timings: BuildTimings }> {
  const { analyses, stats } = await analyzeCorpus(articles, options);
  const peakRssByPhase: Record<string, number> = { analyze: peakRssBytes() };
  const growth = options.heapGrowth ?? null;
  if (growth) {
    limitHeapGrowth(growth.early);
    // V8 applies the limit from its next full collection on: one now also lets go of the
    // per-article stage's garbage before resolution starts adding to the heap (lib/build/gc.ts).
    collectGarbage();
  }
  const long = articles.length >= 200;
  const progress = options.progress;
  progress?.line(`corpus stage: resolving the entities of ${articles.length} articles …`, long);
  const started = performance.now();
  const corpusPhases: Record<string, number> = {};
  const onPhase = (phase: string) => {
    progress?.line(`corpus stage: ${PHASE_DONE[phase] ?? phase} in ${((corpusPhases[phase] ?? 0) / 1000).toFixed(1)} s`, long);
    peakRssByPhase[phase] = peakRssBytes();
    limitGrowthAfterPhase(phase, growth);
    collectAfterPhase(phase);
  };
  // The passes over articles and meeting accounts as a bar (after the bar's quiet first seconds).
  const corpusProgress: CorpusProgress | undefined =
    progress && long ? { start: (label, total, unit) => progress.start(label, total, "", unit), tick: () => progress.tick(), finish: () => progress.finish() } : undefined;
  const output = extractFromAnalyses(articles, analyses, { explain: options.explain, phases: corpusPhases, release: true, onPhase, progress: corpusProgress });
  const corpusMs = performance.now() - started;
  progress?.line(`corpus stage done in ${(corpusMs / 1000).toFixed(1)} s`, long);
  return { ...output, timings: { analyze: stats, corpusMs, corpusPhases, peakRssByPhase } };
}

/** Whether article `id` belongs to shard `index` of `count` (stable: by a hash of the id, not its position). */
export function inShard(id: string, index: number, count: number): boolean {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % count === index;
}
