// A build that stays running (`npm run graph -- --watch`) and brings graph.json up to date as
// articles are added, changed and removed, doing again only what a change touches:
//
//   - the per-article stage runs for the new and changed articles only (through the cache);
//   - the corpus stage is lib/extract's IncrementalCorpus, kept in memory: its document is, after
//     every update, the one a clean build makes of the corpus as it then stands;
//   - the layout keeps every node where it was and places the new ones next to their neighbours
//     (lib/layout, KeptLayout). Only the first update runs the clean build's seeded ForceAtlas2,
//     so the first graph.json is the clean build's, byte for byte, and later ones differ from it
//     in the positions of nodes alone;
//   - graph.json is written by copying the unchanged nodes' and edges' bytes from the last one
//     (lib/jsonfile, writeJsonAtomicReusing).
//
// A change to the set of publishers changes what every analysis depends on (the gazetteer, see
// lib/build/version.ts): the corpus stage is then made again from all analyses (the layout is still kept).
import { corpusPublishers, gazetteerKey } from "./version";
import { analyzeCorpus, type AnalyzeOptions, type AnalyzeStats } from "./analyze";
import { AnalysisCache } from "./cache";
import type { CodecMode } from "./codec";
import type { GraphDocument } from "../contract";
import { IncrementalCorpus, type CorpusUpdateStats } from "../extract/incremental";
import type { ArticleAnalysis } from "../extract";
import type { ArticleInput } from "../extract/types";
import { KeptLayout, layoutDocument } from "../layout";
import { COMPACT_GRAPH_JSON_ABOVE_EDGES, writeJsonAtomicReusing, type WrittenRanges } from "../jsonfile";

const MODULE = "newsgraph/build";

export interface ResidentOptions extends Pick<AnalyzeOptions, "jobs" | "cacheDir" | "progress" | "onWarning" | "minCharsForWorkers"> {
  /** The graph.json to keep up to date. */
  out: string;
  /** The layout's seed (the clean build's: 42). */
  seed?: number;
}

/** What one update did. */
export interface ResidentUpdateStats {
  articles: number;
  /** Article ids new to the corpus, gone from it, and whose text or metadata changed. */
  added: string[];
  removed: string[];
  changed: string[];
  /** Why the corpus stage was made from every analysis (the first update, the publishers changed), or null when it was updated. */
  rebuilt: string | null;
  analyze: AnalyzeStats;
  /** The corpus stage's own figures (IncrementalCorpus). */
  corpus: CorpusUpdateStats;
  corpusMs: number;
  layoutMs: number;
  /** Nodes that kept their place, and new nodes placed; null for the first update's full layout. */
  layout: { kept: number; placedByNeighbours: number; placedAlone: number } | null;
  writeMs: number;
  bytes: number;
  /** Bytes of graph.json copied from the previous one rather than written again. */
  reusedBytes: number;
  nodes: number;
  edges: number;
  totalMs: number;
}

/** An update's outcome: null stats when the articles were the same as last time (nothing written). */
export interface ResidentUpdate {
  document: GraphDocument;
  stats: ResidentUpdateStats | null;
}

/** An article's identity for change detection: readCorpus's metadata carries the text's sha256. */
function articleIdentity(article: ArticleInput): string {
  return JSON.stringify(article.meta);
}

export class ResidentBuild {
  private corpus: IncrementalCorpus | null = null;
  private readonly layout: KeptLayout;
  /** Every article of the corpus as the last update left it, by id. */
  private held = new Map<string, { input: ArticleInput; identity: string }>();
  private gazetteer: string | null = null;
  private mode: CodecMode | undefined;
  private ranges: WrittenRanges | null = null;
  private laidOut = false;
  /** The document last written; null until one is, and after a write failed (the next update writes even if nothing changed). */
  private last: GraphDocument | null = null;

  constructor(private readonly options: ResidentOptions) {
    if (!options || typeof options.out !== "string" || !options.out) throw new TypeError(`${MODULE}: a resident build needs the graph.json to write (out)`);
    this.layout = new KeptLayout(options.seed ?? 42);
  }

