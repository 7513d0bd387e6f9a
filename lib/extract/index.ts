// The extractor: articles → sentences → mentions → entities → relations → meetings → conflicts.
// Pure and deterministic: the same articles give the same result, in the same order.
import type { GraphDocument } from "../contract";
import { assembleGraph } from "./assemble";
import { buildGazetteer } from "./gazetteer";
import { findAcronymDefinitions } from "./acronyms";
import { findMentions } from "./mentions";
import { extractMeetings } from "./meetings";
import { extractRelations } from "./relations";
import { resolveEntities } from "./resolve";
import { splitSentences } from "./text";
import type { ArticleInput, ExtractionReport, Mention, Sentence } from "./types";

export type { ArticleInput, ExtractionReport } from "./types";

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
  const report: ExtractionReport = { entries: [], unlinked: [] };
  const publishers = articles.map((a) => a.meta.publisher).filter((p): p is string => Boolean(p));
  const gazetteer = buildGazetteer(publishers);

  const sentences = new Map<string, Sentence[]>();
  const mentions: Mention[] = [];
  const texts = new Map<string, string>();
  const acronyms: Array<{ long: string; short: string; article: string }> = [];
  for (const article of articles) {
    const id = article.meta.id;
    texts.set(id, article.text);
    const list = splitSentences(article.text, id);
    sentences.set(id, list);
    for (const sentence of list) {
      const found = findMentions(sentence, { gazetteer });
      mentions.push(...found);
      acronyms.push(...findAcronymDefinitions(sentence, found));
    }
  }

  const entities = resolveEntities({ mentions, sentences, acronyms });
  for (const m of mentions) {
    if (!m.key && !m.weak && m.rule !== "title-case-phrase") {
      report.unlinked.push({ article: m.article, text: m.text, start: m.start, reason: m.type === "Unknown" ? "no entity matched and no type cue" : "dropped" });
    }
  }
  const metaById = new Map(articles.map((a) => [a.meta.id, a.meta]));
  const relations = extractRelations({ sentences, mentions, entities, texts, report });
  const meetings = extractMeetings({ sentences, mentions, entities, texts, metaById, report });
  const document = assembleGraph({
    articles: articles.map((a) => a.meta),
    entities,
    relations,
    meetings,
    texts,
  });
  return { document, report };
}
