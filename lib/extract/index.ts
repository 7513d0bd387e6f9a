// The extractor: articles → sentences → mentions → entities → relations → meetings → conflicts.
// Pure and deterministic: the same articles give the same result, in the same order.
import type { GraphDocument } from "../contract";
import { assembleGraph } from "./assemble";
import { buildGazetteer, type Gazetteer } from "./gazetteer";
import { findAcronymDefinitions } from "./acronyms";
import { findDocuments, resolveDocumentReferences, type DocumentMention } from "./documents";
import { findMentions, isPlaceUse } from "./mentions";
import { extractMeetings } from "./meetings";
import { extractRelations } from "./relations";
import { dropUnconfirmedIndefiniteDocuments, resolveEntities } from "./resolve";
import { shapedMention } from "./mention-shape";
import { SentenceMentions } from "./sentence-mentions";
import { splitSentences } from "./text";
import type { ArticleInput, CorpusProgress, ExtractionReport, Mention, Sentence } from "./types";

export type { ArticleInput, CorpusProgress, ExtractionReport } from "./types";
export { buildGazetteer } from "./gazetteer";

export interface ExtractionOutput {
  document: GraphDocument;
  report: ExtractionReport;
}

const MODULE = "newsgraph/extract";

/** Builds the graph document (without layout) from a corpus. */
export function extractCorpus(articles: readonly ArticleInput[]): ExtractionOutput {
  if (!Array.isArray(articles)) throw new TypeError(`${MODULE}: articles must be an array`);
  const ids = new Set<string>();
  for (const a of articles) {
    if (!a || typeof a.text !== "string" || !a.meta || typeof a.meta.id !== "string") {
      throw new TypeError(`${MODULE}: every article needs { meta: { id, … }, text }`);
    }
    if (ids.has(a.meta.id)) throw new Error(`${MODULE}: article id "${a.meta.id}" appears twice`);
    ids.add(a.meta.id);
  }
  const publishers = articles.map((a) => a.meta.publisher).filter((p): p is string => Boolean(p));
  const gazetteer = buildGazetteer(publishers);
  return extractFromAnalyses(
    articles,
    articles.map((a) => {
      const analysis = analyzeArticle(a, gazetteer);
      // The corpus stage reads mentions in one shape (see mention-shape.ts); the build's analyses
      // get it when decoded (lib/build/codec.ts).
      analysis.mentions = analysis.mentions.map(shapedMention);
      return analysis;
    }),
  );
}

/** What one article yields on its own, before the corpus is resolved: cacheable by content hash. */
export interface ArticleAnalysis {
  id: string;
  sentences: Sentence[];
  mentions: Mention[];
  acronyms: Array<{ long: string; short: string; article: string }>;
}

/** The per-article stage: sentences, mentions, documents, acronym definitions. */
export function analyzeArticle(article: ArticleInput, gazetteer: Gazetteer): ArticleAnalysis {
  const id = article.meta.id;
  const sentences = splitSentences(article.text, id);
  const documents: DocumentMention[] = [];
  const names: Mention[] = [];
  const acronyms: ArticleAnalysis["acronyms"] = [];
  for (const sentence of sentences) {
    const found = findMentions(sentence, { gazetteer });
    for (const m of found) if (m.metonymFor) m.placeUse = isPlaceUse(sentence, m.start);
    const docs = findDocuments(sentence, found);
    documents.push(...docs);
    // A name inside a titled document ("Executive Order 14024") is part of the title.
    const titled = docs.filter((d) => d.rule === "doc:executive-order" || d.rule === "doc:title-case");
    names.push(...found.filter((m) => !titled.some((d) => m.start >= d.start && m.end <= d.end)));
    acronyms.push(...findAcronymDefinitions(sentence, found));
  }
  return { id, sentences, mentions: [...names, ...resolveDocumentReferences(documents)], acronyms };
}