  /**
   * Brings the corpus stage, the layout and graph.json to `articles` (the whole corpus, in corpus
   * order, as readCorpus gives it). On an error graph.json stays as it was; the next update
   * starts over from every analysis should the error have come from the corpus stage.
   */
  async update(articles: readonly ArticleInput[]): Promise<ResidentUpdate> {
    if (!Array.isArray(articles)) throw new TypeError(`${MODULE}: a resident build's update needs the corpus's articles (an array)`);
    const started = performance.now();
    const seen = new Set<string>();
    for (const a of articles) {
      const id = a?.meta?.id;
      if (typeof id !== "string") throw new TypeError(`${MODULE}: every article needs meta.id`);
      if (seen.has(id)) throw new TypeError(`${MODULE}: article id "${id}" is given twice`);
      seen.add(id);
    }
    const added: string[] = [];
    const changed: string[] = [];
    const removed = [...this.held.keys()].filter((id) => !seen.has(id));
    // Made once: compared now, and held for the next update.
    const identities = articles.map(articleIdentity);
    articles.forEach((a, i) => {
      const had = this.held.get(a.meta.id);
      if (!had) added.push(a.meta.id);
      else if (had.identity !== identities[i]) changed.push(a.meta.id);
    });
    const gazetteer = gazetteerKey(corpusPublishers(articles));
    const rebuilt =
      this.corpus === null
        ? this.laidOut
          ? "the last update failed in the corpus stage"
          : "the first update"
        : gazetteer !== this.gazetteer ? "the set of publishers changed, and with it every analysis" : null;
    if (!rebuilt && !added.length && !changed.length && !removed.length && this.last) return { document: this.last, stats: null };

    const redo = new Set(rebuilt ? articles.map((a) => a.meta.id) : [...added, ...changed]);
    const { analyses, stats: analyze } = await analyzeCorpus(articles, {
      jobs: this.options.jobs,
      cacheDir: this.options.cacheDir,
      progress: this.options.progress,
      onWarning: this.options.onWarning,
      minCharsForWorkers: this.options.minCharsForWorkers,
      mode: this.mode,
      select: (article) => redo.has(article.meta.id),
    });
    const analyzedAt = performance.now();
    const corpus = rebuilt ? new IncrementalCorpus() : this.corpus!;
    const fresh = articles
      .map((input, index) => ({ input, analysis: analyses[index] }))
      .filter((a): a is { input: ArticleInput; analysis: ArticleAnalysis } => a.analysis !== undefined);
    let updated: ReturnType<IncrementalCorpus["update"]>;
    try {
      updated = corpus.update({ added: fresh, removed: rebuilt ? [] : [...removed, ...changed], order: articles.map((a) => a.meta.id) });
    } catch (error) {
      // An update that failed part way may leave the kept stage half changed: the next update makes it again.
      this.corpus = null;
      this.last = null;
      throw error;
    }
    const { document, stats: corpusStats } = updated;
    // The corpus stage holds the new corpus from here on, whether or not graph.json can be written.
    this.corpus = corpus;
    this.gazetteer = gazetteer;
    this.mode = analyze.mode;
    this.held = new Map(articles.map((a, i) => [a.meta.id, { input: a, identity: identities[i]! }]));
    this.last = null;
    const corpusMs = performance.now() - analyzedAt;

    let laid: GraphDocument;
    let layout: ResidentUpdateStats["layout"] = null;
    if (!this.laidOut) {
      laid = layoutDocument(document, { seed: this.options.seed ?? 42 });
      this.layout.keep(document, laid);
      this.laidOut = true;
    } else {
      const kept = this.layout.update(document);
      laid = kept.document;
      layout = { kept: kept.kept, placedByNeighbours: kept.placedByNeighbours, placedAlone: kept.placedAlone };
    }
    const laidAt = performance.now();
    const written = writeJsonAtomicReusing(this.options.out, laid, { compact: laid.graph.edges.length > COMPACT_GRAPH_JSON_ABOVE_EDGES, previous: this.ranges });
    const writeMs = performance.now() - laidAt;
    this.ranges = written.ranges;
    this.last = laid;
    if (this.options.cacheDir && analyze.generation && rebuilt) new AnalysisCache(this.options.cacheDir, analyze.generation).prune();
    return {
      document: laid,
      stats: {
        articles: articles.length,
        added,
        removed,
        changed,
        rebuilt,
        analyze,
        corpus: corpusStats,
        corpusMs,
        layoutMs: laidAt - analyzedAt - corpusMs,
        layout,
        writeMs,
        bytes: written.bytes,
        reusedBytes: written.reusedBytes,
        nodes: laid.graph.nodes.length,
        edges: laid.graph.edges.length,
        totalMs: performance.now() - started,
      },
    };
  }
}
