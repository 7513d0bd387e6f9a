import { createHash } from "node:crypto";
import { analyzeArticle, buildGazetteer, extractCorpus, type ArticleAnalysis } from "@/lib/extract";
import type { ArticleInput, Mention, ResolvedEntity } from "@/lib/extract/types";
import type { GraphDocument, SerializedEdge, SerializedNode } from "@/lib/contract";

/** An article made of the given text, as the corpus reader would make it. */
export function article(id: string, text: string, meta: Partial<ArticleInput["meta"]> = {}): ArticleInput {
  return {
    meta: {
      id,
      file: `${id}.txt`,
      title: null,
      publisher: null,
      url: null,
      date: null,
      sha256: createHash("sha256").update(text).digest("hex"),
      chars: text.length,
      ...meta,
    },
    text,
  };
}

export function extract(...articles: ArticleInput[]): GraphDocument {
  return extractCorpus(articles).document;
}

export function nodeByLabel(doc: GraphDocument, label: string): SerializedNode | undefined {
  return doc.graph.nodes.find((n) => n.attributes.label === label || n.attributes.aliases.includes(label));
}

export function labels(doc: GraphDocument, type?: string): string[] {
  return doc.graph.nodes.filter((n) => !type || n.attributes.type === type).map((n) => n.attributes.label).sort();
}

/** Relations as "Source label TYPE Target label" strings (typed relations only). */
export function relations(doc: GraphDocument): string[] {
  const label = new Map(doc.graph.nodes.map((n) => [n.key, n.attributes.label]));
  return doc.graph.edges
    .filter((e: SerializedEdge) => e.attributes.type !== "CO_MENTIONED")
    .map((e) => `${label.get(e.source)} ${e.attributes.type} ${label.get(e.target)}`)
    .sort();
}

/** Analyses of `articles`, with the publishers of `corpus` known (a build's gazetteer is its whole corpus's). */
export function analyzeWithCorpus(articles: readonly ArticleInput[], corpus: readonly ArticleInput[] = articles): ArticleAnalysis[] {
  const gazetteer = buildGazetteer(corpus.map((a) => a.meta.publisher).filter((p): p is string => Boolean(p)));
  return articles.map((a) => analyzeArticle(a, gazetteer));
}

/** Everything resolution decides, in its order, as comparable text: each entity with its aliases and mentions, then each mention's type and key. */
export function resolutionDecisions(entities: ReadonlyMap<string, ResolvedEntity>, mentions: readonly Mention[]): string[] {
  const out: string[] = [];
  for (const e of entities.values()) {
    const aliases = [...e.aliases].map(([alias, articles]) => `${alias}@${[...articles].join(",")}`).join(";");
    out.push(`${e.key} ${e.type} "${e.label}" [${aliases}] ${e.mentions.map((m) => `${m.article}:${m.start}`).join(",")}`);
  }
  for (const m of mentions) out.push(`${m.article}:${m.start}-${m.end} ${m.type} ${m.key ?? "-"}`);
  return out;
}