/** The corpus stage: resolution across articles, relations, meetings, conflicts, assembly. */
export function extractFromAnalyses(
  articles: readonly ArticleInput[],
  analyses: readonly ArticleAnalysis[],
  options: {
    explain?: boolean;
    /** Filled with the ms each phase took (resolve, relations, meetings, assemble). */
    phases?: Record<string, number>;
    /** Called after each phase, by name (the build collects garbage there: lib/build/gc.ts). */
    onPhase?: (name: string) => void;
    /**
     * The caller gives the analyses up: the array is emptied once read, so sentences and tokens
     * can be collected before the graph is assembled (a large build's memory peak). The document
     * is then for writing out: its edges make their key when asked (see AssemblyInput.release).
     */
    release?: boolean;
    /** Counts the per-article passes of relations and meetings, and the meeting accounts clustered (a long build's progress bar). */
    progress?: CorpusProgress;
  } = {},
): ExtractionOutput {
  let mark = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    if (options.phases) options.phases[name] = (options.phases[name] ?? 0) + now - mark;
    if (options.onPhase) {
      options.onPhase(name);
      // What the callback took is nobody's phase.
      mark = performance.now();
    } else mark = now;
  };
  const report: ExtractionReport = { collect: options.explain !== false, entries: [], unlinked: [] };
  const sentences = new Map<string, Sentence[]>();
  const mentions: Mention[] = [];
  const texts = new Map<string, string>();
  const acronyms: ArticleAnalysis["acronyms"] = [];
  for (const article of articles) texts.set(article.meta.id, article.text);
  for (const analysis of analyses) {
    sentences.set(analysis.id, analysis.sentences);
    // One push per item: a spread of a huge article's mentions would overflow the call stack.
    for (const m of analysis.mentions) mentions.push(m);
    for (const a of analysis.acronyms) acronyms.push(a);
  }
  if (options.release && Array.isArray(analyses)) (analyses as ArticleAnalysis[]).length = 0;

  dropUnconfirmedIndefiniteDocuments(mentions);
  const entities = resolveEntities({ mentions, sentences, acronyms });
  phase("resolve");
  for (const m of mentions) {
    if (m.key && report.collect) report.entries.push({ article: m.article, sentence: m.sentence, rule: m.rule, what: `${m.type === "Unknown" ? "name" : m.type} "${m.text}" → ${m.key}`, quote: m.text });
    if (!m.key && !m.weak && m.rule !== "title-case-phrase") {
      report.unlinked.push({ article: m.article, text: m.text, start: m.start, reason: m.type === "Unknown" ? "no entity matched and no type cue" : "dropped" });
    }
  }
  // Past resolution only resolved mentions are read (relations, meetings and assembly all look
  // mentions up by key): the rest can go.
  if (options.release) keepResolved(mentions);
  const metaById = new Map(articles.map((a) => [a.meta.id, a.meta]));
  let sentenceMentions: SentenceMentions | null = new SentenceMentions(mentions);
  const { progress } = options;
  const relations = extractRelations({ sentences, mentions, entities, texts, report, sentenceMentions, progress });
  phase("relations");
  const meetings = extractMeetings({ sentences, mentions, entities, texts, metaById, report, relations: relations.relations, sentenceMentions, release: options.release, progress });
  phase("meetings");
  // Sentences are not needed past this point (assembly quotes the article texts).
  sentences.clear();
  if (options.release) {
    // Entities hold the mentions assembly still reads; these lists are the only other holders.
    mentions.length = 0;
    sentenceMentions = null;
  }
  const document = assembleGraph({
    articles: articles.map((a) => a.meta),
    entities,
    relations,
    meetings,
    texts,
    release: options.release === true,
  });
  phase("assemble");
  return { document, report };
}

/** Removes, in place, the mentions that resolved to no entity. */
function keepResolved(mentions: Mention[]): void {
  let kept = 0;
  for (const m of mentions) if (m.key) mentions[kept++] = m;
  mentions.length = kept;
}

